"""Why did it stall? Dead ReLUs and identical units, said above the canvas and marked on it.

A few times a second at most (and once more when training pauses) the shown parameters are read
in a background thread (nnviz.engine.unit_health: a forward pass over the training examples).
A banner above the canvas says what is wrong and the remedy; on the canvas each dead unit shown
gets a red ✕ and a layer whose units are identical a "units identical" badge over its column.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPicture
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from nnviz.engine.network import Architecture
from nnviz.engine.snapshot import Snapshot
from nnviz.engine.unit_health import Health, dead_units, health, messages, serious
from nnviz.ui.common import theme
from nnviz.ui.common.dump import entry
from nnviz.ui.lessons.job import Job
from nnviz.ui.run.controller import Controller

EVERY_MS = 400  # at most this often while training
CHUNK = 1024  # examples per forward pass
QUICK_MACS = 150_000_000  # read on the GUI thread when paused up to this many multiply-adds
MARK = QColor(theme.DANGER)


def example_chunks(dataset, size: int = CHUNK):
    """The training examples X (n_x, k) float32, `size` at a time (pictures scaled from their
    uint8 source chunk by chunk, so no full float copy of a large set is made)."""
    raw = dataset.raw
    if raw is not None and raw.dtype == np.uint8:
        for i in range(0, raw.shape[0], size):
            part = raw[i : i + size]
            yield (part.reshape(part.shape[0], -1).T / np.float32(255)).astype(np.float32)
    else:
        X = dataset.X
        for i in range(0, X.shape[1], size):
            yield X[:, i : i + size]


class UnitMarks(QWidget):
    """Drawn over the canvas: ✕ on dead units, a badge on layers with identical units."""

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.health: Health | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.resize(canvas.size())
        canvas.installEventFilter(self)
        # the marks as drawn, replayed on each of the canvas's frames (it repaints this widget
        # with it, 60 times a second while training): rebuilt when the health, the scene or
        # the view changes
        self._drawn: tuple[tuple, QPicture, tuple] | None = None

    def show_health(self, h: Health | None) -> None:
        self.health = h
        self.setVisible(h is not None and (h.dead_count() > 0 or bool(h.identical)))
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.canvas and event.type() == QEvent.Type.Resize:
            self.resize(self.canvas.size())
        return False

    def marks(self) -> tuple[list[tuple[int, int, QPointF]], list[tuple[int, QPointF]]]:
        """([(l, j, centre)] of the dead units drawn, [(l, top of column)] of the badges)."""
        h = self.health
        if h is None:
            return [], []
        scene, view = self.canvas.scene, self.canvas.view
        dead = []
        for l, d in enumerate(h.dead):
            if not d.size or l > scene.L:
                continue
            shown = scene.shown[l]
            pos = scene.unit_positions(l)
            for k, j in enumerate(shown):
                if j < d.size and d[j]:
                    x, y = view.map(pos[k])
                    dead.append((l, int(j), QPointF(float(x), float(y))))
        badges = []
        for l in h.identical:
            pos = scene.unit_positions(l) if l <= scene.L else np.zeros((0, 2))
            if len(pos):
                x, y = view.map(pos[0])
                badges.append((l, QPointF(float(x), float(y))))
        return dead, badges

    def paintEvent(self, event) -> None:
        v = self.canvas.view
        key = (id(self.health), id(self.canvas.scene), v.scale, v.tx, v.ty, self.size().toTuple())
        if self._drawn is None or self._drawn[0] != key:
            picture = QPicture()
            self._draw(picture)
            self._drawn = (key, picture, (self.health, self.canvas.scene))  # ids stay theirs
        p = QPainter(self)
        p.drawPicture(0, 0, self._drawn[1])
        p.end()

    def _draw(self, device: QPicture) -> None:
        dead, badges = self.marks()
        if not dead and not badges:
            return
        p = QPainter(device)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = 0.6 * float(self.canvas.scene.geometry.radius) * float(self.canvas.view.scale)
        p.setPen(QPen(MARK, max(1.5, r / 4)))
        for _l, _j, c in dead:
            p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r))
            p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r))
        font = QFont(theme.FONT_FAMILY)
        font.setPointSizeF(8.5)
        p.setFont(font)
        for _l, c in badges:
            box = QRectF(c.x() - 48, c.y() - 2.6 * r - 22, 96, 16)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(MARK)
            p.drawRoundedRect(box, 7, 7)
            p.setPen(QColor("#ffffff"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, "units identical")
        p.end()


def _quick(snap: Snapshot, m: int) -> bool:
    """A forward pass over the m examples small enough for the GUI thread (a few ms)."""
    dims = snap.layer_dims
    return m * sum(dims[l] * dims[l - 1] for l in range(1, len(dims))) <= QUICK_MACS


class HealthFeature(QObject):
    """Reads the shown parameters now and then; the banner and the canvas marks say it."""

    def __init__(self, window: QMainWindow, c: Controller) -> None:
        super().__init__(window)
        self.main, self.c = window, c
        self.job = Job(self)
        self.health: Health | None = None
        self.banner = QLabel()
        self.banner.setObjectName("healthBanner")
        self.banner.setWordWrap(True)
        self._style(True)
        self.banner.hide()
        self.marks = UnitMarks(window.canvas)
        self.marks.hide()
        self.timer = QTimer(self, singleShot=True, interval=EVERY_MS)
        self.timer.timeout.connect(self.check_now)
        self.job.done.connect(self._done)
        c.snapshotChanged.connect(self._snapshot)
        c.playingChanged.connect(lambda playing: None if playing else self._snapshot(None))
        c.runReset.connect(lambda _cfg: self._clear())
        c.datasetChanged.connect(lambda _ds: self._clear())

    def _style(self, alarm: bool) -> None:
        colour, back = (theme.DANGER, "#fff5f5") if alarm else (theme.BORDER, theme.SURFACE)
        text = theme.TEXT if alarm else theme.TEXT_MUTED
        self.banner.setStyleSheet(
            f"QLabel#healthBanner {{ background: {back}; color: {text}; "
            f"border: 1px solid {colour}; border-radius: 4px; padding: 3px 8px; }}"
        )

    def _snapshot(self, _snap: Snapshot | None) -> None:
        """Paused (or looking back): read now, so the banner and the marks describe the shown
        parameters like every other view; while training: in the background, throttled."""
        snap = self.c.record.shown
        if snap is not None and not self.c.is_playing and _quick(snap, self.c.dataset.m):
            self.timer.stop()
            self.check_now(wait=True)
        elif not self.timer.isActive():
            self.timer.start()

    def _clear(self) -> None:
        self.job.cancel()
        self.health = None
        self.banner.hide()
        self.marks.show_health(None)

    def check_now(self, wait: bool = False) -> bool:
        """Read the shown parameters in the background (wait: here, now); False when there are
        none."""
        snap = self.c.record.shown
        if snap is None:
            return False
        dataset = self.c.dataset

        def work(progress, cancelled):
            arch = Architecture(snap.layer_dims, snap.activation)
            dead = None
            for X in example_chunks(dataset):
                part = dead_units(arch, snap.W, snap.b, X)
                dead = part if dead is None else [a & p for a, p in zip(dead, part, strict=True)]
            return health(arch, snap.W, snap.b, None, snap.iteration, dead)

        if wait:
            self.job.invalidate()  # a reading still running in the background is older
            self._done(self.job.token, work(None, None))
        else:
            self.job.start(work)
        return True

    def _done(self, token: int, out) -> None:
        if token != self.job.token:
            return
        h = out
        shown = self.c.record.shown
        if shown is None or len(h.dead) != len(shown.layer_dims):
            return  # the network changed meanwhile
        self.health = h
        said = messages(h)
        self._style(serious(h))
        self.banner.setText(" ".join(said))
        self.banner.setVisible(bool(said))
        self.marks.show_health(h)

    def state(self) -> dict:
        h = self.health
        return entry(
            self.banner,
            self.main,
            iteration=None if h is None else h.iteration,
            J=None,
            dead=None if h is None else h.dead_count(),
            relus=None if h is None else h.relu_count(),
            identical=[] if h is None else list(h.identical),
            marked=len(self.marks.marks()[0]) if self.marks.isVisible() else 0,
            badges=len(self.marks.marks()[1]) if self.marks.isVisible() else 0,
            text=self.banner.text(),
            serious=self.health is not None and serious(self.health),
        )

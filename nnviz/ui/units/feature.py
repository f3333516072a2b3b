"""The Units tab: what each first-layer unit of a picture network looks for, live.

- A grid of every unit's W[1][j] as a picture (nnviz.run.unit_pictures), redrawn from the shown
  snapshot at most GRID_HZ times a second, only while the tab is on screen (cheap: one numpy pass
  over W[1], about 1 ms for the course's 20 units).
- One unit large: the clicked one (on the canvas or in the grid), or the one hovered on the canvas
  while the pointer is on it; its three channels, and the 6 training pictures with the largest
  and the smallest z = W[1][j] x + b[1][j] (recomputed at most EXTREMES_HZ times a second).
- "Change since start" (on by default): W[1] minus the W[1] the run started from. The course's
  init is noise of the same size as what 2,000 iterations add, so W[1] itself still looks like
  noise at iteration 1,500 while its change already shows faces; off shows W[1] itself.
- On the canvas, hovering a layer-1 unit shows its picture beside the hover box.
For data that are not pictures (2-D points) the tab says so and draws nothing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from nnviz.engine.snapshot import Snapshot
from nnviz.run.unit_pictures import channel_maps, extremes, weight_pictures
from nnviz.ui.canvas.paint import numpy_to_qimage
from nnviz.ui.common.dump import entry, parse_text
from nnviz.ui.common.throttle import Latest
from nnviz.ui.run.controller import Controller
from nnviz.ui.units.view import Thumb, UnitsView

if TYPE_CHECKING:
    from nnviz.ui.plane import PlaneFeature

GRID_HZ = 15
EXTREMES_HZ = 4
K = 6  # training pictures shown beside a unit, each way
MAX_TILES = 128  # units drawn in the grid (a wider first layer shows its first MAX_TILES)
TAB_TIP = "What each first-layer unit looks for: W[1][j] as a picture, live"


class UnitsPanel(QWidget):
    """The tab's widget: a caption, the 'Change since start' toggle, a note, the painted view."""

    shown = Signal()

    def __init__(self) -> None:
        super().__init__()
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        self.caption = QLabel("")
        self.change = QCheckBox("Change since start")
        self.change.setChecked(True)  # the course's init is noise that hides what is learned
        self.change.setToolTip(
            "Show W[1] minus its value when the run started: the random initialisation taken "
            "out, what training added stands out. Off: W[1] itself (noise at first)"
        )
        head.addWidget(self.caption, 1)
        head.addWidget(self.change)
        col.addLayout(head)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        col.addWidget(self.note)
        self.view = UnitsView()
        self.view.setToolTip(
            "Each picture is a unit's weights W[1][j] laid out as the input picture: grey is "
            "weight 0, a colour brighter (darker) where the unit weighs that channel up (down). "
            "The strip shows the red, green and blue weights apart."
        )
        col.addWidget(self.view)
        col.addStretch(1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.shown.emit()


class UnitsFeature(QObject):
    """Keeps the Units tab and the canvas's hover picture in step with the shown snapshot."""

    def __init__(self, window: QMainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window, self.c = window, controller
        self.panel = UnitsPanel()
        self.view = self.panel.view
        self.selected = 0  # the clicked unit (0-based)
        self.hovered: int | None = None  # the layer-1 unit under the canvas's pointer
        self.start_W1: np.ndarray | None = None  # W[1] when the run started (this generation)
        self.shown_iteration: int | None = None
        self.shown_unit: int | None = None
        self.top: np.ndarray = np.zeros(0, int)
        self.bottom: np.ndarray = np.zeros(0, int)
        self._extremes_key: tuple | None = None
        self._extremes_at = 0.0
        self._hover_cache: tuple[tuple, QImage | None] = ((), None)
        self._feed = Latest(self.refresh, GRID_HZ, self)
        self.plane: PlaneFeature | None = None  # the Plane tab (install_units)
        c, canvas = controller, window.canvas
        c.snapshotChanged.connect(self._snapshot)
        c.playingChanged.connect(lambda p: None if p or not self.visible() else self.refresh())
        c.runReset.connect(lambda _cfg: self._reset())
        c.datasetChanged.connect(lambda _ds: self._reset())
        canvas.unitHovered.connect(self._hover)
        canvas.unitClicked.connect(self._clicked)
        canvas.hover_picture = self.hover_picture
        self.view.tileClicked.connect(self.select)
        self.panel.change.toggled.connect(lambda _on: self.refresh())
        self.panel.shown.connect(self.refresh)
        self._reset()

    # ----- what is available -----
    def image_shape(self) -> tuple[int, int, int] | None:
        """The input pictures' shape when the network's input is a picture, else None."""
        ds, snap = self.c.dataset, self.c.snapshot
        shape = ds.image_shape
        if shape is None or (snap is not None and snap.layer_dims[0] != int(np.prod(shape))):
            return None
        if snap is not None and snap.L < 1:
            return None
        return shape

    def weights(self, snap: Snapshot) -> np.ndarray:
        """W[1] (n_1, n_x) of `snap`, or its change since the run started when asked."""
        W1 = snap.W[1]
        start = self.start_W1
        if self.panel.change.isChecked() and start is not None and start.shape == W1.shape:
            return W1 - start
        return W1

    def visible(self) -> bool:
        return self.window.places.tab_shown(self.panel) and self.panel.isVisible()

    # ----- reactions -----
    def _reset(self) -> None:
        self.start_W1 = None
        self.selected, self.hovered = 0, None
        self._extremes_key = None
        self._feed.discard()
        self.view.clear()
        self.shown_iteration = self.shown_unit = None
        self.top = self.bottom = np.zeros(0, int)
        if self.c.dataset.image_shape is None:
            self.panel.note.setText(
                "First-layer pictures are for picture datasets: this one's inputs are "
                f"{self.c.dataset.n_x} numbers, not a picture."
            )
        else:
            self.panel.note.setText("")
        self.panel.caption.setText("")
        if self.c.snapshot is not None:
            self._snapshot(self.c.snapshot)

    def _snapshot(self, snap: Snapshot) -> None:
        if self.start_W1 is None and snap.L >= 1 and not self.c.viewing_past:
            self.start_W1 = np.array(snap.W[1], copy=True)
        if self.visible():
            self._feed() if self.c.is_playing else self.refresh()  # paused: at once

    def _hover(self, l: int, j: int) -> None:
        hovered = j if l == 1 else None
        if hovered != self.hovered:
            self.hovered = hovered
            if self.visible():
                self._feed()

    def _clicked(self, l: int, j: int) -> None:
        if l == 1 and self.image_shape() is not None:
            self.select(j)
            self.window.places.show_tab(self.panel)

    def select(self, j: int) -> None:
        """Show first-layer unit j (0-based) large."""
        self.selected = int(j)
        self._extremes_key = None
        self.refresh()

    # ----- drawing -----
    def refresh(self) -> None:
        """Redraw the grid and the shown unit from the shown snapshot."""
        self._feed.discard()
        snap, shape = self.c.snapshot, self.image_shape()
        if snap is None or shape is None:
            self.view.clear()
            return
        W = self.weights(snap)
        n = W.shape[0]
        self.selected = min(self.selected, n - 1)
        unit = self.hovered if self.hovered is not None and self.hovered < n else self.selected
        self.view.set_grid(weight_pictures(W[:MAX_TILES], shape))
        how = "hovered" if unit == self.hovered else "selected"
        what = f"W[1][{unit + 1}]" + (" − its start" if W is not snap.W[1] else "")
        self.view.set_detail(
            f"Unit {unit + 1} of layer 1 ({how}) · {what} as a {shape[0]}×{shape[1]}×3 picture",
            weight_pictures(W[unit], shape)[0],
            channel_maps(W[unit], shape),
            self.selected,
        )
        J = self.c.record.J()
        self.panel.caption.setText(
            f"iteration {snap.iteration:,}" + (f" · J = {J:.4f}" if J is not None else "")
        )
        self.shown_iteration, self.shown_unit = snap.iteration, unit
        self._update_extremes(snap, unit)

    def _update_extremes(self, snap: Snapshot, unit: int) -> None:
        now = time.perf_counter()
        key = (unit, self.c.record.generation)
        if key == self._extremes_key and now - self._extremes_at < 1.0 / EXTREMES_HZ:
            return
        self._extremes_key, self._extremes_at = key, now
        ds = self.c.dataset
        if ds.m == 0:
            return
        self.top, self.bottom, z = extremes(snap.W[1][unit], float(snap.b[1][unit, 0]), ds.X, K)
        names = ds.class_names

        def thumbs(idx: np.ndarray) -> list[Thumb]:
            return [
                Thumb(
                    numpy_to_qimage(ds.image(int(i))), int(i), float(z[i]), names[int(ds.Y[0, i])]
                )
                for i in idx
            ]

        self.view.set_extremes(thumbs(self.top), thumbs(self.bottom))

    def hover_picture(self, hit: tuple) -> QImage | None:
        """The picture of a hovered layer-1 unit for the canvas (None for anything else)."""
        snap, shape = self.c.snapshot, self.image_shape()
        if snap is None or shape is None or len(hit) != 2 or hit[0] != 1:
            return None
        key = (id(snap), hit[1], self.panel.change.isChecked())
        if key != self._hover_cache[0]:
            W = self.weights(snap)
            image = None if hit[1] >= W.shape[0] else weight_pictures(W[hit[1]], shape)[0]
            self._hover_cache = (key, None if image is None else numpy_to_qimage(image))
        return self._hover_cache[1]

    def state(self) -> dict:
        """What the Units tab shows (for --dump-state): iteration and J read from its caption."""
        if self.visible():
            self.refresh()  # what a pending redraw would show
        return entry(
            self.panel,
            self.window,
            **parse_text(self.panel.caption.text()),
            unit=None if self.shown_unit is None else self.shown_unit + 1,
            units=len(self.view.tiles),
            change=self.panel.change.isChecked(),
            most_active=[int(i) for i in self.top],
            least_active=[int(i) for i in self.bottom],
        )


def install_units(window: QMainWindow, controller: Controller) -> UnitsFeature:
    """Issue 13's views: the Units tab in the right column's bottom area with the canvas's hover
    picture, and the Plane tab for 2-D data (nnviz.ui.plane, as feature.plane)."""
    from nnviz.ui.plane import install_plane

    feature = UnitsFeature(window, controller)
    window.places.add_tab("bottom", feature.panel, "Units", TAB_TIP)
    window.places.add_state("units", feature.state)
    feature.plane = install_plane(window, controller)
    return feature

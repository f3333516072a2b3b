"""Edit a weight by hand, as TensorFlow Playground allows: click an edge (or a unit's bias ring)
on the canvas, or point at it and press E, then type a value and press Enter, or drag the slider.

The edit goes to the run through the controller (Controller.edit: pause, then one step made by
the training thread; nnviz.engine.edit); the record then gets the new iteration's snapshot and
cost the usual way, so every view follows, the timeline keeps the edit as a step of its own and
Reset treats it like any other progress. A drag applies live and is one step. The editor shows
the shown snapshot's value, never a copy of the run.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from nnviz.engine.edit import Target
from nnviz.engine.snapshot import Snapshot
from nnviz.ui.common.dump import entry, parse_text
from nnviz.ui.edit.editor import WeightEditor, value_text
from nnviz.ui.run.controller import Controller

POINT_AT = "Point at an edge or a unit on the canvas and press E, or click an edge or a bias ring"


def target_of(hit: tuple) -> Target | None:
    """The canvas's hit: an edge (l, j, k) is W[l][j, k]; a unit (l, j) of a layer l ≥ 1 its
    bias b[l][j]; an input unit has none."""
    if len(hit) == 3:
        return Target("W", *(int(v) for v in hit))
    l, j = (int(v) for v in hit)
    return Target("b", l, j) if l >= 1 else None


def describe(t: Target, image_shape: tuple | None) -> str:
    """What the parameter joins, units from 1 as the canvas numbers them."""
    if t.kind == "b":
        return f"bias of unit {t.j + 1} of layer {t.layer}"
    if t.layer > 1:
        source = f"unit {t.k + 1} of layer {t.layer - 1}"
    elif image_shape is not None and len(image_shape) >= 2:
        w, c = image_shape[1], (image_shape[2] if len(image_shape) > 2 else 1)
        colour = ("red", "green", "blue")[t.k % c] if c == 3 else "value"
        source = f"input {t.k + 1} (pixel row {t.k // (w * c)}, col {(t.k // c) % w}, {colour})"
    else:
        source = f"input {t.k + 1}"
    return f"weight from {source} to unit {t.j + 1} of layer {t.layer}"


class EditFeature(QObject):
    """The editor on the canvas, wired to the canvas's clicks, the E key and the controller."""

    def __init__(self, window: QMainWindow, c: Controller, canvas: QWidget) -> None:
        super().__init__(window)
        self.window, self.c, self.canvas = window, c, canvas
        self.editor = WeightEditor(canvas)
        self.target: Target | None = None  # the parameter the editor shows
        self.last: Target | None = None  # the one edited last (E opens it with nothing pointed)
        self.action = QAction("Edit the weight under the pointer…", window)
        self.action.setShortcut(QKeySequence("E"))
        self.action.setToolTip(POINT_AT)
        self.action.triggered.connect(self.edit_pointed)
        window.addAction(self.action)  # its key works with the menus hidden (presenter mode)
        canvas.weightClicked.connect(self._clicked)
        self.editor.applied.connect(self._apply)
        self.editor.dragged.connect(self._drag)
        self.editor.cancelled.connect(self.close)
        c.edited.connect(self._edited)
        c.snapshotChanged.connect(self._snapshot)
        for signal in (c.runReset, c.runBranched, c.datasetChanged):
            signal.connect(self.close)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus)

    # ----- opening -----
    def open(self, target: Target, at: QPoint | QPointF | None = None) -> bool:
        """Show the editor for `target` at `at` (canvas coordinates; default its middle); pauses
        training. False (and a status message) when the network has no such parameter."""
        snap = self.c.snapshot
        try:
            if snap is None:
                raise ValueError("the network is not shown yet")
            target.check(snap.layer_dims)
        except ValueError as e:
            self.c.status.emit(f"Nothing to edit: {e}")
            return False
        self.c.pause()
        self.target = target
        point = at.toPoint() if isinstance(at, QPointF) else at
        if point is None:
            point = QPoint(self.canvas.width() // 2 - 170, self.canvas.height() // 3)
        about = describe(target, self.c.dataset.image_shape)
        value = target.value(snap.W, snap.b)
        self.editor.open(target.label(), about, value, point, self.canvas.size())
        self._show_info()
        return True

    def edit_pointed(self) -> bool:
        """E: edit what the pointer is on (an edge, a unit's bias), else the last one edited."""
        pointed = self.canvas.pointed_weight()
        target = target_of(pointed[0]) if pointed is not None else None
        if target is not None:
            return self.open(target, pointed[1] if pointed is not None else None)
        if self.last is not None:
            return self.open(self.last)
        self.c.status.emit(POINT_AT)
        return False

    def _clicked(self, hit: tuple, at: QPointF) -> None:
        target = target_of(hit)
        if target is not None:
            self.open(target, at)

    def close(self, *_args) -> None:
        """Hide the editor; what was not applied is dropped."""
        if self.editor.isVisible():
            self.editor.hide()
            self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.target = None

    # ----- applying -----
    def _current(self) -> float | None:
        snap = self.c.snapshot
        return None if snap is None or self.target is None else self.target.value(snap.W, snap.b)

    def _apply(self, value: float) -> None:
        """Enter: the typed value as one step (nothing when it is the value already)."""
        if self.target is None:
            return
        now = self._current()
        if now is not None and value_text(value) == value_text(now):
            self.close()
            return
        said = self.c.edit(self.target, value)
        if said:
            self.editor.say(said)
            return
        self.last = self.target
        self.close()

    def _drag(self, value: float, first: bool) -> None:
        """A slider value: applied at once; the first of a drag is a step, the rest amend it."""
        if self.target is None:
            return
        said = self.c.edit(self.target, value, amend=not first)
        if said:
            self.editor.say(said)
        else:
            self.last = self.target

    def _edited(self, said: str) -> None:
        if not said:
            return
        if self.editor.isVisible():
            self.editor.say(said)
        else:
            self.c.problem.emit(said)

    # ----- following the run -----
    def _snapshot(self, snap: Snapshot) -> None:
        if not self.editor.isVisible() or self.target is None:
            return
        if not self.editor.touched:  # opened while training ran on: show the paused value
            self.editor.set_value(self.target.value(snap.W, snap.b))
        self._show_info()

    def _show_info(self) -> None:
        r = self.c.record
        J = r.J()
        reason = ""
        if self.c.viewing_past:
            reason = (
                "A past iteration: edit the newest one (End), or press “Continue from here” first"
            )
        self.editor.block(reason)
        j = "–" if J is None else f"{J:.6f}"
        self.editor.set_info(f"iteration {r.iteration:,} · J = {j}")

    def _focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A click or Tab elsewhere closes the editor, as a popup would."""
        ed = self.editor
        if ed.isVisible() and new is not None and new is not ed and not ed.isAncestorOf(new):
            self.close()

    def state(self) -> dict:
        """What the editor shows (for --dump-state)."""
        ed = self.editor
        info = ed.info.text() if ed.isVisible() else ""
        return entry(
            ed,
            self.window,
            **parse_text(info),
            target=self.target.label() if self.target is not None else None,
            value=ed.field.text() if ed.isVisible() else None,
            message=ed.message.text(),
        )


def install_editing(window: QMainWindow, controller: Controller) -> EditFeature:
    """The weight editor on the window's canvas; "Edit the weight under the pointer…" (E) in
    Training ▸ stepping; its state for --dump-state."""
    feature = EditFeature(window, controller, window.canvas)
    window.places.add_to_menu("training", "stepping", [feature.action])
    window.places.add_state("weight_editor", feature.state)
    return feature

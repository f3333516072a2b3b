"""The timeline bar: a slider over the iterations trained so far, to look back and branch.

Behaviour: the slider follows training while nobody holds it. Grabbing it pauses training;
any earlier position is recomputed exactly (engine.timeline) off the GUI thread (a LatestJob, the
newest request winning; its thread ends when the window closes), and shown everywhere through
Controller.view_past: canvas, equations, counter, and the cost plot's marker. Live snapshots wait
aside meanwhile. Dragging back to the end, Play or Step return to the newest iteration (training
resumes from the end); "Continue from here" asks, then drops the later history and training goes
on from the shown iteration.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QSlider, QWidget

from nnviz.engine.snapshot import Snapshot
from nnviz.engine.timeline import Timeline
from nnviz.ui.common.dump import entry, parse_text
from nnviz.ui.common.latest_job import LatestJob
from nnviz.ui.run.controller import Controller


class TimelineBar(QWidget):
    """Slider, "iteration k of n" and "Continue from here"; the logic lives in TimelineFeature."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 0)
        # Tab reaches it; ← → and Space stay the transport's keys (window shortcuts), ↑ ↓ move it
        self.slider.setFocusPolicy(Qt.StrongFocus)
        self.slider.setToolTip("Drag to see the network at any earlier iteration")
        self.label = QLabel()
        self.label.setMinimumWidth(150)
        self.continue_button = QPushButton("Continue from here")
        self.continue_button.setToolTip(
            "Train on from the shown iteration; the later iterations are dropped"
        )
        self.continue_button.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.addWidget(QLabel("Timeline"))
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        row.addWidget(self.continue_button)
        self.show_position(0, 0, live=True)

    def show_position(self, k: int, last: int, live: bool, first: int | None = None) -> None:
        """Put the handle at k of first..last (no signals) and describe it."""
        self.slider.blockSignals(True)
        if first is not None:
            self.slider.setMinimum(first)
        self.slider.setMaximum(max(last, self.slider.minimum()))
        self.slider.setValue(k)
        self.slider.blockSignals(False)
        tail = " · live" if live else " · past"
        self.label.setText(f"iteration {k:,} of {last:,}{tail}")
        self.continue_button.setEnabled(not live and k < last)


class TimelineFeature(QObject):
    """Wires the bar to the controller, the worker's timeline and the cost plot's marker."""

    def __init__(self, window: QMainWindow, c: Controller, timeline: Timeline) -> None:
        super().__init__(window)
        self.window, self.c, self.timeline = window, c, timeline
        self.bar = TimelineBar()
        self.scrubber = LatestJob(self._ready, self, "scrub")  # past iterations, newest first
        self._epoch = 0  # bumped by resets and branches: older scrub results are dropped
        self._last = 0  # the newest iteration shown live
        self.viewing: int | None = None  # the past iteration shown, None when live
        self._asked: int | None = None  # the past iteration asked for by the handle
        s = self.bar.slider
        s.valueChanged.connect(self._moved)
        s.sliderPressed.connect(self._grabbed)
        self.bar.continue_button.clicked.connect(self.continue_from_here)
        c.snapshotChanged.connect(self._snapshot)
        c.runReset.connect(lambda _cfg: self._restart(0))
        c.runBranched.connect(self._branched)
        window.installEventFilter(self)

    # ----- following training -----
    def _snapshot(self, snap: Snapshot) -> None:
        if self.c.viewing_past:
            return  # our own past view
        if self._asked is not None and snap.iteration <= self._last:
            return  # the newest again (a pause re-sends it): the handle stays where it was put
        self._last = snap.iteration
        if self.viewing is not None or self._asked is not None:  # Play or Step: live again
            self.viewing = self._asked = None
            self.window.cost_plot.set_marker(None)
        if not self.bar.slider.isSliderDown():
            first = min(self.timeline.first, snap.iteration)
            self.bar.show_position(snap.iteration, snap.iteration, live=True, first=first)

    def _restart(self, k: int) -> None:
        self._epoch += 1
        self.viewing = self._asked = None
        self._last = k
        self.window.cost_plot.set_marker(None)
        self.bar.show_position(k, k, live=True, first=0 if k == 0 else None)

    # ----- scrubbing -----
    def _grabbed(self) -> None:
        if self.c.is_playing:
            self.c.pause()

    def _moved(self, k: int) -> None:
        if k >= self._last:
            self.go_live()
            return
        if self.c.is_playing:
            self.c.pause()
        self._asked = k
        self.bar.show_position(k, self._last, live=False)
        self.scrubber((self._epoch, k), self._recompute, k)

    def move_by(self, how: str | float | int) -> None:
        """Move the handle: "first", "last", a fraction of the run (float) or iterations (int)."""
        s = self.bar.slider
        lo, hi, k = s.minimum(), s.maximum(), s.value()
        if how == "first":
            k = lo
        elif how == "last":
            k = hi
        elif isinstance(how, float):
            k += round(how * max(1, hi - lo)) or (1 if how > 0 else -1)
        else:
            k += int(how)
        self.show_iteration(min(hi, max(lo, k)))

    def show_iteration(self, k: int) -> None:
        """Move the handle to k as the user would (tests, menu actions)."""
        self.bar.slider.setValue(k)

    def go_live(self) -> None:
        self.viewing = self._asked = None
        self.window.cost_plot.set_marker(None)
        self.bar.show_position(self._last, self._last, live=True)
        self.c.view_live()

    def _recompute(self, k: int) -> Snapshot | str:
        """Iteration k replayed (in the scrubber's thread), or what went wrong, said plainly."""
        try:
            return self.timeline.snapshot_at(k)
        except (ValueError, RuntimeError, ArithmeticError) as e:
            return f"Could not show iteration {k:,}: {e}"

    def _ready(self, token: tuple[int, int], snap: Snapshot | str) -> None:
        epoch, k = token
        if epoch != self._epoch or k != self.bar.slider.value() or k >= self.timeline.last:
            return  # a reset, a branch or a newer position came in between: its failure too
        if isinstance(snap, str):
            self.c.problem.emit(snap)
            return
        if self.viewing is None:
            last = self.timeline.last
            self.c.status.emit(
                f"Looking back: Play resumes from iteration {last:,}; "
                "“Continue from here” trains on from the shown one"
            )
        self.viewing = k
        self.c.view_past(snap)
        self.window.cost_plot.set_marker(k)

    # ----- branching -----
    def continue_from_here(self) -> bool:
        """Branch training at the shown iteration (after asking); True when it did."""
        k, last = self.viewing, self.timeline.last
        if k is None or k >= last:
            return False
        if not self.c.confirm_reset(
            f"Continue training from iteration {k:,}? "
            f"The {last - k:,} later iterations are dropped."
        ):
            return False
        try:
            trainer = self.timeline.branch(k, lr=self.c.config.lr)
        except (ValueError, RuntimeError) as e:
            self.c.problem.emit(f"Could not continue from iteration {k:,}: {e}")
            return False
        self.c.branch(trainer)
        self.c.status.emit(f"Continuing from iteration {k:,}: press Play to train on")
        return True

    def _branched(self, k: int) -> None:
        self._restart(k)

    def state(self) -> dict:
        """What the bar shows (for --dump-state): the handle's iteration and its label."""
        bar = self.bar
        text = bar.label.text()
        return entry(
            bar,
            self.window,
            **parse_text(text),
            text=text,
            slider=bar.slider.value(),
            slider_max=bar.slider.maximum(),
            live=self.viewing is None,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.scrubber.stop()
        return False


KEYS = (  # (menu text, shortcut, how far: "first", "last", or a step in iterations / tenths)
    ("Timeline: first iteration", "Home", "first"),
    ("Timeline: newest iteration (live)", "End", "last"),
    ("Timeline: back a tenth", "PgUp", -0.1),
    ("Timeline: forward a tenth", "PgDown", 0.1),
    ("Timeline: back one iteration", "Alt+Left", -1),
    ("Timeline: forward one iteration", "Alt+Right", 1),
)


def timeline_actions(window: QMainWindow, feature: TimelineFeature) -> list[QAction]:
    """The timeline's keys as actions (in Training ▸ timeline): Home, End, PgUp, PgDown,
    Alt+← and Alt+→ move the handle as a drag would."""
    actions = []
    for text, keys, how in KEYS:
        act = QAction(text, window)
        act.setShortcut(QKeySequence(keys))
        act.triggered.connect(lambda _=False, how=how: feature.move_by(how))
        actions.append(act)
    return actions


def install_timeline(window: QMainWindow, controller: Controller) -> TimelineFeature:
    """Put the timeline bar under the example bar and start recording the run."""
    feature = TimelineFeature(window, controller, controller.record.timeline)
    window.places.add_under_canvas(feature.bar)
    window.places.add_chrome(feature.bar)
    window.places.add_to_menu("training", "timeline", timeline_actions(window, feature))
    window.places.add_state("timeline", feature.state)
    return feature

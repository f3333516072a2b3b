"""Phase stepping, the animated flow and the equations panel, wired into the window.

`install_stepping(window, controller)` adds: Training > Step phase (. or Shift+Right; also in the
transport toolbar), View > Animate flow, the flow overlay on the canvas, and an "Equations" tab
next to the shapes table. It decides what the overlay plays for each snapshot:
- a stepped phase: that phase, slowly, then held still (with the caption of where it stands);
- a stepped iteration: the rest of the iteration's phases once;
- playing at "1 iteration per animation cycle": one whole cycle per snapshot; the worker waits
  until the cycle ends (controller.animation_cycle_done());
- playing at any other speed: a continuous loop over the newest snapshot (the animation samples).
The overlay's timer runs only while something plays, so an idle window uses no CPU.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import Phase
from nnviz.ui.common.dump import entry
from nnviz.ui.flow.animation import CYCLE, Timeline
from nnviz.ui.flow.equations import EquationsPanel
from nnviz.ui.flow.overlay import FlowOverlay
from nnviz.ui.run.controller import Controller

PANEL_PLAYING_MS = 250  # while training runs, the equations panel refreshes at most 4 times/s


class Stepping(QObject):
    """The feature's state: which unit is selected and what the user last asked for."""

    def __init__(self, window: QMainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window, self.c = window, controller
        self.canvas = window.canvas
        self.overlay = FlowOverlay(self.canvas)
        self.panel = EquationsPanel()
        self.unit: tuple[int, int] | None = None
        self._asked: str | None = None  # "phase" / "iteration": the user's last step
        self._last_phase: Phase | None = None
        self._shown: tuple[int | None, Phase | None] = (None, None)
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.timeout.connect(self.refresh_panel)
        self._place_panel()
        self._actions()
        self._wire()

    # ----- building -----
    def _place_panel(self) -> None:
        self.window.places.add_tab(
            "bottom", self.panel, "Equations", "The current phase's equations, with its numbers", 0
        )
        self.tabs = self.window.places.tabs["bottom"]

    def _actions(self) -> None:
        t = self.window.transport
        self.step_phase = t.step_phase
        places = self.window.places
        places.add_to_menu("training", "stepping", [self.step_phase])
        self.animate = QAction("Animate flow", self.window)
        self.animate.setCheckable(True)
        self.animate.setChecked(True)
        self.animate.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.animate.setToolTip("Show activations and gradients travelling through the network")
        places.add_to_menu("view", "flow", [self.animate])

    def _wire(self) -> None:
        c, t = self.c, self.window.transport
        self.step_phase.triggered.connect(self._step_phase)
        t.step.triggered.connect(lambda: self._ask("iteration"))
        self.animate.toggled.connect(self.set_animated)
        c.snapshotChanged.connect(self._snapshot)
        c.playingChanged.connect(self._playing)
        c.runReset.connect(self._reset)
        c.exampleChanged.connect(lambda *_: self._schedule_panel())
        self.canvas.unitClicked.connect(self.select_unit)
        self.overlay.cycleCompleted.connect(self._cycle_completed)
        self.tabs.currentChanged.connect(lambda *_: self._schedule_panel())

    # ----- reactions -----
    def _ask(self, what: str) -> None:
        self._asked = what

    def _step_phase(self) -> None:
        self._ask("phase")
        self.window.places.show_tab(self.panel)
        self.c.step_phase()

    @property
    def _sync(self) -> bool:
        return self.c.speed == CYCLE

    def _snapshot(self, snap: Snapshot) -> None:
        L, phase, o = snap.L, snap.phase, self.overlay
        if self.c.is_playing:
            if self._sync:
                if o.enabled:
                    o.play_iteration(L)
                else:  # no animation: one iteration per cycle's duration
                    ms = int(Timeline.for_layers(L, o.time_scale).duration * 1000)
                    QTimer.singleShot(ms, self._cycle_completed)
            elif o.enabled:
                o.loop(L)
        elif phase is not None and self._asked == "phase":
            o.play_phase(phase, L)
        elif phase is not None and self._asked == "iteration":
            o.play_iteration(L, after=self._last_phase)
        elif phase is not None and phase.kind != "update":
            o.hold(phase)
        elif not o.animating:
            o.hold(None)
        self._last_phase = phase
        self._schedule_panel()

    def _playing(self, playing: bool) -> None:
        if playing:
            self._asked = None
            snap = self.c.snapshot
            if snap is not None and not self._sync and self.overlay.enabled:
                self.overlay.loop(snap.L)
        else:
            self.overlay.stop()

    def _cycle_completed(self) -> None:
        if self.c.is_playing and self._sync:
            self.c.animation_cycle_done()

    def _reset(self, *_) -> None:
        self.unit, self._asked, self._last_phase = None, None, None
        self.overlay.stop()
        self._schedule_panel()

    def set_animated(self, on: bool) -> None:
        """Turn the animated flow on or off (a held phase caption stays either way)."""
        self.overlay.set_enabled(on)
        if self.c.is_playing and self._sync and not on:
            self.c.animation_cycle_done()  # the worker may be waiting for a cycle that won't end
        elif on and self.c.is_playing and not self._sync and self.c.snapshot is not None:
            self.overlay.loop(self.c.snapshot.L)

    def select_unit(self, l: int, j: int) -> None:
        """Detail unit j of layer l in the equations panel."""
        self.unit = (int(l), int(j))
        self.window.places.show_tab(self.panel)
        self.refresh_panel()

    # ----- the panel -----
    def _schedule_panel(self) -> None:
        if not self._panel_timer.isActive():
            self._panel_timer.start(PANEL_PLAYING_MS if self.c.is_playing else 0)

    def refresh_panel(self) -> None:
        if not self.window.places.tab_shown(self.panel):
            return  # refreshed when the tab is shown
        snap = self.c.snapshot
        ds, cfg = self.c.dataset, self.c.config
        m = min(cfg.batch_size or ds.m, ds.m)
        phase = snap.phase if snap is not None else None
        values = self.canvas.example_values() if snap is not None else None
        self.panel.show_phase(phase, snap, values, m, self.unit)
        self._shown = (snap.iteration if snap is not None else None, phase)

    def state(self) -> dict:
        """What the Equations tab shows (for --dump-state)."""
        if self._panel_timer.isActive():  # a refresh is due: show it first
            self._panel_timer.stop()
            self.refresh_panel()
        it, phase = self._shown
        return entry(
            self.panel if self.window.places.tab_shown(self.panel) else None,
            self.window,
            iteration=it,
            J=self.panel.numbers.get("J"),
            phase=None if phase is None else str(phase),
        )


def install_stepping(window: QMainWindow, controller: Controller) -> Stepping:
    """Add phase stepping, the animated flow and the equations panel to the window."""
    feature = Stepping(window, controller)
    window.places.add_state("equations", feature.state)
    return feature

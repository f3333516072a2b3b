"""The animated flow, painted by the network canvas on top of its cached layers.

Forward phases send pulses left to right along the active layer pair's edges, coloured by the sign
of w * a and sized by its strength, and light up the units they reach; backward phases send
purple/teal pulses right to left sized by |dW|, with rings for dz; the update flashes the edges
that changed most. A caption and a row of phase marks say where in the iteration it stands
(drawn by overlay_paint.FlowPainter; this module decides which phase shows and when).

A QTimer drives repaints at display rate only while a Playhead is active; idle, nothing ticks.
Pulses are drawn batched: one pen and one drawLines call per (sign, strength level). A frame does
as little as it can: the grouping of edges by strength is kept per (edges, example values), pens
and the caption card are cached, and the veil over the layers not reached yet is a cut between
two cached pixmaps (the canvas asks veil_x()), not a translucent fill.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import Phase, phases
from nnviz.ui.canvas.scene import Scene, View
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.flow.animation import STEP_SLOWER, Playhead, Timeline
from nnviz.ui.flow.overlay_paint import FlowPainter

FRAME_MS = 1000 / 60
VEIL = QColor(255, 255, 255, 165)  # over the layers this iteration has not reached yet


class FlowOverlay(QObject):
    """Attach with FlowOverlay(canvas); then loop(), play_phase(), play_iteration() or hold().

    Signals: cycleCompleted when a played iteration (or a loop's cycle) reaches its end;
    finished when a once-run ends."""

    cycleCompleted = Signal()
    finished = Signal()

    def __init__(self, canvas: QWidget) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        canvas.overlay = self
        self.enabled = True
        self._painted_at = 0.0  # when this overlay last painted (perf_counter seconds)
        self._paints = 0  # paints since the last tick
        self._asked = False  # the last tick asked for a paint
        self.time_scale = 1.0  # durations are multiplied by this (tests shorten them)
        self.clock = time.perf_counter
        self.playhead = Playhead()
        self.held: Phase | None = None  # shown (still) when not animating
        self._whole = False  # the once-run is a whole iteration (ends with cycleCompleted)
        self._cycles = 0
        self.painter = FlowPainter()  # draws the phases (overlay_paint.py)
        self._timer = QTimer(self, singleShot=True)  # re-armed each frame: paced, see _tick
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._due = 0.0  # when the next frame is due (perf_counter seconds)

    # ----- control -----
    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    def _timeline(self, L: int, slower: float = 1.0) -> Timeline:
        return Timeline.for_layers(L, slower * self.time_scale)

    def _start(self, tl: Timeline, loop: bool, first: int = 0, last: int | None = None) -> None:
        if not self.enabled:
            self.stop()
            return
        self.playhead.play(tl, self.clock(), loop, first, last)
        self._cycles = 0
        self._due = time.perf_counter()
        self._timer.start(0)
        self.canvas.update()

    def loop(self, L: int) -> None:
        """Cycle continuously over whatever snapshot the canvas shows (training at speed)."""
        tl = self.playhead.timeline
        if self.playhead.loop and self.animating and tl and len(tl.stages) == 2 * L + 2:
            return
        self.held = None
        self._start(self._timeline(L), loop=True)

    def play_phase(self, phase: Phase, L: int) -> None:
        """Play one stepped phase slowly, then hold it."""
        self.held = phase
        self._whole = False
        tl = self._timeline(L, STEP_SLOWER)
        i = tl.index(phase)
        self._start(tl, loop=False, first=i, last=i)

    def play_iteration(self, L: int, after: Phase | None = None) -> None:
        """Play an iteration's phases once (those after `after`, if given), then hold the update."""
        tl = self._timeline(L)
        first = 0 if after is None or after.kind == "update" else tl.index(after) + 1
        self.held = tl.stages[-1]
        self._whole = after is None or after.kind == "update"
        self._start(tl, loop=False, first=first)

    def hold(self, phase: Phase | None) -> None:
        """Stop animating and show `phase` still (None: show nothing)."""
        self.playhead.stop()
        self._timer.stop()
        self.held = phase
        self.canvas.update()

    def stop(self) -> None:
        self.hold(None)

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if not on:
            self.playhead.stop()
            self._timer.stop()
        self.canvas.update()

    def finish_now(self) -> None:
        """End a once-run at once (as if its time had passed)."""
        if self.playhead.active and not self.playhead.loop:
            self.playhead.stop()
            self._end_once()

    def _end_once(self) -> None:
        self._timer.stop()
        self.canvas.update()
        self.finished.emit()
        if self._whole:
            self.cycleCompleted.emit()

    def _tick(self) -> None:
        # Frames are paced to FRAME_MS on average: a late tick makes the next one come sooner,
        # so a busy GUI thread does not lower the frame rate (a fixed-interval timer adds each
        # tick's lateness to the period).
        t = time.perf_counter()
        self._due = max(self._due + FRAME_MS / 1000.0, t - FRAME_MS / 1000.0)
        self._timer.start(max(0, int((self._due - t) * 1000.0)))
        now = self.clock()
        if self.playhead.finished(now):
            self.playhead.stop()
            self._end_once()
            return
        n = self.playhead.cycles(now)
        if n > self._cycles:
            self._cycles = n
            self.cycleCompleted.emit()
        # skip only when a paint beyond the last tick's own came since (a snapshot repainted
        # the canvas) and just now; counting the tick's own paint as recent dropped frames
        extra = self._paints > int(self._asked) and (t - self._painted_at) * 1000 <= 10
        self._paints, self._asked = 0, not extra
        if not extra:
            self.canvas.update()

    # ----- painting -----
    def paint(
        self,
        p: QPainter,
        scene: Scene,
        view: View,
        snap: Snapshot | None,
        values: ExampleValues | None,
        w: float,
        h: float,
    ) -> None:
        self._painted_at = time.perf_counter()
        self._paints += 1
        pos = self.playhead.position(self.clock()) if self.enabled else None
        phase, f = pos if pos is not None else (self.held, 1.0)
        if phase is None or snap is None or phase not in phases(scene.L):
            return
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw, moving = self.painter, pos is not None
        if phase.kind == "forward":
            draw.forward(p, scene, view, values, phase.layer, f, moving)
        elif phase.kind == "backward":
            draw.backward(p, scene, view, snap, values, phase.layer, f, moving)
        elif phase.kind == "cost":
            draw.cost(p, scene, view, snap, values, f)
        else:
            draw.update(p, scene, view, snap, f, active=self.playhead.active)
        draw.caption(p, scene, snap, phase, h)
        p.restore()

    def veil_x(self, scene: Scene, view: View) -> float | None:
        """Where the veil over the layers a forward pass has not reached begins (widget x), or
        None: the canvas shows its frame veiled right of it."""
        pos = self.playhead.position(self.clock()) if self.enabled else None
        phase, f = pos if pos is not None else (self.held, 1.0)
        if phase is None or phase.kind != "forward" or phase not in phases(scene.L):
            return None
        g, l = scene.geometry, phase.layer
        x = view.map(np.array([g.column_x[l], 0.0]))[0]
        return x + (g.radius * view.scale + 6) * (1 if f > 0.85 else -1)

"""The animated flow, painted by the network canvas on top of its cached layers.

Forward phases send pulses left to right along the active layer pair's edges, coloured by the sign
of w * a and sized by its strength, and light up the units they reach; backward phases send
purple/teal pulses right to left sized by |dW|, with rings for dz; the update flashes the edges
that changed most. A caption and a row of phase marks say where in the iteration it stands.

A QTimer drives repaints at display rate only while a Playhead is active; idle, nothing ticks.
Pulses are drawn batched: one pen and one drawLines call per (sign, strength level). A frame does
as little as it can: the grouping of edges by strength is kept per (edges, example values), pens
and the caption card are cached, and the veil over the layers not reached yet is a cut between
two cached pixmaps (the canvas asks veil_x()), not a translucent fill.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import Phase, phases
from nnviz.ui.canvas.paint import draw_lines
from nnviz.ui.canvas.scene import Scene, View
from nnviz.ui.canvas.text import LEGEND_H, _text, font, static_text
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.common import theme
from nnviz.ui.flow.animation import (
    N_LEVELS,
    STEP_SLOWER,
    Playhead,
    Timeline,
    backward_strength,
    comets,
    example_loss,
    forward_strength,
    groups,
    most_changed,
    phase_caption,
)
from nnviz.ui.flow.overlay_sprites import RING_SPRITES, UPDATE_RGB, caption_card, caption_font, pen

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
        self.time_scale = 1.0  # durations are multiplied by this (tests shorten them)
        self.clock = time.perf_counter
        self.playhead = Playhead()
        self.held: Phase | None = None  # shown (still) when not animating
        self._whole = False  # the once-run is a whole iteration (ends with cycleCompleted)
        self._cycles = 0
        self._cache: dict = {}
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
        if (time.perf_counter() - self._painted_at) * 1000 > 10:
            self.canvas.update()  # skip when a snapshot just repainted the canvas

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
        pos = self.playhead.position(self.clock()) if self.enabled else None
        phase, f = pos if pos is not None else (self.held, 1.0)
        if phase is None or snap is None or phase not in phases(scene.L):
            return
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if phase.kind == "forward":
            self._forward(p, scene, view, values, phase.layer, f, w, h, moving=pos is not None)
        elif phase.kind == "backward":
            self._backward(p, scene, view, snap, values, phase.layer, f, moving=pos is not None)
        elif phase.kind == "cost":
            self._cost(p, scene, view, snap, values, f)
        else:
            self._update(p, scene, view, snap, f)
        self._caption(p, scene, snap, phase, h)
        p.restore()

    def _segments(self, p: QPainter, view: View, groups, pens) -> None:
        off = np.array([view.tx, view.ty, view.tx, view.ty])
        for negative, level, seg in groups:
            p.setPen(pens(negative, level))
            draw_lines(p, seg * view.scale + off)

    def _grouped(self, kind: str, es, source, strength) -> list:
        """groups(strength(es, source)), kept while the edges and the source stay the same."""
        key = (kind, es.l)
        hit = self._cache.get(key)
        if hit is None or hit[0] is not es or hit[1] is not source:
            hit = (es, source, groups(strength(es, source)))
            self._cache[key] = hit
        return hit[2]

    def _pulses(self, p, view, es, groups, f: float, moving: bool, reverse: bool, pens) -> None:
        seg = comets(es, f, reverse) if moving else np.concatenate([es.p0, es.p1], axis=1)
        self._segments(p, view, [(n, lv, seg[idx]) for n, lv, idx in groups], pens)

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

    def _rings(self, p, scene, view, l, v, colours, grow: float) -> None:
        """Rings around the shown units of layer l, width by |v| (n_l,) relative to the largest.
        Each ring is a cached sprite (RING_SPRITES): widths in quarter pixels, 16 fade steps."""
        idx = scene.shown[l]
        vals = np.nan_to_num(np.asarray(v, np.float64)[idx])
        top = float(np.abs(vals).max()) if vals.size else 0.0
        if top <= 0 or grow <= 0:
            return
        r = scene.geometry.radius * view.scale
        dpr = p.device().devicePixelRatioF()
        fade = round(min(grow, 1.0) * 16) / 16
        share = np.abs(vals) / top
        width = np.round((1.5 + 3.5 * share) * 4) / 4
        centres = view.map(scene.geometry.pos[l]).tolist()
        for (cx, cy), sh, neg, wd in zip(
            centres, share.tolist(), (vals < 0).tolist(), width.tolist(), strict=True
        ):
            if sh >= 0.03:
                colour = colours[1] if neg else colours[0]
                sprite, half = RING_SPRITES.get((round(r * 4) / 4, dpr), (colour, wd, fade))
                p.drawPixmap(QPointF(round(cx - half), round(cy - half)), sprite)

    def _forward(self, p, scene, view, values, l, f, w, h, moving: bool) -> None:
        es = scene.edges[l]
        if es is None or values is None:
            return
        groups = self._grouped("forward", es, values.a[l - 1], forward_strength)
        colours = (theme.POSITIVE, theme.NEGATIVE)
        pens = lambda n, lv: pen(colours[n], lv, 0.85)  # noqa: E731
        self._pulses(p, view, es, groups, f, moving, False, pens)
        if f > 0.8:
            pos_neg = ("#1e4e8c", "#1e4e8c")
            self._rings(p, scene, view, l, values.a[l], pos_neg, min(1.0, (f - 0.8) / 0.2))

    def _backward(self, p, scene, view, snap, values, l, f, moving: bool) -> None:
        es = scene.edges[l]
        colours = (theme.GRAD_POSITIVE, theme.GRAD_NEGATIVE)
        if values is not None and values.dz is not None:
            self._rings(p, scene, view, l, values.dz[l], colours, 1.0)
        if es is None or len(snap.dW) <= l or snap.dW[l].size == 0:
            return
        groups = self._grouped("backward", es, snap.dW[l], backward_strength)
        pens = lambda n, lv: pen(colours[n], lv, 0.9)  # noqa: E731
        self._pulses(p, view, es, groups, f, moving, True, pens)

    def _cost(self, p, scene, view, snap, values, f) -> None:
        cx, cy = view.map(scene.geometry.pos[-1][0])
        r = scene.geometry.radius * view.scale
        grow = math.sin(math.pi * min(f, 0.5))
        p.setPen(QPen(QColor(theme.GRAD_POSITIVE), 3.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(cx, cy), r + 4 + 6 * grow, r + 4 + 6 * grow)
        x = cx + r + 14
        if values is not None and values.y is not None:
            loss = example_loss(snap.loss, values.z_out, values.yhat, values.y)
            _text(p, x, cy + 36, f"loss(ŷ, y) = {loss:.4f}", font(12), theme.TEXT, Qt.AlignLeft)
        if snap.cost is not None:
            _text(p, x, cy + 54, f"J = {snap.cost:.4f}", font(12, True), theme.TEXT, Qt.AlignLeft)

    def _update(self, p, scene, view, snap, f) -> None:
        alpha = math.sin(math.pi * min(max(f, 0.0), 1.0)) if self.playhead.active else 0.8
        if alpha <= 0.02:
            return
        hit = self._cache.get("update")  # the segments stay while the scene and snapshot do
        if hit is None or hit[0] is not scene or hit[1] is not snap:
            groups = []
            for es in scene.edges[1:]:
                if es is not None and len(snap.dW) > es.l and snap.dW[es.l].size:
                    groups.append((False, N_LEVELS, most_changed(es, snap.dW[es.l])))
            hit = self._cache["update"] = (scene, snap, groups)
        amber = pen(UPDATE_RGB, N_LEVELS, alpha, width=2.4)
        self._segments(p, view, hit[2], lambda n, lv: amber)

    def _caption(self, p: QPainter, scene: Scene, snap: Snapshot, phase: Phase, h: float) -> None:
        """One line just above the legend: a mark per phase (done ones solid), then the words.
        The card (marks and words) is drawn once per phase into a pixmap; the iteration number,
        which changes with every snapshot, is a laid-out QStaticText on top."""
        text, k, n = phase_caption(phase, scene.L)
        done = phase.kind == "update" and snap.phase == phase
        it = f"{max(snap.iteration - 1 if done else snap.iteration, 0)}"
        dpr = p.device().devicePixelRatioF()
        key = (text, k, scene.L, dpr, len(it))
        card = self._cache.get("caption")
        if card is None or card[0] != key:
            card = (
                key,
                *caption_card(
                    f"{text}  ·  phase {k} of {n}  ·  iteration ", k, scene.L, dpr, len(it)
                ),
            )
            self._cache["caption"] = card
        _, pm, x_number = card
        y = h - LEGEND_H - 22
        p.drawPixmap(QPointF(6, y), pm)
        p.setFont(caption_font())
        p.setPen(QColor(theme.TEXT))
        p.drawStaticText(QPointF(6 + x_number, y + 2.5), static_text(it, caption_font()))

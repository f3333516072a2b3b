"""The animated flow's drawing: pulses, rings, the update's flash and the phase caption.

FlowPainter draws one phase of an iteration at its fraction f (0..1) on the canvas's painter;
the overlay (nnviz.ui.flow.overlay) decides which phase and when. What a frame can reuse is kept:
the grouping of edges by strength per (edges, example values), the update's segments per
(scene, snapshot) and the caption card per phase; pens and sprites are cached in overlay_sprites.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import Phase
from nnviz.ui.canvas.paint import draw_lines
from nnviz.ui.canvas.scene import Scene, View
from nnviz.ui.canvas.text import LEGEND_H, draw_text, font, static_text
from nnviz.ui.common import theme
from nnviz.ui.flow.animation import (
    N_LEVELS,
    backward_strength,
    comets,
    example_loss,
    forward_strength,
    groups,
    most_changed,
    phase_caption,
)
from nnviz.ui.flow.overlay_sprites import RING_SPRITES, UPDATE_RGB, caption_card, caption_font, pen


class FlowPainter:
    """Draws the flow's phases; keeps what frames can share in `_cache`."""

    def __init__(self) -> None:
        self._cache: dict = {}

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

    def forward(self, p, scene, view, values, l, f, moving: bool) -> None:
        """Pulses from layer l-1 to l, sized by |w·a|; layer l's units light up at the end."""
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

    def backward(self, p, scene, view, snap, values, l, f, moving: bool) -> None:
        """Gradient pulses from layer l back to l-1, sized by |dW|; rings for dz of layer l."""
        es = scene.edges[l]
        colours = (theme.GRAD_POSITIVE, theme.GRAD_NEGATIVE)
        if values is not None and values.dz is not None:
            self._rings(p, scene, view, l, values.dz[l], colours, 1.0)
        if es is None or len(snap.dW) <= l or snap.dW[l].size == 0:
            return
        groups = self._grouped("backward", es, snap.dW[l], backward_strength)
        pens = lambda n, lv: pen(colours[n], lv, 0.9)  # noqa: E731
        self._pulses(p, view, es, groups, f, moving, True, pens)

    def cost(self, p, scene, view, snap, values, f) -> None:
        """A ring round the output unit, the example's loss and the cost J beside it."""
        cx, cy = view.map(scene.geometry.pos[-1][0])
        r = scene.geometry.radius * view.scale
        grow = math.sin(math.pi * min(f, 0.5))
        p.setPen(QPen(QColor(theme.GRAD_POSITIVE), 3.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(cx, cy), r + 4 + 6 * grow, r + 4 + 6 * grow)
        x, left = cx + r + 14, Qt.AlignLeft
        if values is not None and values.y is not None:
            loss = example_loss(snap.loss, values.z_out, values.yhat, values.y)
            draw_text(p, x, cy + 36, f"loss(ŷ, y) = {loss:.4f}", font(12), theme.TEXT, left)
        if snap.cost is not None:
            draw_text(p, x, cy + 54, f"J = {snap.cost:.4f}", font(12, True), theme.TEXT, left)

    def update(self, p, scene, view, snap, f, active: bool) -> None:
        """Flash the edges that changed most (faded in and out while `active`, else held)."""
        alpha = math.sin(math.pi * min(max(f, 0.0), 1.0)) if active else 0.8
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

    def caption(self, p: QPainter, scene: Scene, snap: Snapshot, phase: Phase, h: float) -> None:
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

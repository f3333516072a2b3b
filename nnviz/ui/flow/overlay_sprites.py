"""The animated flow's cached drawing pieces: pens, ring sprites and the caption card.

Each is made once per distinct look (lru_cache) and reused every frame, so an animation frame
creates no Qt objects of its own. Shared objects: never modify what these return.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QPixmap

from nnviz.engine.trainer import phases
from nnviz.ui.canvas.sprites import SpriteCache
from nnviz.ui.canvas.text import draw_text, font
from nnviz.ui.common import theme
from nnviz.ui.flow.animation import N_LEVELS

UPDATE_RGB = (214, 158, 46)  # amber: the weights that changed most


def pen(
    rgb: tuple[int, int, int] | str, level: int, alpha: float = 1.0, width: float | None = None
) -> QPen:
    """An opaque, flat-capped pen (an order of magnitude faster to draw than translucent or
    round-capped ones): the colour pre-blended with the white canvas by strength level.
    Shared and cached: never modify the pen returned."""
    return _cached_pen(rgb, level, round(alpha, 2), width)


@lru_cache(maxsize=512)
def _cached_pen(rgb, level: int, alpha: float, width: float | None) -> QPen:
    c = QColor(rgb) if isinstance(rgb, str) else QColor(*rgb)
    k = alpha * (0.35 + 0.65 * level / N_LEVELS)
    blend = [round(255 + (v - 255) * k) for v in (c.red(), c.green(), c.blue())]
    pen = QPen(QColor(*blend), 1.6 + 1.3 * level if width is None else width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def _ring_sprite(
    colour: str, width: float, grow: float, r: float, dpr: float
) -> tuple[QPixmap, float]:
    """(pixmap, half its size in px): a ring of `width` px around a unit of radius r, faded in
    to `grow` (0..1: alpha, and the ring closes in from 2 px further out)."""
    rr = r + 3 + width / 2 + 2 * (1 - grow)
    half = float(math.ceil(rr + width / 2 + 1.5))
    pm = QPixmap(math.ceil(2 * half * dpr), math.ceil(2 * half * dpr))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    q = QPainter(pm)
    q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    c = QColor(colour)
    c.setAlpha(int(255 * grow))
    q.setPen(QPen(c, width))
    q.setBrush(Qt.BrushStyle.NoBrush)
    q.drawEllipse(QPointF(half, half), rr, rr)
    q.end()
    return pm, half


RING_SPRITES = SpriteCache(_ring_sprite)  # get((r, dpr), (colour, width, grow))


@lru_cache(maxsize=1)
def caption_font():
    return font(12, bold=True)


def caption_card(prefix: str, k: int, L: int, dpr: float, digits: int) -> tuple[QPixmap, float]:
    """(the caption card: phase marks, the first k solid, and `prefix`, with room for a number
    of `digits` digits; where the number goes, in px from the card's left)."""
    order = phases(L)
    n = len(order)
    f = caption_font()
    fm = QFontMetricsF(f)
    x_number = 8.5 + 12 * n + 4 + fm.horizontalAdvance(prefix)
    width = x_number + fm.horizontalAdvance("8" * digits) + 14
    pm = QPixmap(int((width + 2) * dpr), int(22 * dpr))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(QColor(theme.BORDER), 1))
    p.setBrush(QColor(255, 255, 255, 240))
    p.drawRoundedRect(QRectF(0.5, 0.5, width, 20), 5, 5)
    p.setPen(Qt.PenStyle.NoPen)
    for i, ph in enumerate(order):
        back = ph.kind in ("backward", "cost")
        c = (
            QColor(*UPDATE_RGB)
            if ph.kind == "update"
            else QColor(theme.GRAD_POSITIVE if back else theme.POSITIVE)
        )
        if i + 1 > k:
            c.setAlpha(55)
        p.setBrush(c)
        p.drawRoundedRect(QRectF(8.5 + 12 * i, 6, 9, 9), 2, 2)
    draw_text(p, 8.5 + 12 * n + 4, 2.5, prefix, f, theme.TEXT, Qt.AlignLeft)
    p.end()
    return pm, x_number

"""The network canvas's hover readout: what a hovered unit or edge is, in words (z, a, b, dz of a
unit; w and dW of an edge), the box that shows it beside the pointer, and a picture beside it
(a unit's map over the plane, or a first-layer unit's weights as a picture).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from nnviz.ui.canvas.fonts import draw_text, font
from nnviz.ui.canvas.scene import Scene, input_pixel
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.canvas.wording import LEGEND_H
from nnviz.ui.common import theme

A = Qt.AlignmentFlag


def draw_hover_box(p: QPainter, text: str, at: tuple[float, float], w: float, h: float) -> None:
    """A tooltip-like box near the pointer, kept inside the widget."""
    f = font(12, mono=True)
    fm = QFontMetricsF(f)
    bw, bh = fm.horizontalAdvance(text) + 20, fm.height() + 12
    x = min(at[0] + 16, w - bw - 4)
    y = at[1] + 18 if at[1] + 18 + bh < h - LEGEND_H else at[1] - bh - 10
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(QColor(theme.BORDER), 1))
    p.setBrush(QColor(255, 255, 255, 240))
    p.drawRoundedRect(QRectF(max(4, x), y, bw, bh), 5, 5)
    draw_text(p, max(4, x) + 10, y + 6, text, f, theme.TEXT, A.AlignLeft)


HOVER_PICTURE = 128  # side of the picture drawn beside the hover box (px)


def draw_hover_picture(p: QPainter, image, at: tuple[float, float], w: float, h: float) -> None:
    """`image` (a QImage) HOVER_PICTURE px square, framed, above-left of the pointer (the hover
    box sits below-right), kept inside the widget."""
    side = float(HOVER_PICTURE)
    x = min(max(4.0, at[0] - side - 12), w - side - 4)
    y = at[1] - side - 12 if at[1] - side - 12 >= 4 else min(at[1] + 40, h - LEGEND_H - side)
    r = QRectF(x, y, side, side)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    p.drawImage(r, image)
    p.setPen(QPen(QColor(theme.TEXT), 1))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(r)


def hover_text(scene: Scene, hit: tuple, snap, values: ExampleValues | None, image_shape) -> str:
    """Plain text for a hovered unit (l, j) or edge (l, j, k) (indices from 0, as in the arrays).
    Units are numbered from 1 in the text, as the course writes x₁ … xₙ and as the unit labels
    and the weight editor do: edge (2, 0, 11) reads "W[2][1,12]"."""
    if len(hit) == 3:
        l, j, k = hit
        s = f"W[{l}][{j + 1},{k + 1}]"
        if snap is not None:
            s += f" = {float(snap.W[l][j, k]):.4g}"
        if snap is not None and len(snap.dW) > l and snap.dW[l].size:
            s += f", dW = {float(snap.dW[l][j, k]):.3g}"
        return s
    l, j = hit
    if l == 0:
        s = f"Input unit {j + 1} ({scene.input_name(j)})"
        if values is not None:
            s += f" = {float(values.a[0][j]):.4g}"
        if image_shape is not None:
            r, c, ch = (int(v) for v in input_pixel(np.array(j), image_shape))
            s += f" · pixel row {r}, col {c}, {('red', 'green', 'blue')[ch % 3]}"
        return s
    s = f"Layer {l}, unit {j + 1}:"
    parts = []
    if values is not None:
        parts += [f"z = {float(values.z[l][j]):.4g}", f"a = {float(values.a[l][j]):.4g}"]
    if snap is not None:
        parts.append(f"b = {float(snap.b[l][j, 0]):.4g}")
    if values is not None and values.dz is not None:
        parts.append(f"dz = {float(values.dz[l][j]):.3g}")
    return f"{s} {', '.join(parts)}" if parts else s

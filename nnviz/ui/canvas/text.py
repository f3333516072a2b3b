"""Painting the network canvas's words: layer titles and shapes, counts, the output readout, the
legend strip and the hover box. Text keeps its pixel size whatever the zoom; anchors follow the
View.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPen,
    QStaticText,
)

from nnviz.engine.activations import get_activation
from nnviz.ui.common import theme
from nnviz.ui.canvas.scene import Scene, View, input_pixel
from nnviz.ui.canvas.edges import ACT_STOPS, bucket_style
from nnviz.ui.canvas.values import ExampleValues

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
LEGEND_H = 30.0
A = Qt.AlignmentFlag


def font(px: int, bold: bool = False, mono: bool = False) -> QFont:
    f = QFont(theme.MONO_FAMILY if mono else theme.FONT_FAMILY)
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def _text(p: QPainter, x: float, y: float, s: str, f: QFont, color: str, align=A.AlignHCenter):
    """Draw s with its top at y; x is the centre (AlignHCenter), left or right edge."""
    p.setFont(f)
    p.setPen(QColor(color))
    w = QFontMetricsF(f).horizontalAdvance(s) + 4
    h = QFontMetricsF(f).height()
    left = x - w / 2 if align & A.AlignHCenter else (x - w if align & A.AlignRight else x)
    p.drawText(QRectF(left, y, w, h), align | A.AlignTop, s)


_STATIC: dict[tuple[str, str], QStaticText] = {}


def static_text(text: str, f: QFont) -> QStaticText:
    """`text` laid out once in font f and reused (numbers that change every frame cost no
    layout); a bounded cache, GUI thread only."""
    key = (text, f.key())
    st = _STATIC.get(key)
    if st is None:
        if len(_STATIC) > 4000:
            _STATIC.clear()
        st = _STATIC[key] = QStaticText(text)
        st.prepare(font=f)
    return st


def draw_layer_labels(
    p: QPainter, scene: Scene, view: View, activation: str, image_shape: tuple | None
) -> None:
    """Titles above each column, W / b shapes below, "⋮ n more" and "showing n of m weights"."""
    g, dims, L = scene.geometry, scene.layer_dims, scene.L
    hidden = get_activation(activation).label
    gap = float(np.min(np.diff(g.column_x))) * view.scale if L else 200.0
    titles, subs, shape_rows = [], [], []
    for l, n in enumerate(dims):
        units = f"{n:,} unit{'s' if n != 1 else ''}"
        if l == 0:
            titles.append("Input · layer 0")
            subs.append(units)
            rows = [f"x ({n}, 1)"]
            if image_shape is not None:
                rows.append("×".join(str(s) for s in image_shape) + " pixels")
        else:
            titles.append(f"Layer {l}" + (" · output" if l == L else ""))
            subs.append(f"{units} · {'sigmoid' if l == L else hidden}")
            rows = [f"W[{l}] ({n}, {dims[l - 1]})", f"b[{l}] ({n}, 1)"]
        shape_rows.append(rows)
    room = gap - 8.0  # neighbouring labels never overlap: shrink, then shorten, to fit
    title_font = _fitting(titles, room, 13, 10, bold=True)
    if _widest(titles, title_font) > room:
        titles = [t.replace("Input · layer 0", "Input").replace(" · output", "") for t in titles]
    sub_font = _fitting(subs, room, 11, 9)
    shape_font = _fitting([r for rows in shape_rows for r in rows], room, 11, 8, mono=True)
    for l, n in enumerate(dims):
        x, top = view.map((g.column_x[l], g.top))
        _, bottom = view.map((g.column_x[l], g.bottom))
        title, sub, shapes = titles[l], subs[l], shape_rows[l]
        _text(p, x, top - 66, title, title_font, theme.TEXT)
        _text(p, x, top - 48, sub, sub_font, theme.TEXT_MUTED)
        for i, s in enumerate(shapes):
            _text(p, x, bottom + 8 + 15 * i, s, shape_font, theme.TEXT_MUTED)
        if g.more[l] is not None:
            mx, my = view.map(g.more[l])
            _text(p, mx, my - 9, f"⋮ {n - len(scene.shown[l]):,} more", font(11), theme.TEXT_MUTED)
    if image_shape is None and dims[0] <= 32:
        r = g.radius * view.scale
        for j, (cx, cy) in zip(scene.shown[0], view.map(g.pos[0]), strict=True):
            s = f"x{str(j + 1).translate(SUB)}"
            _text(p, cx - r - 4, cy - 8, s, font(12), theme.TEXT, A.AlignRight)
    elif image_shape is not None or len(scene.shown[0]) < dims[0]:
        _input_note(p, scene, view, image_shape)
    _edge_notes(p, scene, view)


def _widest(texts: list[str], f: QFont) -> float:
    m = QFontMetricsF(f)
    return max((m.horizontalAdvance(t) for t in texts), default=0.0)


def _fitting(texts: list[str], room: float, largest: int, smallest: int, **style) -> QFont:
    """The largest font from `largest` down to `smallest` px in which every text fits `room`."""
    for px in range(largest, smallest - 1, -1):
        f = font(px, **style)
        if _widest(texts, f) <= room:
            return f
    return font(smallest, **style)


def draw_caption(p: QPainter, scene: Scene, view: View, caption: str) -> None:
    """The example's caption above the picture (e.g. "train example 4 · y = 1 (cat)")."""
    r = scene.geometry.image_rect
    if r is None or not caption:
        return
    x, y = view.map((r[0] + r[2] / 2, r[1]))
    _text(p, x, y - 20, caption, font(11), theme.TEXT_MUTED)


def _input_note(p: QPainter, scene: Scene, view: View, image_shape: tuple | None) -> None:
    g, n = scene.geometry, scene.layer_dims[0]
    k = len(scene.shown[0])
    if g.image_rect is not None:
        x, y = view.map((g.image_rect[0] + g.image_rect[2] / 2, g.image_rect[1] + g.image_rect[3]))
        _text(p, x, y + 6, f"x{1} … x{n}".translate(SUB), font(12), theme.TEXT)
        _text(p, x, y + 22, f"{k} most used inputs shown", font(11), theme.TEXT_MUTED)


def _edge_notes(p: QPainter, scene: Scene, view: View) -> None:
    """ "showing n of m weights" in the gap of each subsampled layer pair."""
    g = scene.geometry
    for es in scene.edges:
        if es is None or not es.subsampled:
            continue
        x0, y = view.map((g.column_x[es.l - 1], g.top))
        x1, _ = view.map((g.column_x[es.l], g.top))
        f = font(10)
        line = f"showing {len(es.w):,} of {es.total:,} weights"
        if QFontMetricsF(f).horizontalAdvance(line) < (x1 - x0) * 0.9:
            _text(p, (x0 + x1) / 2, y - 26, line, f, theme.TEXT_MUTED)
        else:
            _text(p, (x0 + x1) / 2, y - 30, f"showing {len(es.w):,} of", f, theme.TEXT_MUTED)
            _text(p, (x0 + x1) / 2, y - 18, f"{es.total:,} weights", f, theme.TEXT_MUTED)


def draw_readout(p: QPainter, scene: Scene, view: View, values, class_names) -> None:
    """Right of the output unit: yhat, the predicted class, and y with a tick or cross."""
    cx, cy = view.map(scene.geometry.pos[-1][0])
    x = cx + scene.geometry.radius * view.scale + 14
    if values is None:
        _text(p, x, cy - 10, "ŷ = –", font(16, bold=True), theme.TEXT, A.AlignLeft)
        return
    yhat = values.yhat
    pred = int(yhat > 0.5)
    _text(p, x, cy - 30, f"ŷ = {yhat:.2f}", font(17, bold=True), theme.TEXT, A.AlignLeft)
    _text(p, x, cy - 6, f"→ {class_names[pred]}", font(13), theme.TEXT, A.AlignLeft)
    if values.y is not None:
        y = int(values.y > 0.5)
        ok = y == pred
        mark, col = ("✓", "#2f855a") if ok else ("✗", theme.DANGER)
        _text(p, x, cy + 14, f"y = {y} ({class_names[y]}) {mark}", font(12), col, A.AlignLeft)


def draw_legend(p: QPainter, w: float, h: float, activation: str) -> None:
    """A strip along the bottom explaining edge colour / width, unit fill and the bias ring."""
    y0 = h - LEGEND_H
    p.fillRect(QRectF(0, y0, w, LEGEND_H), QColor(theme.SURFACE))
    p.setPen(QPen(QColor(theme.BORDER), 1))
    p.drawLine(QPointF(0, y0), QPointF(w, y0))
    cy = y0 + LEGEND_H / 2
    f = font(11)
    fm = QFontMetricsF(f)
    x = 14.0
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def label(s: str, gap: float = 18) -> None:
        nonlocal x
        _text(p, x, cy - fm.height() / 2, s, f, theme.TEXT_MUTED, A.AlignLeft)
        x += fm.horizontalAdvance(s) + gap

    for bucket, s in ((7, "w > 0"), (15, "w < 0")):
        rgba, _ = bucket_style(bucket)
        pen = QPen(QColor(*rgba), 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(QPointF(x, cy), QPointF(x + 22, cy))
        x += 28
        label(s, 10)
    label("width ∝ |w|", 24)
    grad = QLinearGradient(x, 0, x + 70, 0)
    for i, c in enumerate(ACT_STOPS):
        grad.setColorAt(i / (len(ACT_STOPS) - 1), QColor(*c.astype(int)))
    p.setPen(QPen(QColor("#94a3b8"), 1))
    p.setBrush(grad)
    p.drawRoundedRect(QRectF(x, cy - 6, 70, 12), 3, 3)
    x += 78
    label("fill: activation a (low → high)", 24)
    for c in (theme.POSITIVE, theme.NEGATIVE):
        p.setPen(QPen(QColor(c), 2.5))
        p.setBrush(QColor(theme.SURFACE))
        p.drawEllipse(QPointF(x + 7, cy), 6, 6)
        x += 18
    label("ring: bias b (sign, |b|)")


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
    _text(p, max(4, x) + 10, y + 6, text, f, theme.TEXT, A.AlignLeft)


def hover_text(scene: Scene, hit: tuple, snap, values: ExampleValues | None, image_shape) -> str:
    """Plain text for a hovered unit (l, j) or edge (l, j, k)."""
    if len(hit) == 3:
        l, j, k = hit
        s = f"W[{l}][{j},{k}]"
        if snap is not None:
            s += f" = {float(snap.W[l][j, k]):.4g}"
        if snap is not None and len(snap.dW) > l and snap.dW[l].size:
            s += f", dW = {float(snap.dW[l][j, k]):.3g}"
        return s
    l, j = hit
    if l == 0:
        s = f"Input unit {j} (x{str(j + 1).translate(SUB)})"
        if values is not None:
            s += f" = {float(values.a[0][j]):.4g}"
        if image_shape is not None:
            r, c, ch = (int(v) for v in input_pixel(np.array(j), image_shape))
            s += f" · pixel row {r}, col {c}, {('red', 'green', 'blue')[ch % 3]}"
        return s
    s = f"Layer {l}, unit {j}:"
    parts = []
    if values is not None:
        parts += [f"z = {float(values.z[l][j]):.4g}", f"a = {float(values.a[l][j]):.4g}"]
    if snap is not None:
        parts.append(f"b = {float(snap.b[l][j, 0]):.4g}")
    if values is not None and values.dz is not None:
        parts.append(f"dz = {float(values.dz[l][j]):.3g}")
    return f"{s} {', '.join(parts)}" if parts else s

"""Painting the network canvas's words: layer titles and shapes, counts, the output readout, the
caption, the legend strip and the hover box. Text keeps its pixel size whatever the zoom; anchors
follow the View. Where each word goes (and which are shortened or left out so none overlaps
another or the canvas's edge) is decided without Qt in wording.py / legend.py; this module
measures text for them (`measure`) and paints what they return. `canvas_labels` is every
drawn label at once (for NetworkCanvas.overlapping_texts).
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
from nnviz.ui.canvas.edges import ACT_STOPS, bucket_style, fill_scale
from nnviz.ui.canvas.labels import Face, Label
from nnviz.ui.canvas.legend import plan_legend
from nnviz.ui.canvas.scene import Scene, View, input_pixel
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.canvas.wording import (
    LEGEND_H,
    Words,
    caption_labels,
    layout_words,
    number_labels,
    readout_labels,
)
from nnviz.ui.common import theme

A = Qt.AlignmentFlag
COLORS = {"text": theme.TEXT, "muted": theme.TEXT_MUTED, "ok": "#2f855a", "bad": theme.DANGER}


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


_METRICS: dict[Face, QFontMetricsF] = {}
_SIZES: dict[tuple[str, Face], tuple[float, float]] = {}


def qfont(face: Face) -> QFont:
    return font(face.px, face.bold, face.mono)


def measure(text: str, face: Face) -> tuple[float, float]:
    """(advance, height) in px of one line of text in `face` (cached; GUI thread only)."""
    key = (text, face)
    got = _SIZES.get(key)
    if got is None:
        fm = _METRICS.get(face)
        if fm is None:
            fm = _METRICS[face] = QFontMetricsF(qfont(face))
        if len(_SIZES) > 20000:
            _SIZES.clear()
        got = _SIZES[key] = (fm.horizontalAdvance(text), fm.height())
    return got


def draw_label(p: QPainter, lab: Label) -> None:
    """A placed label, a line at a time, in its box."""
    f = qfont(lab.face)
    p.setFont(f)
    p.setPen(QColor(COLORS.get(lab.color, theme.TEXT_MUTED)))
    align = {"center": A.AlignHCenter, "left": A.AlignLeft, "right": A.AlignRight}[lab.align]
    y = lab.y
    for line in lab.lines:
        h = measure(line, lab.face)[1]
        p.drawText(QRectF(lab.x, y, lab.w, h), align | A.AlignTop, line)
        y += h


def _size(p: QPainter, scene: Scene) -> tuple[float, float]:
    d = p.device()
    dpr = d.devicePixelRatioF() if d is not None else 1.0
    if d is None or d.width() <= 0:
        return scene.geometry.size
    return d.width() / dpr, d.height() / dpr


_WORDS: dict[tuple, tuple[object, Words]] = {}


def words(
    scene: Scene, view: View, size: tuple[float, float], activation: str, image_shape
) -> Words:
    """wording.layout_words for this scene, view and size (the last few kept, each with the
    Geometry it was made for, so a reused id never matches)."""
    notes = tuple((es.l, len(es.w), es.total) for es in scene.edges if es is not None)
    key = (
        id(scene.geometry), scene.layer_dims, view, tuple(size), activation, image_shape, notes,
        scene.input_names,
    )  # fmt: skip
    geom, got = _WORDS.get(key, (None, None))
    if got is None or geom is not scene.geometry:
        if len(_WORDS) > 16:
            _WORDS.clear()
        hidden = get_activation(activation).label
        got = layout_words(scene, view, size, hidden, image_shape, measure)
        _WORDS[key] = (scene.geometry, got)
    return got


def draw_layer_labels(
    p: QPainter,
    scene: Scene,
    view: View,
    activation: str,
    image_shape: tuple | None,
    size: tuple[float, float] | None = None,
) -> None:
    """Titles above each column, W / b shapes below, "⋮ n more", "showing n of m weights", the
    input notes (size: the canvas's (w, h) px; by default the painter's device's)."""
    size = size or _size(p, scene)
    for lab in words(scene, view, size, activation, image_shape).labels:
        draw_label(p, lab)


def caption_for(scene: Scene, view: View, caption: str, ws: Words) -> list[Label]:
    r = scene.geometry.image_rect
    if r is None or not caption or ws.caption_zone is None:
        return []
    x, _ = view.map((r[0] + r[2] / 2, r[1]))
    return caption_labels(ws.caption_zone, float(x), caption, measure)


def draw_caption(
    p: QPainter, scene: Scene, view: View, caption: str, ws: Words | None = None
) -> None:
    """The example's caption above the picture (e.g. "train example 4 · y = 1 (cat)"), in the
    zone the words keep for it."""
    ws = ws or words(scene, view, _size(p, scene), "relu", None)
    for lab in caption_for(scene, view, caption, ws):
        draw_label(p, lab)


def readout_for(scene: Scene, view: View, values, class_names, ws: Words) -> list[Label]:
    if ws.readout_zone is None:
        return []
    _, cy = view.map(scene.geometry.pos[-1][0])
    if values is None:
        lines = [("ŷ = –", "text")]
    else:
        pred = int(values.yhat > 0.5)
        lines = [(f"ŷ = {values.yhat:.2f}", "text"), (f"→ {class_names[pred]}", "text")]
        if values.y is not None:
            y = int(values.y > 0.5)
            ok = y == pred
            lines.append(
                (f"y = {y} ({class_names[y]}) {'✓' if ok else '✗'}", "ok" if ok else "bad")
            )
    return readout_labels(ws.readout_zone, float(cy), lines, measure)


def draw_readout(
    p: QPainter, scene: Scene, view: View, values, class_names, ws: Words | None = None
) -> None:
    """Right of the output unit: yhat, the predicted class, and y with a tick or cross."""
    ws = ws or words(scene, view, _size(p, scene), "relu", None)
    for lab in readout_for(scene, view, values, class_names, ws):
        draw_label(p, lab)


def legend_scale(values: ExampleValues | None, activation: str, image: bool) -> tuple[float, float]:
    """The unit fill scale (lo, hi) the legend shows (0..1 before an example)."""
    return (0.0, 1.0) if values is None else fill_scale(values.a, activation, image)


def draw_legend(
    p: QPainter,
    w: float,
    h: float,
    activation: str,
    scale: tuple[float, float] = (0.0, 1.0),
    maps: bool = False,
) -> None:
    """A strip along the bottom explaining edge colour / width, unit fill (one scale lo..hi for
    every layer) and the bias ring, as much of it as fits (legend.plan_legend)."""
    y0 = h - LEGEND_H
    p.fillRect(QRectF(0, y0, w, LEGEND_H), QColor(theme.SURFACE))
    p.setPen(QPen(QColor(theme.BORDER), 1))
    p.drawLine(QPointF(0, y0), QPointF(w, y0))
    cy = y0 + LEGEND_H / 2
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for piece in plan_legend(w, h, LEGEND_H, *scale, measure, maps):
        x = piece.x
        if piece.label is not None:
            draw_label(p, piece.label)
        elif piece.kind in ("w+", "w-"):
            rgba, _ = bucket_style(7 if piece.kind == "w+" else 15)
            pen = QPen(QColor(*rgba), 3)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(QPointF(x, cy), QPointF(x + piece.w, cy))
        elif piece.kind == "gradient":
            grad = QLinearGradient(x, 0, x + piece.w, 0)
            for i, c in enumerate(ACT_STOPS):
                grad.setColorAt(i / (len(ACT_STOPS) - 1), QColor(*c.astype(int)))
            p.setPen(QPen(QColor("#94a3b8"), 1))
            p.setBrush(grad)
            p.drawRoundedRect(QRectF(x, cy - 6, piece.w, 12), 3, 3)
        elif piece.kind == "maps":  # plane_maps' diverging pair: low orange, high blue
            grad = QLinearGradient(x, 0, x + piece.w, 0)
            for t, c in ((0.0, theme.NEGATIVE), (0.5, "#fafafa"), (1.0, theme.POSITIVE)):
                grad.setColorAt(t, QColor(c))
            p.setPen(QPen(QColor("#94a3b8"), 1))
            p.setBrush(grad)
            p.drawRoundedRect(QRectF(x, cy - 6, piece.w, 12), 3, 3)
        elif piece.kind == "rings":
            for i, c in enumerate((theme.POSITIVE, theme.NEGATIVE)):
                p.setPen(QPen(QColor(c), 2.5))
                p.setBrush(QColor(theme.SURFACE))
                p.drawEllipse(QPointF(x + 7 + 18 * i, cy), 6, 6)


def canvas_labels(
    scene: Scene,
    view: View,
    size: tuple[float, float],
    activation: str,
    image_shape: tuple | None,
    caption: str,
    values: ExampleValues | None,
    class_names: tuple[str, str],
    maps: bool = False,
) -> list[Label]:
    """Every label the canvas draws for this state (words, caption, readout, unit numbers (not
    under maps), the legend's words), from the same layout the painting uses."""
    ws = words(scene, view, size, activation, image_shape)
    out = list(ws.labels)
    out += caption_for(scene, view, caption, ws)
    out += readout_for(scene, view, values, class_names, ws)
    if values is not None and not maps:
        out += number_labels(scene, view, values.a, size, measure)
    scale = legend_scale(values, activation, image_shape is not None)
    out += [pc.label for pc in plan_legend(*size, LEGEND_H, *scale, measure, maps) if pc.label]
    return out


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

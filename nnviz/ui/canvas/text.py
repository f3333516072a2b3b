"""Painting the network canvas's words: layer titles and shapes, counts, the output readout, the
caption and the legend strip. Text keeps its pixel size whatever the zoom; anchors follow the
View. Where each word goes (and which are shortened or left out so none overlaps another, the
canvas's edge or the edges, lines and units drawn over it) is decided without Qt in wording.py,
caption.py and legend.py (marks.py: what they keep clear of); this module measures text for
them (fonts.measure) and paints what they return. `canvas_labels` is every drawn label at once
(for NetworkCanvas.overlapping_texts). The fonts and text caches are in fonts.py, the hover box
in hover.py (both re-exported here for the modules that import them from text).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen

from nnviz.engine.activations import get_activation
from nnviz.ui.canvas.caption import caption_labels
from nnviz.ui.canvas.edges import ACT_STOPS, bucket_style, fill_scale
from nnviz.ui.canvas.fonts import draw_label, draw_text, font, measure, qfont, static_text
from nnviz.ui.canvas.hover import HOVER_PICTURE, draw_hover_box, draw_hover_picture, hover_text
from nnviz.ui.canvas.labels import Label
from nnviz.ui.canvas.legend import plan_legend
from nnviz.ui.canvas.marks import canvas_marks
from nnviz.ui.canvas.scene import Scene, View
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.canvas.wording import (
    LEGEND_H,
    Words,
    layout_words,
    number_labels,
    readout_labels,
)
from nnviz.ui.common import theme

__all__ = [  # the words' painting, and what other modules import from here
    "HOVER_PICTURE",
    "LEGEND_H",
    "canvas_labels",
    "caption_for",
    "draw_caption",
    "draw_hover_box",
    "draw_hover_picture",
    "draw_label",
    "draw_layer_labels",
    "draw_legend",
    "draw_readout",
    "draw_text",
    "font",
    "hover_text",
    "legend_scale",
    "measure",
    "qfont",
    "readout_for",
    "static_text",
    "words",
]


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
    marks = canvas_marks(scene, view)  # the caption keeps clear of the picture's lines
    return caption_labels(ws.caption_zone, float(x), caption, measure, marks)


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

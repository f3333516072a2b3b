"""Painting the network canvas's shapes: the cached edge layer, the input picture, the units.

Everything takes a QPainter, the Scene (scene coordinates) and the View that maps them to the
widget; the numbers come from edges.py / values.py. Text lives in text.py and fonts.py.
"""

from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap

from nnviz.ui.canvas.edges import (
    activation_rgba,
    bias_rings,
    bucket_style,
    edge_batches,
    fill_scale,
    input_rgba,
    ring_max,
)
from nnviz.ui.canvas.fonts import font as text_font
from nnviz.ui.canvas.fonts import static_text
from nnviz.ui.canvas.scene import Scene, View, input_pixel, pixel_centres
from nnviz.ui.canvas.sprites import SpriteCache
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.canvas.wording import number_shown
from nnviz.ui.common import theme

UNIT_BORDER = QColor("#94a3b8")


def draw_lines(p: QPainter, seg: np.ndarray) -> None:
    """One drawLines call for (n, 4) segments x0, y0, x1, y1 (widget px), without a Python QLineF
    per line: the array's memory is handed to Qt as a QLineF[] (PySide6 >= 6.4.3)."""
    seg = np.ascontiguousarray(seg, dtype=np.float64)
    if not len(seg):
        return
    p.drawLines(shiboken6.wrapInstance(seg.ctypes.data, QLineF), len(seg))  # type: ignore[call-overload]


def draw_edges(p: QPainter, scene: Scene, view: View, antialias: bool = True) -> None:
    """Every drawn edge: opaque flat-capped pens (an order of magnitude faster than translucent
    or round-capped ones), one pen and one drawLines per layer pair and |w| bucket.
    antialias=False is ~2.5x faster (used while snapshots stream in)."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
    off = np.array([view.tx, view.ty, view.tx, view.ty])
    for bucket, soften, seg in edge_batches(scene.edges):
        rgba, width = bucket_style(bucket, soften)
        pen = QPen(QColor(*rgba), width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        draw_lines(p, seg * view.scale + off)


def numpy_to_qimage(image: np.ndarray) -> QImage:
    """(H, W, 3) or (H, W) uint8 -> a QImage owning its own copy."""
    a = np.asarray(image)
    if a.ndim == 2:
        a = np.repeat(a[:, :, None], 3, axis=2)
    if a.ndim != 3 or a.shape[2] not in (3, 4) or a.dtype != np.uint8:
        raise ValueError(f"the example picture must be (H, W, 3) uint8, got {a.shape} {a.dtype}")
    a = np.ascontiguousarray(a[:, :, :3])
    h, w = a.shape[:2]
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class PictureCache:
    """The example picture scaled up once with crisp pixels (no smoothing) for the current size."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._pixmap: QPixmap | None = None

    def get(self, qimage: QImage, w: float, h: float, dpr: float) -> QPixmap:
        size = (max(1, round(w * dpr)), max(1, round(h * dpr)))
        key = (id(qimage), size)
        if key != self._key or self._pixmap is None:
            scaled = qimage.scaled(
                size[0],
                size[1],
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
            self._pixmap = QPixmap.fromImage(scaled)
            self._pixmap.setDevicePixelRatio(dpr)
            self._key = key
        return self._pixmap


def draw_picture(
    p: QPainter,
    scene: Scene,
    view: View,
    picture: QPixmap | None,
    image_shape: tuple,
) -> None:
    """The input picture (pre-scaled, crisp) and faint lines from each sample unit to its pixel,
    whose square is outlined in the unit's channel colour."""
    rect = scene.geometry.image_rect
    if rect is None:
        return
    x, y = view.map((rect[0], rect[1]))
    target = QRectF(x, y, rect[2] * view.scale, rect[3] * view.scale)
    if picture is not None:
        p.drawPixmap(target.topLeft(), picture)
    else:
        p.fillRect(target, QColor(theme.BACKGROUND))
    p.setPen(QPen(QColor(theme.BORDER), 1))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(target)
    idx = scene.shown[0]
    px = view.map(pixel_centres(idx, image_shape, rect))
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(QPen(QColor(148, 163, 184), 0.8))
    draw_lines(p, view.map(scene.picture_lines().reshape(-1, 2)).reshape(-1, 4))
    _, _, ch = input_pixel(idx, image_shape)
    colours = input_rgba(np.ones(len(idx)), ch)
    cell = max(3.0, rect[2] * view.scale / image_shape[1])
    halo = QPen(QColor(255, 255, 255), 2.2)
    for (cx, cy), c in zip(px, colours, strict=True):
        r = QRectF(cx - cell / 2, cy - cell / 2, cell, cell)
        p.setPen(halo)
        p.drawRect(r)
        p.setPen(QPen(QColor(int(c[0]), int(c[1]), int(c[2])), 1.2))
        p.drawRect(r)


def unit_fills(scene: Scene, values: ExampleValues | None, activation: str, image: bool):
    """Per layer: (k_l, 4) uint8 fill colours of the shown units, or None (no example yet). One
    scale for every layer (edges.fill_scale); an image's inputs in their channel's colour."""
    if values is None:
        return [None] * len(scene.shown)
    lo, hi = fill_scale(values.a, activation, image)
    fills = []
    for l, idx in enumerate(scene.shown):
        a = values.a[l]
        if l == 0 and image:
            fills.append(input_rgba(a[idx], input_pixel(idx, (1, 1, 3))[2]))
        else:
            fills.append(activation_rgba(a[idx], lo, hi))
    return fills


def draw_units(
    p: QPainter,
    scene: Scene,
    view: View,
    fills: list,
    b: tuple | None,
    values: ExampleValues | None,
    vector: bool = False,
) -> None:
    """Circles filled by activation; a ring outside each whose colour is sign(b), width |b|.
    Each distinct disk and ring is rendered once (antialiased) and blitted (UNIT_SPRITES);
    vector=True draws them as shapes (SVG export)."""
    r = scene.geometry.radius * view.scale
    widest = ring_max(r)
    size = (round(r * 4) / 4, p.device().devicePixelRatioF())
    surface = QColor(theme.SURFACE)
    empty = (surface.red(), surface.green(), surface.blue())
    for l, idx in enumerate(scene.shown):
        centres = view.map(scene.geometry.pos[l]).tolist()
        fill = fills[l]
        # colours to the nearest of 32 levels a channel (invisible), so sprites are reused
        rgbs = None if fill is None else [tuple(c) for c in ((fill[:, :3] // 8) * 8 + 4).tolist()]
        rings = None
        if l > 0 and b is not None and len(b) > l and b[l].size:
            negative, width = bias_rings(np.asarray(b[l]).reshape(-1)[idx], widest)
            rings = zip(negative.tolist(), (np.round(width * 4) / 4).tolist(), strict=True)
        for i, (cx, cy) in enumerate(centres):
            key = (rgbs[i] if rgbs is not None else empty, *(next(rings) if rings else (0, 0.0)))
            if vector:
                paint_unit(p, QPointF(cx, cy), key[0], bool(key[1]), float(key[2]), r)
            else:
                sprite, half = UNIT_SPRITES.get(size, key)
                p.drawPixmap(QPointF(round(cx - half), round(cy - half)), sprite)
        if values is not None and r >= 13 and not (l == 0 and scene.geometry.image_rect):
            dev = p.device()
            canvas = (dev.width() / size[1], dev.height() / size[1]) if dev else (1e9, 1e9)
            _unit_numbers(p, centres, values.a[l][idx], fill, r, canvas)


def paint_unit(
    q: QPainter, c: QPointF, rgb: tuple[int, int, int], negative: bool, ring: float, r: float
) -> None:
    """A disk of radius r at c filled `rgb` with a thin border, and outside it a ring of width
    `ring` px (none below 0.15) coloured by the sign of the bias."""
    q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    q.setPen(QPen(UNIT_BORDER, 1.0))
    q.setBrush(QBrush(QColor(*rgb)))
    q.drawEllipse(c, r, r)
    if ring > 0.15:
        q.setPen(QPen(QColor(theme.NEGATIVE if negative else theme.POSITIVE), ring))
        q.setBrush(Qt.BrushStyle.NoBrush)
        q.drawEllipse(c, r + 0.5 + ring / 2, r + 0.5 + ring / 2)


def _unit_sprite(
    rgb: tuple[int, int, int], negative: bool, ring: float, r: float, dpr: float
) -> tuple[QPixmap, float]:
    """(pixmap, half its size in px) of paint_unit()."""
    half = float(np.ceil(r + 2.0 + (ring + 0.5 if ring > 0.15 else 0.0)))
    pm = QPixmap(int(np.ceil(2 * half * dpr)), int(np.ceil(2 * half * dpr)))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    q = QPainter(pm)
    paint_unit(q, QPointF(half, half), rgb, negative, ring, r)
    q.end()
    return pm, half


UNIT_SPRITES = SpriteCache(_unit_sprite)


def _unit_numbers(
    p: QPainter, centres, a: np.ndarray, fill, r: float, canvas: tuple[float, float]
) -> None:
    """The activation printed inside big units (white on dark fills) wholly on the canvas of
    size (w, h) px (wording.number_shown), each distinct number laid out once (static_text)."""
    font = text_font(int(min(12, r * 0.62)))
    p.setFont(font)
    light, dark_text = QColor("#ffffff"), QColor(theme.TEXT)
    for (cx, cy), v, c in zip(centres, np.asarray(a).tolist(), fill.tolist(), strict=True):
        if not number_shown(cx, cy, r, canvas):
            continue
        dark = (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) < 140
        p.setPen(light if dark else dark_text)
        st = static_text(f"{v:.2f}", font)
        size = st.size()
        p.drawStaticText(QPointF(cx - size.width() / 2, cy - size.height() / 2), st)


def draw_highlight(p: QPainter, scene: Scene, view: View, hit: tuple) -> None:
    """Accent the hovered unit (l, j) or edge (l, j, k)."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if len(hit) == 2:
        l, j = hit
        i = int(np.searchsorted(scene.shown[l], j))
        c = view.map(scene.geometry.pos[l][i])
        r = scene.geometry.radius * view.scale + 5
        p.setPen(QPen(QColor(theme.ACCENT), 2.0))
        p.drawEllipse(QPointF(*c), r, r)
        return
    l, j, k = hit
    a = view.map(scene.geometry.pos[l - 1][int(np.searchsorted(scene.shown[l - 1], k))])
    b = view.map(scene.geometry.pos[l][int(np.searchsorted(scene.shown[l], j))])
    p.setPen(QPen(QColor(theme.TEXT), 2.5))
    p.drawLine(QPointF(*a), QPointF(*b))

"""The network canvas's cached layers, bottom to top: words, decorations, edges, units.

Each layer is a device-pixel-ratio aware QPixmap: the layer below with its own drawing on top,
rebuilt only when what it shows changes (LayerCache.layer compares the inputs it was made from).
Words change with the layout (Geometry) or view; decorations (the input picture, the caption)
with the example; edges with the scene (a snapshot's weights); units (fills, bias rings,
the readout, and the legend on top of all) with the example's values. An animation frame then
costs one pixmap copy plus the moving parts, and a new snapshot redraws only the layers it
changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.legend import number
from nnviz.ui.canvas.paint import (
    PictureCache,
    draw_edges,
    draw_picture,
    draw_units,
    unit_fills,
)
from nnviz.ui.canvas.scene import Scene, View
from nnviz.ui.canvas.text import (
    LEGEND_H,
    draw_caption,
    draw_layer_labels,
    draw_legend,
    draw_readout,
    legend_scale,
    words,
)
from nnviz.ui.canvas.unit_maps import MIN_MAP_RADIUS, draw_unit_maps
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.common import theme


class Look(NamedTuple):
    """What the canvas shows besides the numbers: the hidden activation's name, the input
    picture's shape (None: not an image), the class names and the example's caption."""

    activation: str
    image_shape: tuple | None
    class_names: tuple[str, str]
    caption: str


def layer_steps(
    scene: Scene,
    view: View,
    values: ExampleValues | None,
    snap: Snapshot | None,
    picture: QPixmap | None,
    look: Look,
    size: tuple[int, int, float],
    antialias: bool,
    vector: bool = False,
    maps: list | None = None,
    legend: LegendStrip | None = None,
) -> list[tuple[str, tuple, Callable[[QPainter], None]]]:
    """The layers above the words, bottom to top: (name, what it is drawn from, draw).
    vector: units as shapes rather than cached sprites (for SVG); maps: each unit's map over
    the input plane for 2-D data (per layer premultiplied RGBA discs (n_l, s, s, 4),
    UnitMaps.discs), drawn inside the units (whose fill they hide); legend: the cached strip
    (None: drawn each time)."""
    b = snap.b if snap is not None else None
    w, h = float(size[0]), float(size[1])
    image = look.image_shape
    ws = words(scene, view, (w, h), look.activation, image)  # the zones of caption and readout

    def decorate(p: QPainter) -> None:  # what changes with the example, not the snapshot
        if image is not None:
            draw_picture(p, scene, view, picture, image)
        draw_caption(p, scene, view, look.caption, ws)

    def units(p: QPainter) -> None:
        mapped = maps is not None and scene.geometry.radius * view.scale >= MIN_MAP_RADIUS
        if mapped:  # the maps cover the fills and hide the activations' numbers
            fills: list = [None] * len(scene.shown)
        else:
            fills = unit_fills(scene, values, look.activation, image is not None)
        draw_units(p, scene, view, fills, b, None if maps is not None else values, vector)
        if maps is not None:
            draw_unit_maps(p, scene, view, maps)
        draw_readout(p, scene, view, values, look.class_names, ws)
        scale = legend_scale(values, look.activation, image is not None)
        strip = (w, h, look.activation, scale, maps is not None)
        if legend is None or vector:
            draw_legend(p, *strip)  # last: all pass under it
        else:
            legend.draw(p, *strip)

    steps: list[tuple[str, tuple, Callable[[QPainter], None]]] = [
        ("decorated", (picture, look.caption), decorate),
        (
            "edges",
            (scene, "smooth" if antialias else "fast"),
            lambda p: draw_edges(p, scene, view, antialias),
        ),
        ("frame", (values, b, "|".join(look.class_names), maps), units),
    ]
    return steps


class LegendStrip:
    """The legend strip (text.draw_legend) drawn once per canvas size and scale ends (as
    written) and blitted: it is the same in most frames while training."""

    def __init__(self) -> None:
        self._made: tuple[tuple, QPixmap] | None = None

    def draw(
        self, p: QPainter, w: float, h: float, activation: str, scale: tuple, maps: bool
    ) -> None:
        dev = p.device()
        dpr = dev.devicePixelRatioF() if dev is not None else 1.0
        ends = None if maps else (number(scale[0]), number(scale[1]))  # maps: no numbers
        key = (w, h, dpr, activation, maps, ends)
        if self._made is None or self._made[0] != key:
            pm = QPixmap(max(1, round(w * dpr)), max(1, round(LEGEND_H * dpr)))
            pm.setDevicePixelRatio(dpr)
            pm.fill(QColor(theme.SURFACE))
            q = QPainter(pm)
            q.translate(0, LEGEND_H - h)  # the strip is the bottom LEGEND_H px of the canvas
            draw_legend(q, w, h, activation, scale, maps)
            q.end()
            self._made = (key, pm)
        p.drawPixmap(QPointF(0, h - LEGEND_H), self._made[1])


class LayerCache:
    """Holds the pixmaps and the inputs they were made from (objects compared by identity)."""

    def __init__(self) -> None:
        self.pictures = PictureCache()
        self.legend = LegendStrip()
        self.invalidate()

    def invalidate(self) -> None:
        self._layers: dict[str, tuple[tuple, QPixmap]] = {}

    def words(
        self,
        scene: Scene,
        view: View,
        size: tuple[int, int, float],
        activation: str,
        image_shape: tuple | None,
    ) -> QPixmap:
        """The background with the layer titles and shapes, for a widget of size (w, h, dpr)."""
        w, h, dpr = size
        key = (scene.geometry, str((w, h, dpr, view, activation, image_shape, scene.input_names)))
        old, pm = self._layers.get("words", ((), None))
        if pm is None or not _same(key, old):
            pm = QPixmap(max(1, int(w * dpr)), max(1, int(h * dpr)))
            pm.setDevicePixelRatio(dpr)
            pm.fill(QColor(theme.SURFACE))
            p = QPainter(pm)
            draw_layer_labels(p, scene, view, activation, image_shape, (w, h))
            p.end()
            self._layers["words"] = (key, pm)
        return pm

    def layer(
        self, name: str, key: tuple, under: QPixmap, draw: Callable[[QPainter], None]
    ) -> QPixmap:
        """The layer `name`: `under` with draw(painter) on top, rebuilt only when an item of `key`
        (objects compared by identity, strings by value) differs from the last call's."""
        old, pm = self._layers.get(name, ((), None))
        if pm is None or not _same(key, old):
            pm = under.copy()
            pm.setDevicePixelRatio(under.devicePixelRatio())
            p = QPainter(pm)
            draw(p)
            p.end()
            self._layers[name] = (key, pm)  # the key's references keep the ids unique
        return pm

    def picture(self, qimage: QImage | None, scene: Scene, view: View, dpr: float):
        """The example picture scaled to its on-screen rectangle (crisp pixels), or None."""
        rect = scene.geometry.image_rect
        if qimage is None or rect is None:
            return None
        return self.pictures.get(qimage, rect[2] * view.scale, rect[3] * view.scale, dpr)


def _same(key: tuple, old: tuple) -> bool:
    return len(old) == len(key) and all(
        a is b or (isinstance(a, str) and a == b) for a, b in zip(key, old, strict=True)
    )

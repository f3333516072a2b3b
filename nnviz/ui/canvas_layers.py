"""The network canvas's cached bottom layers: background + words, then edges, then the picture.

Each layer is a device-pixel-ratio aware QPixmap rebuilt only when what it shows changes: words
when the layout (Geometry) or view changes, edges when the scene (snapshot) changes too, the
scaled picture when the example or its on-screen size changes.
"""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter, QPixmap

from nnviz.ui.canvas_paint import PictureCache, render_edges, render_static
from nnviz.ui.canvas_text import draw_layer_labels
from nnviz.ui.scene import Scene, View


class LayerCache:
    """Holds the pixmaps and the keys they were made for (objects compared by identity)."""

    def __init__(self) -> None:
        self.pictures = PictureCache()
        self.invalidate()

    def invalidate(self) -> None:
        self._static: QPixmap | None = None
        self._static_key: tuple | None = None
        self._edges: QPixmap | None = None
        self._edges_key: tuple | None = None

    def base(
        self,
        scene: Scene,
        view: View,
        size: tuple[int, int, float],
        antialias: bool,
        activation: str,
        image_shape: tuple | None,
    ) -> QPixmap:
        """Background and words with the edges on top, for a widget of size (w, h, dpr)."""
        w, h, dpr = size
        frame = (w, h, dpr, view)
        if self._static is None or self._static_key != (id(scene.geometry), frame):
            self._static = render_static(scene, view, w, h, dpr)
            p = QPainter(self._static)
            draw_layer_labels(p, scene, view, activation, image_shape)
            p.end()
            self._static_key = (id(scene.geometry), frame)
            self._geometry = scene.geometry  # keeps the id above from being reused
            self._edges = None
        key = (id(scene), frame, antialias)
        if self._edges is None or self._edges_key != key:
            self._edges = render_edges(self._static, scene, view, antialias=antialias)
            self._edges_key = key
            self._scene = scene  # keeps the id above from being reused
        return self._edges

    def picture(self, qimage: QImage | None, scene: Scene, view: View, dpr: float):
        """The example picture scaled to its on-screen rectangle (crisp pixels), or None."""
        rect = scene.geometry.image_rect
        if qimage is None or rect is None:
            return None
        return self.pictures.get(qimage, rect[2] * view.scale, rect[3] * view.scale, dpr)

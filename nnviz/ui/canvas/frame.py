"""How the network canvas gets on screen: the cached frame, its pace while training, the paint.

CanvasFrame is NetworkCanvas's base (canvas.py holds what is shown, input.py the pointer).
Everything but the animation and the hover is cached as layers (layers.py) until their inputs
change; a paint copies the frame and draws the overlay (the flow animation) and the hover on top.
While snapshots stream in (training) the frame follows the newest snapshot at most FRAME_HZ times
a second, the edges (the costly layer, slowly changing weights) are rebuilt at most EDGE_HZ times
a second without antialiasing (~2.5x faster), and all is redrawn smooth SETTLE_MS after the
stream pauses. For 2-D data each snapshot's unit maps are made off the GUI thread meanwhile
(unit_maps.py); the frame adopts a snapshot once its maps are in (waiting at most MAP_WAIT_S), so
units, numbers and maps always show the same snapshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter

from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.hover import draw_hover_box, draw_hover_picture
from nnviz.ui.canvas.input import CanvasInput
from nnviz.ui.canvas.layers import LayerCache, Look, layer_steps
from nnviz.ui.canvas.paint import draw_highlight
from nnviz.ui.canvas.scene import Scene
from nnviz.ui.canvas.text import LEGEND_H, draw_layer_labels
from nnviz.ui.canvas.unit_maps import UnitMaps
from nnviz.ui.canvas.values import ExampleValues
from nnviz.ui.common import theme
from nnviz.ui.flow.overlay import VEIL

EDGE_HZ = 4  # edge layer rebuilds per second while snapshots stream
FRAME_HZ = 15  # while they stream, units and words follow the newest snapshot this often
SETTLE_MS = 150  # after this long without a new snapshot, edges are redrawn antialiased
MAP_WAIT_S = 0.25  # a snapshot waits this long at most for its unit maps, then makes them itself


class CanvasFrame(CanvasInput):
    """The cached frame and the paint of NetworkCanvas (which sets the fields below).

    Signal: painted(ms) after each paint, with the milliseconds it took (`nnviz bench gui`)."""

    painted = Signal(float)
    last_paint_ms = 0.0

    # what is shown (NetworkCanvas)
    _snap: Snapshot | None
    _values: ExampleValues | None
    _scene: Scene | None
    _activation: str
    _image_shape: tuple | None
    _class_names: tuple[str, str]
    _caption: str
    _qimage: QImage | None
    _ensure_values: Callable[[], None]
    _ensure_scene: Callable[[], None]

    def _init_frame(self) -> None:
        self._layers = LayerCache()
        self._unit_maps = UnitMaps(self, self._maps_arrived)  # 2-D data: each unit's map
        self._streaming = False  # snapshots arriving fast: edges without antialiasing
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._recompose = QTimer(self, singleShot=True)
        self._recompose.timeout.connect(self._compose_now)
        self._after_paint = QTimer(self, singleShot=True)  # composes just after a paint
        self._after_paint.timeout.connect(lambda: self._compose_now(after_paint=True))
        self._compose_after_paint = False
        # Painted on top of the layers when set: overlay.paint(p, scene, view, snap, values, w, h)
        self.overlay = None
        # A picture beside the hover box when set: hover_picture((l, j)) -> QImage or None
        self.hover_picture: Callable[[tuple], QImage | None] | None = None

    def _reset_frame(self) -> None:
        self._layers.invalidate()
        self._shown = None  # (scene, snapshot, values, frame) being shown
        self._composed_at = 0.0
        self._composed_for: tuple | None = None
        self._snap_count = 0
        self._scene_pending = False  # a snapshot's edges are not drawn yet
        self._scene_built_at = 0.0
        self._maps_since: float | None = None  # since when a compose waits for unit maps
        self._streaming = False
        self._settle.stop()
        self._recompose.stop()
        self._after_paint.stop()
        self._compose_after_paint = False

    # ---- the pace while snapshots stream in ----------------------------------------------------
    def _snapshot_arrived(self) -> None:
        """A new snapshot is set: draw it now, or (a stream) its units and maps at the next
        FRAME_HZ tick, its edges at the next EDGE_HZ one; paints between only copy the frame."""
        self._scene_pending = True
        if self._snap_count > 0:  # a stream: draw fast edges until it pauses
            self._streaming = True
            self._settle.start()
            if self._scene is not None:  # its maps start now, off the GUI thread
                self._unit_maps.request(self._snap, self._scene, self._view, self._dpr())
            if not self._recompose.isActive():
                due = self._composed_at + 1.0 / FRAME_HZ - time.perf_counter()
                self._recompose.start(max(0, int(due * 1000)))
        self._snap_count += 1
        self._repaint_soon()

    def _edges_due(self) -> bool:
        """Whether a streamed snapshot's edges may be drawn now (at most EDGE_HZ a second)."""
        return not self._streaming or time.perf_counter() - self._scene_built_at >= 1 / EDGE_HZ

    def flush(self) -> None:
        """Draw the newest snapshot now, smooth (before a screenshot or an export)."""
        self._settle.stop()
        self._recompose.stop()
        self._settled()

    def _settled(self) -> None:
        self._streaming = False  # the next paint draws the newest edges, antialiased
        self.update()

    def _repaint_soon(self) -> None:
        """update(), unless the animation repaints anyway within a frame (no extra paints)."""
        if self.overlay is None or not self.overlay.animating:
            self.update()

    def _dpr(self) -> float:
        return self.devicePixelRatioF()

    def _size(self) -> tuple[int, int, float]:
        return (self.width(), self.height(), self._dpr())

    def _compose_now(self, after_paint: bool = False) -> None:
        """The FRAME_HZ tick: bring the frame up to the newest snapshot once its maps are in;
        while the animation runs, just after its next paint, so that the work never holds up
        the frame after (it has a whole frame's time)."""
        if self._streaming and not self._maps_in():
            now = time.perf_counter()
            self._maps_since = self._maps_since or now
            if now - self._maps_since < MAP_WAIT_S:
                self._recompose.start(int(MAP_WAIT_S * 1000))  # on arrival, or made then
                return
        if not after_paint and self.overlay is not None and self.overlay.animating:
            self._compose_after_paint = True
            return
        self._compose(self._size())
        self._repaint_soon()

    def _maps_in(self) -> bool:
        """Whether the shown snapshot's unit maps are made (asks for them when not)."""
        self._ensure_scene()
        assert self._scene is not None
        if self._unit_maps.ready(self._snap, self._scene, self._view, self._dpr()):
            return True
        self._unit_maps.request(self._snap, self._scene, self._view, self._dpr())
        return False

    def _maps_arrived(self) -> None:
        if self._maps_since is not None:  # a compose waits for them
            self._compose_now()

    # ---- the frame ----------------------------------------------------------------------------
    def _layer_steps(
        self, size: tuple[int, int, float], vector: bool = False
    ) -> list[tuple[str, tuple, Callable]]:
        """The layers above the words, bottom to top (layers.layer_steps)."""
        self._ensure_values()
        self._ensure_scene()
        assert self._scene is not None
        picture = None
        if self._image_shape:
            picture = self._layers.picture(self._qimage, self._scene, self._view, size[2])
        look = Look(self._activation, self._image_shape, self._class_names, self._caption)
        return layer_steps(
            self._scene,
            self._view,
            self._values,
            self._snap,
            picture,
            look,
            size,
            not self._streaming,
            vector,
            self._unit_maps.discs(self._snap, self._scene, self._view, size[2]),
            self._layers.legend,
        )

    def _compose(self, size: tuple[int, int, float]) -> None:
        """Bring the cached frame up to date (all but the animation and the hover), a layer
        at a time (layers.py), and note what it shows."""
        steps = self._layer_steps(size)  # brings the scene up to date too
        assert self._scene is not None
        pm = self._layers.words(self._scene, self._view, size, self._activation, self._image_shape)
        for name, key, draw in steps:
            pm = self._layers.layer(name, (pm, *key), pm, draw)
        self._shown = (self._scene, self._snap, self._values, pm)
        self._composed_at = time.perf_counter()
        self._composed_for = (self._view, size)
        self._maps_since = None
        self._recompose.stop()  # this frame shows the newest snapshot already

    def _paint_layers(self, p: QPainter, size: tuple[int, int, float]) -> None:
        """The same layers painted straight onto p (vectors, for SVG export)."""
        steps = self._layer_steps(size, vector=True)
        assert self._scene is not None
        p.fillRect(QRectF(0, 0, size[0], size[1]), QColor(theme.SURFACE))
        draw_layer_labels(p, self._scene, self._view, self._activation, self._image_shape)
        for _, _, draw in steps:
            p.save()
            draw(p)
            p.restore()
        self._shown = (self._scene, self._snap, self._values, None)
        self._composed_for = None  # the next paint on screen composes again

    # ---- the paint ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        t0 = time.perf_counter()
        size = self._size()
        w, h = float(self.width()), float(self.height())
        p = QPainter(self)
        if p.paintEngine().type() != QPaintEngine.Type.Raster:  # SVG export: vectors, no cache
            self._paint_layers(p, size)
        elif self._shown is None or not self._streaming or self._composed_for != (self._view, size):
            self._compose(size)
        assert self._shown is not None  # composed just above
        scene, snap, values, frame = self._shown
        veil = self.overlay.veil_x(scene, self._view) if self.overlay is not None else None
        if frame is not None:
            p.drawPixmap(0, 0, frame)
        if veil is not None and veil < w:
            x = max(veil, 0.0)
            if frame is None:
                p.fillRect(QRectF(x, 0, w - x, h - LEGEND_H), VEIL)
            else:
                self._draw_veiled(p, frame, x, w, h - LEGEND_H)
        if self._hit is not None:
            draw_highlight(p, scene, self._view, self._hit)
        if self.overlay is not None:
            self.overlay.paint(p, scene, self._view, snap, values, w, h)
        if self._hit is not None:
            draw_hover_box(p, self._hover_text(), self._hover_at, w, h)
            picture = self.hover_picture(self._hit) if self.hover_picture is not None else None
            if picture is None:
                picture = self.unit_map_image(self._hit)
            if picture is not None:
                draw_hover_picture(p, picture, self._hover_at, w, h)
        p.end()
        if self._compose_after_paint:
            self._compose_after_paint = False
            self._after_paint.start(0)
        self.last_paint_ms = (time.perf_counter() - t0) * 1000.0
        self.painted.emit(self.last_paint_ms)

    def unit_map_image(self, hit: tuple) -> QImage | None:
        """Unit (l, j)'s map over the plane as drawn (res x res), None without maps; shown
        large beside the hover box when the unit is hovered."""
        return self._unit_maps.large(hit)

    def _draw_veiled(self, p: QPainter, frame, x: float, w: float, h: float) -> None:
        """The frame right of x as seen through a white veil (a cached copy, not a fill)."""

        def veil(q: QPainter) -> None:
            q.fillRect(QRectF(0, 0, w, h), VEIL)

        veiled = self._layers.layer("veiled", (frame,), frame, veil)
        dpr = frame.devicePixelRatio()
        source = QRectF(x * dpr, 0, (w - x) * dpr, h * dpr)
        p.drawPixmap(QRectF(x, 0, w - x, h), veiled, source)

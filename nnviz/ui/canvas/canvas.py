"""The network canvas: the centre of the window, the network drawn as columns of units and edges.

A thin Qt widget: the math (selection, layout, edges, hit tests) is in scene*.py, the painting in
canvas_paint / canvas_text, pointer input in canvas_input. Setters only store and mark dirty; the
heavy work happens lazily, in a paint or, while snapshots stream in, in a timer between paints.
Everything but the animation and the hover is cached as layers (canvas_layers) until their inputs
change. While snapshots stream in (training) the edges are rebuilt at most EDGE_HZ times a second
without antialiasing (~2.5x faster), the units follow the newest snapshot at most FRAME_HZ times
a second (the animation runs at display rate on top), and all is redrawn smooth SETTLE_MS after
the stream pauses. `canvas.scene` (a scene.Scene) exposes unit positions and edge segments for
overlays.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.engine.network import Architecture
from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.input import CanvasInput
from nnviz.ui.canvas.labels import clashes
from nnviz.ui.canvas.layers import LayerCache, Look, layer_steps
from nnviz.ui.canvas.paint import (
    draw_highlight,
    numpy_to_qimage,
)
from nnviz.ui.canvas.scene import Scene, View, build_scene
from nnviz.ui.canvas.text import (
    LEGEND_H,
    canvas_labels,
    draw_hover_box,
    draw_hover_picture,
    draw_layer_labels,
)
from nnviz.ui.canvas.unit_maps import UnitMaps
from nnviz.ui.canvas.values import ExampleValues, check_example, example_values
from nnviz.ui.common import theme
from nnviz.ui.flow.overlay import VEIL

EDGE_HZ = 4  # edge layer rebuilds per second while snapshots stream
FRAME_HZ = 15  # while they stream, units and words follow the newest snapshot this often
SETTLE_MS = 150  # after this long without a new snapshot, edges are redrawn antialiased


class NetworkCanvas(CanvasInput):
    """Draws the network of the current snapshot with one example flowing through it.

    Signals: unitClicked(l, j) and hovered(text) (see CanvasInput); painted(ms) after each paint."""

    painted = Signal(float)  # milliseconds the paint took (for `nnviz bench gui`)
    _snap: Snapshot | None
    _x: np.ndarray | None
    _y: float | None
    _values: ExampleValues | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)  # hover readouts (canvas_input)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)
        self.setToolTip("")
        self.last_paint_ms = 0.0
        self._dims: tuple[int, ...] = (2, 1)
        self._activation = "relu"
        self._image_shape: tuple | None = None
        self._class_names: tuple[str, str] = ("non-cat", "cat")
        self._scene: Scene | None = None
        self._input_names: tuple[str, ...] | None = None
        self._unit_maps = UnitMaps()  # 2-D data: each unit's map over the input plane
        self._streaming = False  # snapshots arriving fast: edges without antialiasing
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._recompose = QTimer(self, singleShot=True)
        self._recompose.timeout.connect(self._compose_now)
        self._layers = LayerCache()
        # Painted on top of the layers when set: overlay.paint(p, scene, view, snap, values, w, h)
        self.overlay = None
        # A picture beside the hover box when set: hover_picture((l, j)) -> QImage or None
        self.hover_picture: Callable[[tuple], QImage | None] | None = None
        self.reset()

    # ---- public API -------------------------------------------------------------------------
    def set_architecture(
        self,
        layer_dims: tuple[int, ...],
        activation: str,
        image_shape: tuple | None,
        class_names: tuple[str, str] = ("non-cat", "cat"),
    ) -> None:
        """Start over with a new network shape (activation: the hidden one; output is sigmoid)."""
        arch = Architecture(tuple(layer_dims), activation)
        if image_shape is not None and int(np.prod(image_shape)) != arch.layer_dims[0]:
            raise ValueError(
                f"an image of shape {tuple(image_shape)} has {int(np.prod(image_shape))} values, "
                f"but the network's input has {arch.layer_dims[0]}"
            )
        self._dims, self._activation = arch.layer_dims, arch.hidden
        self._image_shape = None if image_shape is None else tuple(int(s) for s in image_shape)
        self._class_names = (str(class_names[0]), str(class_names[1]))
        self._scene = None
        self.reset()

    def set_input_names(self, names: tuple[str, ...] | None) -> None:
        """What each input is, written beside the input units (x₁, x₁², sin x₁, …; used when
        there is one name per input), None for x₁ … xₙ."""
        self._input_names = None if names is None else tuple(str(n) for n in names)
        self._scene_dirty = True
        self.update()

    def set_plane(self, inputs_at: Callable[[int], np.ndarray] | None) -> None:
        """2-D data: inputs_at(res) is the network's input (n_x, res * res) at a res x res grid
        over the input plane (nnviz.run.plane_maps.grid_inputs); each unit then shows its
        activation over the plane, one grid point per device pixel, from the snapshot it
        shows (canvas.unit_maps). None: plain units."""
        self._unit_maps.set_plane(inputs_at)
        self._layers.invalidate()
        self.update()

    @property
    def maps_made(self) -> int:
        """Unit maps computed so far (for `nnviz bench gui`'s heatmap_hz)."""
        return self._unit_maps.made

    def unit_maps(self, dpr: float | None = None) -> list | None:
        """Per layer uint8 (n_l, s, s, 3): every unit's activation over the input plane for
        the shown snapshot (plane_maps colours) at s = paint.map_side device pixels, or None
        (no plane, no snapshot, another input size)."""
        self._ensure_scene()
        assert self._scene is not None
        dpr = dpr or self.devicePixelRatioF()
        return self._unit_maps.maps(self._snap, self._scene, self._view, dpr)

    def set_snapshot(self, snap: Snapshot) -> None:
        """Show these weights (the snapshot is kept by reference; it is immutable)."""
        if tuple(snap.layer_dims) != self._dims or snap.activation != self._activation:
            image = self._image_shape
            if image is not None and int(np.prod(image)) != snap.layer_dims[0]:
                image = None
            self.set_architecture(snap.layer_dims, snap.activation, image, self._class_names)
        self._snap = snap
        self._values_dirty = True
        # While snapshots stream in, the frame is brought up to date between paints, at most
        # FRAME_HZ times a second (units), and the edges (the costly layer, slowly changing
        # weights) at most EDGE_HZ times a second; paints only copy it and animate.
        self._scene_pending = True
        if self._snap_count > 0:  # a stream: draw fast edges until it pauses
            self._streaming = True
            self._settle.start()
            if not self._recompose.isActive():
                due = self._composed_at + 1.0 / FRAME_HZ - time.perf_counter()
                self._recompose.start(max(0, int(due * 1000)))
        self._snap_count += 1
        self._repaint_soon()

    def set_example(
        self, x: np.ndarray, y: float | None, image: np.ndarray | None, caption: str = ""
    ) -> None:
        """The example flowing through: x (n_x,), its label y (or None), its picture (H, W, 3)."""
        self._x = np.array(check_example(x, self._dims[0]), copy=True)
        self._y = None if y is None else float(y)
        self._qimage: QImage | None = None if image is None else numpy_to_qimage(image)
        self._caption = caption
        self._values_dirty = True
        self.update()

    def reset(self) -> None:
        """Forget the snapshot, the example and the zoom (the architecture stays)."""
        self._snap = None
        self._x = None
        self._y = None
        self._qimage = None
        self._caption = ""
        self._values = None
        self._values_dirty = self._scene_dirty = True
        self._hit = None
        self._hover_at = (0.0, 0.0)
        self._press = None
        self._layers.invalidate()
        self._shown: tuple | None = None  # (scene, snapshot, values, frame) being shown
        self._composed_at = 0.0
        self._composed_for: tuple | None = None
        self._snap_count = 0
        self._scene_pending = False
        self._scene_built_at = 0.0
        self._streaming = False
        self._settle.stop()
        self._recompose.stop()
        self.fit_view()

    def fit_view(self) -> None:
        """Lay the network out to fill the widget, undoing any zoom or pan."""
        self._view = View()
        self._user_zoomed = False
        self._layout_size = (float(self.width()), float(self.height()))
        self._scene_dirty = True
        self.update()

    def example_output(self) -> tuple[float, float] | None:
        """(z, yhat) of the output unit for the shown example; None without snapshot or example."""
        self._ensure_values()
        return None if self._values is None else (self._values.z_out, self._values.yhat)

    @property
    def scene(self) -> Scene:
        """The current geometry (unit centres per layer, edge segments per layer pair)."""
        self._ensure_scene()
        assert self._scene is not None
        return self._scene

    def example_values(self) -> ExampleValues | None:
        """z, a, dz of the shown example in every unit (None without snapshot or example)."""
        self._ensure_values()
        return self._values

    def overlapping_texts(self) -> list[str]:
        """Every pair of drawn text boxes that overlap and every text box the canvas clips, in
        words, from the layout the painting uses (empty when none; the hover box left out)."""
        self._ensure_values()
        self._ensure_scene()
        assert self._scene is not None
        w, h = float(self.width()), float(self.height())
        labels = canvas_labels(
            self._scene, self._view, (w, h), self._activation, self._image_shape,
            self._caption, self._values, self._class_names, self.unit_maps() is not None,
        )  # fmt: skip
        return clashes(labels, (0.0, 0.0, w, h))

    @property
    def view(self) -> View:
        """The scene -> widget transform (changes with wheel zoom and drag)."""
        return self._view

    # ---- lazy work ----------------------------------------------------------------------------
    def _ensure_values(self) -> None:
        if not self._values_dirty:
            return
        self._values_dirty = False
        snap, x = self._snap, self._x
        ok = snap is not None and x is not None
        self._values = example_values(snap, x, self._y) if ok else None  # type: ignore[arg-type]

    def _ensure_scene(self) -> None:
        if self._scene_pending and (
            not self._streaming or time.perf_counter() - self._scene_built_at >= 1.0 / EDGE_HZ
        ):
            self._scene_dirty = True
        if not self._scene_dirty and self._scene is not None:
            return
        self._scene_pending = False
        self._scene_built_at = time.perf_counter()
        W = self._snap.W if self._snap is not None else None
        w, h = self._layout_size
        self._scene = build_scene(self._dims, W, w, h, self._image_shape, self._scene)
        self._scene.input_names = self._input_names
        self._scene_dirty = False

    def flush(self) -> None:
        """Draw the newest snapshot now, smooth (before a screenshot or an export)."""
        self._settle.stop()
        self._recompose.stop()
        self._settled()

    def _settled(self) -> None:
        self._streaming = False  # the next paint draws the newest edges, antialiased
        self.update()

    # ---- Qt events ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        t0 = time.perf_counter()
        size = (self.width(), self.height(), self.devicePixelRatioF())
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
        self.last_paint_ms = (time.perf_counter() - t0) * 1000.0
        self.painted.emit(self.last_paint_ms)

    def unit_map_image(self, hit: tuple) -> QImage | None:
        """Unit (l, j)'s map over the plane as drawn (res x res), None without maps; shown
        large beside the hover box when the unit is hovered."""
        maps = self._unit_maps.latest
        if maps is None or len(hit) != 2 or hit[0] >= len(maps):
            return None
        return numpy_to_qimage(maps[hit[0]][hit[1]])

    def _draw_veiled(self, p: QPainter, frame, x: float, w: float, h: float) -> None:
        """The frame right of x as seen through a white veil (a cached copy, not a fill)."""

        def veil(q: QPainter) -> None:
            q.fillRect(QRectF(0, 0, w, h), VEIL)

        veiled = self._layers.layer("veiled", (frame,), frame, veil)
        dpr = frame.devicePixelRatio()
        source = QRectF(x * dpr, 0, (w - x) * dpr, h * dpr)
        p.drawPixmap(QRectF(x, 0, w - x, h), veiled, source)

    def _layer_steps(
        self, size: tuple[int, int, float], vector: bool = False
    ) -> list[tuple[str, tuple, Callable]]:
        """The layers above the words, bottom to top (canvas_layers.layer_steps)."""
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
        )

    def _compose_now(self) -> None:
        self._compose((self.width(), self.height(), self.devicePixelRatioF()))
        self._repaint_soon()

    def _repaint_soon(self) -> None:
        """update(), unless the animation repaints anyway within a frame (no extra paints)."""
        if self.overlay is None or not self.overlay.animating:
            self.update()

    def _compose(self, size: tuple[int, int, float]) -> None:
        """Bring the cached frame up to date (all but the animation and the hover), a layer
        at a time (canvas_layers), and note what it shows."""
        steps = self._layer_steps(size)
        pm = self._layers.words(self.scene, self._view, size, self._activation, self._image_shape)
        for name, key, draw in steps:
            pm = self._layers.layer(name, (pm, *key), pm, draw)
        self._shown = (self._scene, self._snap, self._values, pm)
        self._composed_at = time.perf_counter()
        self._composed_for = (self._view, size)

    def _paint_layers(self, p: QPainter, size: tuple[int, int, float]) -> None:
        """The same layers painted straight onto p (vectors, for SVG export)."""
        steps = self._layer_steps(size, vector=True)
        p.fillRect(QRectF(0, 0, size[0], size[1]), QColor(theme.SURFACE))
        draw_layer_labels(p, self.scene, self._view, self._activation, self._image_shape)
        for _, _, draw in steps:
            p.save()
            draw(p)
            p.restore()
        self._shown = (self._scene, self._snap, self._values, None)
        self._composed_for = None  # the next paint on screen composes again

    def resizeEvent(self, event) -> None:
        if not self._user_zoomed:
            self.fit_view()
        super().resizeEvent(event)

"""The network canvas: the centre of the window, the network drawn as columns of units and edges.

A thin Qt widget: the math (selection, layout, edges, hit tests) is in scene*.py, the painting in
paint.py / text.py / hover.py, the cached frame and its pace while training in frame.py, pointer
input in input.py. Setters only store and mark dirty; the heavy work happens lazily, in a paint or,
while snapshots stream in, between paints (frame.py). `canvas.scene` (a scene.Scene) exposes unit
positions and edge segments for overlays.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.engine.network import Architecture
from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.frame import CanvasFrame
from nnviz.ui.canvas.labels import Label, clashes
from nnviz.ui.canvas.marks import canvas_marks
from nnviz.ui.canvas.paint import numpy_to_qimage
from nnviz.ui.canvas.scene import Scene, View, build_scene
from nnviz.ui.canvas.text import canvas_labels
from nnviz.ui.canvas.values import ExampleValues, check_example, example_values


class NetworkCanvas(CanvasFrame):
    """Draws the network of the current snapshot with one example flowing through it.

    Signals: unitClicked(l, j) and hovered(text) (see CanvasInput); painted(ms) after each paint
    (see CanvasFrame)."""

    _snap: Snapshot | None
    _x: np.ndarray | None
    _y: float | None
    _values: ExampleValues | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)  # hover readouts (input.py)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)
        self.setToolTip("")
        self._dims: tuple[int, ...] = (2, 1)
        self._activation = "relu"
        self._image_shape: tuple | None = None
        self._class_names: tuple[str, str] = ("non-cat", "cat")
        self._scene: Scene | None = None
        self._input_names: tuple[str, ...] | None = None
        self._init_frame()
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
        self._snapshot_arrived()  # drawn now, or while snapshots stream at the frame's pace

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
        self._reset_frame()
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

    def drawn_labels(self) -> list[Label]:
        """Every text the canvas draws for what it shows now (widget px), from the layout the
        painting uses (the hover box left out)."""
        self._ensure_values()
        self._ensure_scene()
        assert self._scene is not None
        return canvas_labels(
            self._scene, self._view, (float(self.width()), float(self.height())),
            self._activation, self._image_shape, self._caption, self._values, self._class_names,
            self.unit_maps() is not None,
        )  # fmt: skip

    def overlapping_texts(self) -> list[str]:
        """Every pair of drawn text boxes that overlap, every text box the canvas clips and
        every one drawn under an edge, a line of the picture or a unit, in words (drawn_labels
        against the drawn marks; empty when none)."""
        bounds = (0.0, 0.0, float(self.width()), float(self.height()))
        labels = self.drawn_labels()
        return clashes(labels, bounds, canvas_marks(self.scene, self._view, edges=True))

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
        if self._scene_pending and self._edges_due():
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

    def resizeEvent(self, event) -> None:
        if not self._user_zoomed:
            self.fit_view()
        super().resizeEvent(event)

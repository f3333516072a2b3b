"""The Plane tab: Playground's 2-D data and the output's decision map, live.

- Data: a kind (circle, XOR, two Gaussians, spiral), noise, train share, seed and the input
  feature toggles (settings.py). A change makes the new dataset (nnviz.data.planar) and opens
  it like any other (Controller.set_dataset: it asks first when training would be lost); a new
  kind also brings its good network settings (planar.DEFAULTS) into the side panel.
- The canvas: every unit shows its activation over the plane (one grid point per device
  pixel, NetworkCanvas.set_plane), and the input column names the features.
- The decision map: ŷ over the plane (MAP_RES x MAP_RES points through the engine's forward
  pass, nnviz.run.plane_maps) with its 0.5 contour and the points (training filled, test hollow,
  "Test points" toggles them), redrawn from the shown snapshot at most MAP_HZ times a second
  while the tab is on screen; while training plays, the map is made off the GUI thread
  (common.latest_job) and shown just after the canvas's next animation frame (so that its paint
  never holds up the one after), at rest on the spot.
Opening 2-D data (or starting on it) brings the tab to the front; for pictures it says what it is
for.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from nnviz.data import Dataset
from nnviz.data.planar import (
    DRAWN,
    PlanarDataset,
    PlanarSpec,
    make_planar,
    plane_points,
    with_defaults,
)
from nnviz.engine.snapshot import Snapshot
from nnviz.run.plane_maps import (
    Plane,
    contour_segments,
    diverging_rgb,
    grid_inputs,
    plane_for,
    unit_grids,
)
from nnviz.ui.common.dump import entry, parse_text
from nnviz.ui.common.latest_job import LatestJob
from nnviz.ui.common.throttle import Latest
from nnviz.ui.plane.drawing import Drawing
from nnviz.ui.plane.panel import PlanePanel
from nnviz.ui.run.controller import Controller

MAP_RES = 96
MAP_HZ = 15
TAB_TIP = "2-D data: the output's decision map over the input plane, and Playground's datasets"


def decision_map(snap: Snapshot, inputs: np.ndarray, plane: Plane) -> tuple:
    """(rgb, contour segments, ŷ) of `snap` over the MAP_RES x MAP_RES grid whose network input
    is `inputs` (numpy only: safe off the GUI thread)."""
    A = unit_grids(snap.layer_dims, snap.activation, snap.W, snap.b, inputs, MAP_RES)
    yhat = A[-1][0]
    return diverging_rgb(yhat, 0.0, 1.0), contour_segments(yhat, 0.5, plane), yhat


class PlaneFeature(QObject):
    """Keeps the Plane tab in step with the dataset and the shown snapshot."""

    def __init__(self, window: QMainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window, self.c = window, controller
        self.panel = PlanePanel()
        self.map = self.panel.map
        self.plane: Plane | None = None
        self._inputs: np.ndarray | None = None  # the network's input at every grid point
        self._kind: str | None = None  # the Playground kind open (its defaults are in force)
        self.shown_iteration: int | None = None
        self.shown_yhat: np.ndarray | None = None  # (MAP_RES, MAP_RES) ŷ last drawn
        self._feed = Latest(self._refresh_soon, MAP_HZ, self)
        self._job = LatestJob(self._made, self, "decision-map")
        self._ready: tuple | None = None  # (snapshot, made) shown after the canvas's next frame
        self._after_frame = QTimer(self, singleShot=True, interval=0)
        self._after_frame.timeout.connect(self._show_ready)
        window.canvas.painted.connect(self._canvas_painted)
        self.drawing = Drawing(self)
        self.panel.add_bar(self.drawing.bar, self.drawing.bar.files)
        controller.datasetChanged.connect(self._dataset)
        controller.snapshotChanged.connect(self._snapshot)
        controller.playingChanged.connect(lambda _p: self._snapshot(None))
        controller.runReset.connect(lambda _cfg: self._discard())
        self.panel.settings.specChanged.connect(self.open_spec)
        self.panel.show_test.toggled.connect(self._show_test)
        self.panel.shown.connect(self.refresh)
        self._dataset(controller.dataset, first=True)

    def visible(self) -> bool:
        return self.window.places.tab_shown(self.panel) and self.panel.isVisible()

    # ----- the data -----
    def open_spec(self, spec: PlanarSpec) -> bool:
        """Open the 2-D dataset `spec` (asks first when training would be lost); for drawn
        points, the same points with spec's train share, seed and features."""
        if spec.kind == DRAWN:
            ok = self.drawing.respec(spec)
        else:
            ok = self.c.set_dataset(make_planar(spec))
        if not ok:
            self._show_settings(self.c.dataset)  # declined: show what is still open
        return ok

    def _discard(self) -> None:
        self._feed.discard()
        self._job.discard()
        self._ready = None

    def _dataset(self, ds: Dataset, first: bool = False) -> None:
        self._discard()
        self.plane = plane_for(ds)
        self._inputs = None if self.plane is None else grid_inputs(ds, self.plane, MAP_RES)
        self.shown_iteration = self.shown_yhat = None
        self._show_settings(ds)
        self.drawing.dataset_opened(ds)
        spec = ds.spec if isinstance(ds, PlanarDataset) else None
        canvas = self.window.canvas
        canvas.set_input_names(None if spec is None else spec.labels)
        if self.plane is None:
            canvas.set_plane(None)
        else:
            plane = self.plane
            canvas.set_plane(lambda res: grid_inputs(ds, plane, res))
        if self.plane is None:
            self._kind = None
            self.map.clear()
            self.panel.note.setText(
                "The decision map is for 2-D data: choose circle, XOR, two Gaussians or spiral "
                "above (or the course's flower) to see ŷ over the plane."
            )
            self.panel.caption.setText("")
            return
        self.panel.note.setText("")
        pts = plane_points(ds)
        assert pts is not None
        self.map.set_points((pts[0], ds.Y[0]), (pts[1], ds.Y_test[0]))
        kind = ds.spec.kind if isinstance(ds, PlanarDataset) and ds.spec is not None else None
        if kind is not None and kind != self._kind:
            self._apply_defaults(ds, first)
        self._kind = kind
        self.window.places.show_tab(self.panel)

    def _show_settings(self, ds: Dataset) -> None:
        s = self.panel.settings
        if isinstance(ds, PlanarDataset) and ds.spec is not None:
            s.set_spec(ds.spec)
            s.setToolTip("")
        else:
            s.show_none()
            s.setToolTip("Pick a 2-D dataset here to make Playground's points")

    def _apply_defaults(self, ds: Dataset, first: bool) -> None:
        """A new Playground kind starts with its good network settings: opened while the window
        is built (`main.py --dataset spiral`), the run restarts with them; else they are in
        force before the run set_dataset starts next."""
        cfg = with_defaults(ds, self.c.config)
        if cfg == self.c.config:
            return
        if first:
            self.c.apply_config(cfg)
        else:
            self.c.record.config = cfg
        self.window.controls.set_config(cfg)

    def _show_test(self, on: bool) -> None:
        self.map.show_test = on
        self.map.update()

    # ----- the map -----
    def _snapshot(self, _snap: Snapshot | None) -> None:
        """Training: at most MAP_HZ redraws a second; paused: at once (screenshots, steps)."""
        if self.visible():
            self._feed() if self.c.is_playing else self.refresh()

    def _shown_snapshot(self) -> Snapshot | None:
        """The snapshot to draw, None when there is none or it is of other data."""
        snap: Snapshot | None = self.c.snapshot
        if snap is None or self.plane is None or self._inputs is None:
            return None
        if snap.layer_dims[0] != self._inputs.shape[0]:
            return None  # a snapshot of the run before the dataset changed
        return snap

    def refresh(self) -> None:
        """Draw ŷ of the shown snapshot over the plane, now."""
        self._discard()
        snap = self._shown_snapshot()
        if snap is not None:
            assert self._inputs is not None and self.plane is not None
            self._show(snap, decision_map(snap, self._inputs, self.plane))

    def _refresh_soon(self) -> None:
        """The same, made off the GUI thread (while training plays)."""
        snap = self._shown_snapshot()
        if snap is not None:
            token = (snap, self._inputs)
            self._job(token, decision_map, snap, self._inputs, self.plane)

    def _made(self, token: tuple, made: tuple) -> None:
        if token[1] is not self._inputs or self.plane is None:
            return  # made for other data
        overlay = self.window.canvas.overlay
        self._ready = (token[0], made)
        if overlay is None or not overlay.animating:
            self._show_ready()

    def _canvas_painted(self, _ms: float) -> None:
        if self._ready is not None:
            self._after_frame.start()  # once the frame's paint is over

    def _show_ready(self) -> None:
        if self._ready is not None:
            snap, made = self._ready
            self._ready = None
            self._show(snap, made)

    def _show(self, snap: Snapshot, made: tuple) -> None:
        rgb, segments, yhat = made
        assert self.plane is not None
        self.map.set_map(rgb, segments, self.plane)
        J = snap.cost if snap.cost is not None else self.c.record.J(snap.iteration)  # drawn one's
        self.panel.caption.setText(
            f"ŷ(x₁, x₂) at iteration {snap.iteration:,}"
            + (f" · J = {J:.4f}" if J is not None else "")
            + " · line: ŷ = 0.5"
        )
        self.shown_iteration, self.shown_yhat = snap.iteration, yhat

    def state(self) -> dict:
        """What the Plane tab shows (for --dump-state)."""
        if self.visible():
            self.refresh()
        ds = self.c.dataset
        spec = ds.spec if isinstance(ds, PlanarDataset) else None
        yhat = self.shown_yhat
        maps = self.window.canvas.unit_maps()
        return entry(
            self.panel,
            self.window,
            **parse_text(self.panel.caption.text()),
            dataset=None if spec is None else spec.text(),
            two_d=self.plane is not None,
            contour_segments=len(self.map.segments),
            test_points=self.map.show_test,
            yhat_mean=None if yhat is None else float(np.mean(yhat)),
            unit_maps=maps is not None,  # the canvas's units show their maps (of its snapshot)
        )


def install_plane(window: QMainWindow, controller: Controller) -> PlaneFeature:
    """The Plane tab in the right column's top area."""
    feature = PlaneFeature(window, controller)
    window.places.add_tab("top", feature.panel, "Plane", TAB_TIP)
    window.places.add_state("plane", feature.state)
    if feature.plane is not None:  # started on 2-D data: the map in front
        window.places.show_tab(feature.panel)
    return feature

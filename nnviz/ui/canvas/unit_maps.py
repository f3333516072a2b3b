"""The canvas's maps over the input plane for 2-D data: every unit's activation at every point.

UnitMaps keeps what NetworkCanvas needs: the network's input at a grid of res x res points (res =
unit_map_math.map_side: one point per device pixel of a unit's disc) and, for one snapshot at a
time, the coloured maps with every unit's disc cut from them (unit_map_math.make_unit_maps). While
snapshots stream in they are made off the GUI thread (request(); ready() says whether they are in,
and on_ready() is called when they arrive); otherwise on the spot (maps(), discs()). `made` counts
the maps made for the canvas (`nnviz bench gui`'s heatmap_hz). draw_unit_maps paints the discs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QPointF
from PySide6.QtGui import QImage, QPainter

from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.paint import numpy_to_qimage
from nnviz.ui.canvas.scene import Scene, View
from nnviz.ui.canvas.unit_map_math import MapKey, make_unit_maps
from nnviz.ui.common.latest_job import LatestJob

MIN_MAP_RADIUS = 3.0  # units smaller than this (px) show their fill, not a map


class UnitMaps:
    """The maps of one plane (inputs_at(res) -> the network's input (n_x, res * res))."""

    def __init__(self, parent: QObject, on_ready: Callable[[], None]) -> None:
        self.inputs_at: Callable[[int], np.ndarray] | None = None
        self.made = 0
        self._on_ready = on_ready
        self._job = LatestJob(self._arrived, parent, "unit-maps")
        self.set_plane(None)

    def set_plane(self, inputs_at: Callable[[int], np.ndarray] | None) -> None:
        self.inputs_at = inputs_at
        self._inputs: dict[int, np.ndarray] = {}
        self._made: tuple[MapKey | None, list | None, list | None] = (None, None, None)
        self._wanted: MapKey | None = None  # the maps asked for last (older ones are dropped)
        self._large: tuple[object, tuple, QImage | None] = (None, (), None)
        self._job.discard()

    @property
    def latest(self) -> list | None:
        """The maps made last (per layer (n_l, s, s, 3)), or None."""
        return self._made[1] if self.inputs_at is not None else None

    @property
    def made_for(self) -> Snapshot | None:
        """The snapshot the latest maps are of, or None."""
        return None if self._made[0] is None else self._made[0].snap

    def _key(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> MapKey | None:
        if self.inputs_at is None or snap is None:
            return None
        return MapKey(snap, scene.geometry.radius * view.scale, dpr)

    def _inputs_for(self, key: MapKey) -> np.ndarray | None:
        """The grid's network input at key.res points a side (one size kept), or None when it
        does not fit the snapshot (a snapshot of the run before the dataset changed)."""
        assert self.inputs_at is not None
        inputs = self._inputs.get(key.res)
        if inputs is None:
            self._inputs = {key.res: self.inputs_at(key.res)}
            inputs = self._inputs[key.res]
        return inputs if inputs.shape[0] == key.snap.layer_dims[0] else None

    def ready(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> bool:
        """Whether the maps for `snap` at this zoom are made (True when none are needed)."""
        key = self._key(snap, scene, view, dpr)
        return key is None or self._made[0] == key

    def request(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> None:
        """Have the maps for `snap` made off the GUI thread (on_ready() once they are in)."""
        key = self._key(snap, scene, view, dpr)
        if key is None or self._made[0] == key:
            return
        self._wanted = key
        if self._job.pending(key):
            return
        inputs = self._inputs_for(key)
        if inputs is not None:
            self._job(key, make_unit_maps, key.snap, inputs, key.res, key.inner)

    def _arrived(self, key: MapKey, made: tuple[list, list]) -> None:
        if self.inputs_at is not None and key == self._wanted and self._made[0] != key:
            self._adopt(key, made)
            self._on_ready()

    def _adopt(self, key: MapKey, made: tuple[list, list]) -> None:
        self._made = (key, made[0], made[1])
        self.made += 1

    def maps(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> list | None:
        """Per layer uint8 (n_l, s, s, 3) for `snap` at s = map_side device pixels, made now
        if they are not yet, or None (no plane, no snapshot, another input size)."""
        key = self._key(snap, scene, view, dpr)
        if key is None:
            return None
        if self._made[0] != key:
            inputs = self._inputs_for(key)
            if inputs is None:
                return None
            self._wanted = key
            self._adopt(key, make_unit_maps(key.snap, inputs, key.res, key.inner))
        return self._made[1]

    def discs(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> list | None:
        """maps() cut to every unit's disc: per layer premultiplied RGBA (n_l, s, s, 4)."""
        return None if self.maps(snap, scene, view, dpr) is None else self._made[2]

    def large(self, hit: tuple) -> QImage | None:
        """Unit (l, j)'s map of the latest maps as a QImage (res x res; kept while hovered),
        None without maps."""
        maps = self.latest
        if maps is None or len(hit) != 2 or hit[0] >= len(maps):
            return None
        if self._large[0] is not maps or self._large[1] != hit:
            self._large = (maps, hit, numpy_to_qimage(maps[hit[0]][hit[1]]))
        return self._large[2]


def draw_unit_maps(p: QPainter, scene: Scene, view: View, discs: list[np.ndarray]) -> None:
    """Each shown unit's map over the input plane inside its circle (2-D data): discs[l] uint8
    premultiplied RGBA (n_l, s, s, 4) (UnitMaps.discs, row 0 at the top), drawn unscaled."""
    r = scene.geometry.radius * view.scale
    if r < MIN_MAP_RADIUS:
        return
    dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
    fmt = QImage.Format.Format_RGBA8888_Premultiplied
    for l in range(min(len(discs), len(scene.shown))):
        rgba = discs[l]
        if not len(rgba):
            continue
        s = rgba.shape[1]
        half = s / (2 * dpr)
        centres = view.map(scene.geometry.pos[l]).tolist()
        for j, (cx, cy) in zip(scene.shown[l].tolist(), centres, strict=True):
            img = QImage(rgba[j].data, s, s, 4 * s, fmt)
            img.setDevicePixelRatio(dpr)
            p.drawImage(QPointF(cx - half, cy - half), img)

"""The canvas's maps over the input plane for 2-D data: every unit's activation at every point.

UnitMaps keeps what NetworkCanvas needs, computed lazily and once: the network's input at a grid
of res x res points (res = paint.map_side: one point per device pixel of a unit's disc), the
coloured maps of the snapshot shown (nnviz.run.plane_maps.colour_unit_maps), and those maps cut to
the shown units' discs (paint.map_discs). `made` counts the maps computed (`nnviz bench gui`'s
heatmap_hz).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnviz.engine.snapshot import Snapshot
from nnviz.run.plane_maps import colour_unit_maps
from nnviz.ui.canvas.paint import map_discs, map_side
from nnviz.ui.canvas.scene import Scene, View


class UnitMaps:
    """The maps of one plane (inputs_at(res) -> the network's input (n_x, res * res))."""

    def __init__(self) -> None:
        self.inputs_at: Callable[[int], np.ndarray] | None = None
        self.made = 0
        self.set_plane(None)

    def set_plane(self, inputs_at: Callable[[int], np.ndarray] | None) -> None:
        self.inputs_at = inputs_at
        self._inputs: dict[int, np.ndarray] = {}
        self._maps: tuple[Snapshot | None, int, list | None] = (None, 0, None)
        self._discs: tuple[tuple, list | None] = ((), None)

    @property
    def latest(self) -> list | None:
        """The maps made last (per layer (n_l, s, s, 3)), or None."""
        return self._maps[2] if self.inputs_at is not None else None

    def maps(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> list | None:
        """Per layer uint8 (n_l, s, s, 3) for `snap` at s = map_side(scene, view, dpr), or None
        (no plane, no snapshot, another input size)."""
        if self.inputs_at is None or snap is None:
            return None
        res = map_side(scene, view, dpr)
        old_snap, old_res, old = self._maps
        if old is not None and old_snap is snap and old_res == res:
            return old
        inputs = self._inputs.get(res)
        if inputs is None:
            self._inputs = {res: self.inputs_at(res)}  # one size kept
            inputs = self._inputs[res]
        if inputs.shape[0] != snap.layer_dims[0]:
            return None
        maps = colour_unit_maps(snap, inputs, res)
        self._maps = (snap, res, maps)
        self.made += 1
        return maps

    def discs(self, snap: Snapshot | None, scene: Scene, view: View, dpr: float) -> list | None:
        """maps() cut to the shown units' discs (paint.map_discs), once per map and view."""
        maps = self.maps(snap, scene, view, dpr)
        if maps is None:
            return None
        old = self._discs[0]
        if not (old and old[0] is maps and old[1] is scene.geometry and old[2] == view):
            self._discs = ((maps, scene.geometry, view), map_discs(scene, view, maps, dpr))
        return self._discs[1]

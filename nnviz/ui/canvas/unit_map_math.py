"""The numbers behind the canvas's unit maps for 2-D data (numpy only, safe off the GUI thread).

A unit of radius r px (at the view's zoom) shows its map in a disc just inside its border: of
radius inner = max(1, r - 1) px, on a square of side s = map_side device pixels, one grid point
per device pixel. `make_unit_maps` colours every unit's activation over the grid
(nnviz.run.plane_maps.colour_unit_maps: exactly the engine's forward pass) and cuts each map to its
disc as premultiplied RGBA, ready to be wrapped in a QImage and drawn unscaled.
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.snapshot import Snapshot
from nnviz.run.plane_maps import colour_unit_maps, disc_rgba


def disc_inner(radius_px: float, dpr: float) -> float:
    """Device pixels from a unit's centre to the edge of its map (inside the border)."""
    return max(1.0, radius_px - 1.0) * dpr


def map_side(radius_px: float, dpr: float) -> int:
    """Device pixels across the disc a unit of radius `radius_px` fills with its map."""
    return max(2, int(np.ceil(2 * disc_inner(radius_px, 1.0) * dpr)))


class MapKey:
    """What a set of maps is made for: a snapshot (by identity), the side s and the disc's
    inner radius in device pixels."""

    __slots__ = ("inner", "res", "snap")

    def __init__(self, snap: Snapshot, radius_px: float, dpr: float) -> None:
        self.snap = snap
        self.res = map_side(radius_px, dpr)
        self.inner = round(disc_inner(radius_px, dpr), 2)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, MapKey)
            and other.snap is self.snap
            and (other.res, other.inner) == (self.res, self.inner)
        )

    def __hash__(self) -> int:
        return hash((id(self.snap), self.res, self.inner))


def make_unit_maps(
    snap: Snapshot, inputs: np.ndarray, res: int, inner: float
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(maps, discs): per layer uint8 maps (n_l, res, res, 3) of every unit's activation over
    the grid whose network input is `inputs` (n_x, res * res), and the same cut to the disc of
    radius `inner` device pixels, premultiplied RGBA (n_l, res, res, 4), C-contiguous."""
    maps = colour_unit_maps(snap, inputs, res)
    discs = [np.ascontiguousarray(disc_rgba(m, inner)) for m in maps]
    return maps, discs

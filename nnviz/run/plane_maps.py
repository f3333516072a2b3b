"""Maps over the input plane of 2-D data (Qt-free): what every unit computes at every point.

For a 2-D dataset (nnviz.data.planar.plane_points: Playground's four, or any data with two inputs
and no picture, like the course's flower) the plane is a square `Plane` around the data. A grid of
res x res points covers it, row 0 at the top (largest x2), column 0 at the left (smallest x1), as
an image is drawn. `unit_grids` runs the engine's forward pass once over the grid's features and
returns A[l] for every layer as (n_l, res, res): the decision map is A[L][0] (ŷ), the heatmap of
unit j of layer l is A[l][j].

Colours: `diverging_rgb` maps values to the window's diverging pair, orange (low) - white - blue
(high), as TF Playground colours its maps (theme.NEGATIVE_RGB / POSITIVE_RGB). `contour_segments`
is marching squares: the line segments where a grid crosses a level (the decision map's 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from nnviz.data import Dataset
from nnviz.data.planar import EXTENT, PlanarDataset, features_of, plane_points
from nnviz.engine.network import Architecture, forward

NEG = np.array([221.0, 107.0, 32.0])  # orange: theme.NEGATIVE_RGB
POS = np.array([43.0, 108.0, 176.0])  # blue: theme.POSITIVE_RGB
WHITE = np.array([250.0, 250.0, 250.0])
_T = np.linspace(-1.0, 1.0, 256)[:, None]
LUT = np.rint(np.where(_T >= 0, WHITE + _T * (POS - WHITE), WHITE - _T * (NEG - WHITE))).astype(
    np.uint8
)  # (256, 3): index 0 orange, 128 about white, 255 blue


@dataclass(frozen=True)
class Plane:
    """The square [x0, x1] x [y0, y1] of the input plane that maps and plots show."""

    x0: float
    x1: float
    y0: float
    y1: float

    def grid(self, res: int) -> np.ndarray:
        """(2, res * res) points at the centres of a res x res grid, row-major from the top."""
        xs = self.x0 + (np.arange(res) + 0.5) * (self.x1 - self.x0) / res
        ys = self.y1 - (np.arange(res) + 0.5) * (self.y1 - self.y0) / res
        gx, gy = np.meshgrid(xs, ys)
        return np.stack([gx.reshape(-1), gy.reshape(-1)])


def plane_for(ds: Dataset) -> Plane | None:
    """Playground's [-6, 6]^2 for its datasets; for other 2-D data a square holding every point
    with a 10 % margin; None when the data are not 2-D."""
    pts = plane_points(ds)
    if pts is None:
        return None
    if isinstance(ds, PlanarDataset):
        return Plane(-EXTENT, EXTENT, -EXTENT, EXTENT)
    p = np.concatenate([pts[0], pts[1]], axis=1)
    if p.size == 0:
        return Plane(-1.0, 1.0, -1.0, 1.0)
    lo, hi = p.min(axis=1), p.max(axis=1)
    c, half = (lo + hi) / 2, max(float((hi - lo).max()) / 2 * 1.1, 1e-6)
    return Plane(c[0] - half, c[0] + half, c[1] - half, c[1] + half)


def grid_inputs(ds: Dataset, plane: Plane, res: int) -> np.ndarray:
    """(n_x, res * res) float64: the network's input at every grid point (the features)."""
    return features_of(ds, plane.grid(res))


def unit_grids(
    layer_dims: tuple[int, ...], activation: str, W, b, inputs: np.ndarray, res: int
) -> list[np.ndarray]:
    """A[l] over the grid, (n_l, res, res) for l = 0..L, from the engine's forward pass on
    inputs (n_x, res * res); W, b as in a Snapshot."""
    arch = Architecture(tuple(layer_dims), activation)
    X = np.asarray(inputs, dtype=W[1].dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        _, A = forward(arch, W, b, X)
    return [a.reshape(a.shape[0], res, res) for a in A]


def activation_range(activation: str, values: np.ndarray, output: bool = False):
    """(lo, hi) a layer's map is coloured over: sigmoid (the output) (0, 1) with white at 0.5,
    tanh (-1, 1); other activations (and the inputs) symmetric about 0 by the layer's max |a|."""
    if output or activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    m = float(np.nanmax(np.abs(values))) if values.size else 1.0
    m = m if np.isfinite(m) and m > 0 else 1.0
    return -m, m


def diverging_rgb(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """uint8 (..., 3): lo orange, (lo + hi) / 2 white, hi blue (clipped; NaN white)."""
    v = (np.asarray(values, np.float64) - lo) / (hi - lo)
    v = np.nan_to_num(v, nan=0.5)
    idx = np.clip(np.rint(v * 255), 0, 255).astype(np.intp)
    return LUT[idx]


def contour_segments(values: np.ndarray, level: float, plane: Plane) -> np.ndarray:
    """(k, 2, 2) plane coordinates of the segments where the (res, res) grid (row 0 at the
    top, as Plane.grid) crosses `level` (marching squares, linear interpolation; a saddle
    cell gives two segments)."""
    g = np.asarray(values, np.float64) - level
    r, c = g.shape
    if r < 2 or c < 2:
        return np.zeros((0, 2, 2))
    dx, dy = (plane.x1 - plane.x0) / c, (plane.y1 - plane.y0) / r
    xs = plane.x0 + (np.arange(c) + 0.5) * dx
    ys = plane.y1 - (np.arange(r) + 0.5) * dy
    a, b = g[:-1, :-1], g[:-1, 1:]  # top-left, top-right
    d, e = g[1:, :-1], g[1:, 1:]  # bottom-left, bottom-right
    X0, X1 = xs[None, :-1], xs[None, 1:]
    Y0, Y1 = ys[:-1, None], ys[1:, None]

    def cross(u, v):
        with np.errstate(divide="ignore", invalid="ignore"):
            t = u / (u - v)
        return ((u < 0) != (v < 0)), np.clip(np.nan_to_num(t), 0, 1)

    shape = a.shape
    edges = []  # (crosses, x, y) on the top, right, bottom, left edges of each cell
    k, t = cross(a, b)
    edges.append((k, X0 + t * (X1 - X0), np.broadcast_to(Y0, shape)))
    k, t = cross(b, e)
    edges.append((k, np.broadcast_to(X1, shape), Y0 + t * (Y1 - Y0)))
    k, t = cross(d, e)
    edges.append((k, X0 + t * (X1 - X0), np.broadcast_to(Y1, shape)))
    k, t = cross(a, d)
    edges.append((k, np.broadcast_to(X0, shape), Y0 + t * (Y1 - Y0)))
    ks = np.stack([np.broadcast_to(e_[0], shape) for e_ in edges])  # (4, r-1, c-1)
    px = np.stack([np.broadcast_to(e_[1], shape) for e_ in edges])
    py = np.stack([np.broadcast_to(e_[2], shape) for e_ in edges])
    n = ks.sum(axis=0)
    out = []
    two = n == 2
    if two.any():
        order = np.argsort(~ks[:, two], axis=0, kind="stable")[:2]  # the two crossed edges
        sx, sy = px[:, two], py[:, two]
        cols = np.arange(sx.shape[1])
        p0 = np.stack([sx[order[0], cols], sy[order[0], cols]], axis=1)
        p1 = np.stack([sx[order[1], cols], sy[order[1], cols]], axis=1)
        out.append(np.stack([p0, p1], axis=1))
    four = n == 4
    if four.any():
        sx, sy = px[:, four], py[:, four]
        for i, j in ((0, 1), (2, 3)):
            out.append(np.stack([np.stack([sx[i], sy[i]], 1), np.stack([sx[j], sy[j]], 1)], 1))
    return np.concatenate(out) if out else np.zeros((0, 2, 2))


def colour_unit_maps(snap, inputs: np.ndarray, res: int) -> list[np.ndarray]:
    """Per layer uint8 (n_l, res, res, 3): every unit's activation over the grid (inputs
    (n_x, res * res)) for the parameters of `snap` (a Snapshot), each layer coloured over its
    activation_range (the inputs by their own max |x|, the output 0..1)."""
    A = unit_grids(snap.layer_dims, snap.activation, snap.W, snap.b, inputs, res)
    L = len(A) - 1
    out = []
    for l, a in enumerate(A):
        if l == 0:  # each input feature on its own scale
            m = np.nanmax(np.abs(a.reshape(a.shape[0], -1)), axis=1)
            m = np.where(np.isfinite(m) & (m > 0), m, 1.0)[:, None, None]
            out.append(diverging_rgb(a / m, -1.0, 1.0))
        else:
            lo, hi = activation_range(snap.activation, a, output=l == L)
            out.append(diverging_rgb(a, lo, hi))
    return out


@cache
def _disc_alpha(s: int, inner: float) -> np.ndarray:
    """uint16 (s, s, 1) coverage 0..255 of the disc of radius inner about the square's centre."""
    c = (np.arange(s) + 0.5) - s / 2
    d = np.hypot(c[None, :], c[:, None])
    return np.rint(255 * np.clip(inner - d + 0.5, 0.0, 1.0)).astype(np.uint16)[..., None]


def disc_rgba(rgb: np.ndarray, inner: float) -> np.ndarray:
    """uint8 (..., s, s, 4) premultiplied RGBA: the square maps rgb (..., s, s, 3) cut to the
    disc of radius `inner` px about the square's centre, its edge antialiased (alpha is the
    pixel's coverage, about clip(inner - d + 0.5, 0, 1) at distance d from the centre)."""
    s = rgb.shape[-2]
    alpha = _disc_alpha(int(s), round(float(inner), 2))
    out = np.empty((*rgb.shape[:-1], 4), np.uint8)
    out[..., :3] = (rgb * alpha + 127) // 255
    out[..., 3] = alpha[..., 0]
    return out

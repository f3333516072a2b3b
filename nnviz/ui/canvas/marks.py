"""What the canvas draws besides words, as its words see it: the picture's lines, the edges and
the units (`Marks`, in widget px), with the tests of a text box against them. No Qt here.

The words are painted under the edges, the picture's lines and the units, so a word let run into
them would be crossed out or clipped: every placed word keeps clear of the marks. Every edge
joins two shown units of neighbouring columns and all such pairs are drawn, so the edges of a
layer pair fill the outline of its two columns (`areas`): the words keep out of that, and so stay
right while training changes the edges' colours and widths (their layout is made per Geometry).
NetworkCanvas.overlapping_texts checks the words against the drawn edges themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

import numpy as np

from nnviz.ui.canvas.edges import unit_reach
from nnviz.ui.canvas.scene import Scene, View

Box = tuple[float, float, float, float]  # x, y, w, h in widget px
CLEAR = 2.0  # words keep at least this far from lines (up to 3 px wide)


@dataclass(frozen=True, eq=False)
class Marks:
    """What is drawn besides words, in widget px: line segments (n, 4) x0, y0, x1, y1, discs
    (centres (k, 2), radius) and areas (convex polygons (m, 2) filled with edges)."""

    lines: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    centres: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    radius: float = 0.0
    areas: tuple[np.ndarray, ...] = ()

    def hit(self, box: Box, clear: float = CLEAR) -> str | None:
        """What of the marks box touches: "an edge" (within `clear` px: a line is up to 3 px
        wide), "a unit" (its disc's radius is the unit's reach, ring and all) or None. Boxes
        away from a kind of mark are told apart by its extent first (most words are)."""
        x, y, w, h = box
        near = (x - clear, y - clear, x + w + clear, y + h + clear)
        spans, ends, polygons, discs = self._index
        if _apart(near, spans):
            a0, b0, a1, b1 = ends
            cut = (a1 >= near[0]) & (a0 <= near[2]) & (b1 >= near[1]) & (b0 <= near[3])
            if cut.any() and _crosses(near, self.lines[cut]):
                return "an edge"
        for pts, extent in polygons:
            if _apart(near, extent) and _meets(near, pts):
                return "an edge"
        if _apart(near, discs) and touches_disc(box, self.centres, self.radius):
            return "a unit"
        return None

    @cached_property
    def _index(self) -> tuple:
        """(the lines' extent, their ends' (x0, y0, x1, y1) ranges, each area's corners and
        extent, the discs' extent); an extent is (x0, y0, x1, y1) or None for none."""
        seg = np.asarray(self.lines, np.float64).reshape(-1, 4)
        xs, ys = seg[:, 0::2], seg[:, 1::2]
        ends = (xs.min(axis=1), ys.min(axis=1), xs.max(axis=1), ys.max(axis=1))
        polygons = [([(float(a), float(b)) for a, b in p], _extent(p)) for p in self.areas]
        c, r = np.asarray(self.centres, np.float64).reshape(-1, 2), self.radius
        discs = _extent(c, r) if r > 0 else None
        return _extent(seg.reshape(-1, 2)), ends, polygons, discs


def _extent(points: np.ndarray, grow: float = 0.0) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) round points (k, 2) grown by `grow`, or None for no points."""
    if not len(points):
        return None
    lo, hi = points.min(axis=0) - grow, points.max(axis=0) + grow
    return float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])


def _apart(near: tuple[float, float, float, float], extent) -> bool:
    """False when the box (x0, y0, x1, y1) lies wholly outside extent (or extent is None)."""
    return extent is not None and not (
        near[2] < extent[0] or near[0] > extent[2] or near[3] < extent[1] or near[1] > extent[3]
    )


NO_MARKS = Marks()


def canvas_marks(scene: Scene, view: View, edges: bool = False) -> Marks:
    """The picture's lines and the units, in widget px, with the layer pairs' edges as the
    outlines they fill (edges=False: what the words keep clear of) or, edges=True, as the edges
    drawn for the scene's snapshot (what overlapping_texts checks)."""
    segs = [scene.picture_lines()]
    if edges:
        segs += [np.concatenate([es.p0, es.p1], axis=1) for es in scene.edges if es is not None]
    lines = view.map(np.concatenate(segs).reshape(-1, 2)).reshape(-1, 4)
    pos = [view.map(p.reshape(-1, 2)) for p in scene.geometry.pos]
    areas: tuple[np.ndarray, ...] = ()
    if not edges:
        areas = tuple(_outline(a, b) for a, b in pairwise(pos) if len(a) and len(b))
    radius = unit_reach(scene.geometry.radius * view.scale)
    return Marks(lines, np.concatenate(pos), radius, areas)


def _outline(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The convex polygon round every segment between the points of column a and column b."""
    ia, ib = np.argsort(a[:, 1]), np.argsort(b[:, 1])
    return np.array([a[ia[0]], b[ib[0]], b[ib[-1]], a[ia[-1]]], np.float64)


def crosses(box: Box, segments: np.ndarray, pad: float = 0.0) -> bool:
    """True when a segment of (n, 4) x0, y0, x1, y1 passes through box (x, y, w, h) grown by
    pad px on every side (Liang-Barsky clipping, all segments at once)."""
    seg = np.asarray(segments, np.float64).reshape(-1, 4)
    if not len(seg):
        return False
    x, y, w, h = box
    px, py = seg[:, 0], seg[:, 1]
    dx, dy = seg[:, 2] - px, seg[:, 3] - py
    t0, t1 = np.zeros(len(seg)), np.ones(len(seg))
    ok = np.ones(len(seg), bool)
    lo_x, hi_x, lo_y, hi_y = x - pad, x + w + pad, y - pad, y + h + pad
    for step, room in ((-dx, px - lo_x), (dx, hi_x - px), (-dy, py - lo_y), (dy, hi_y - py)):
        flat = step == 0
        ok &= ~(flat & (room < 0))  # parallel to this side and outside it
        t = room / np.where(flat, 1.0, step)
        t0 = np.where(step < 0, np.maximum(t0, t), t0)
        t1 = np.where(step > 0, np.minimum(t1, t), t1)
    return bool(np.any(ok & (t0 <= t1)))


def _crosses(near: tuple[float, float, float, float], segments: np.ndarray) -> bool:
    """crosses() for a box (x0, y0, x1, y1), a segment at a time (plain floats: fast for the
    few segments near a box; crosses() takes many at once)."""
    x0, y0, x1, y1 = near
    for ax, ay, bx, by in segments.tolist():
        dx, dy, t0, t1 = bx - ax, by - ay, 0.0, 1.0
        for step, room in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
            if step == 0:
                if room < 0:
                    t0 = 2.0  # parallel to this side and outside it
            elif step < 0:
                t0 = max(t0, room / step)
            else:
                t1 = min(t1, room / step)
        if t0 <= t1:
            return True
    return False


def touches_disc(box: Box, centres: np.ndarray, radius: float) -> bool:
    """True when a disc of `radius` round one of centres (k, 2) reaches into box (x, y, w, h)."""
    c = np.asarray(centres, np.float64).reshape(-1, 2)
    if not len(c) or radius <= 0:
        return False
    x, y, w, h = box
    nx, ny = np.clip(c[:, 0], x, x + w), np.clip(c[:, 1], y, y + h)
    return bool(np.any(np.hypot(c[:, 0] - nx, c[:, 1] - ny) < radius))


def meets(box: Box, polygon: np.ndarray, pad: float = 0.0) -> bool:
    """True when box (x, y, w, h) grown by pad px and the convex polygon (m, 2) share a point."""
    x, y, w, h = box
    return _meets((x - pad, y - pad, x + w + pad, y + h + pad), [tuple(p) for p in polygon])


def _meets(near: tuple[float, float, float, float], pts: list) -> bool:
    """Box (x0, y0, x1, y1) against a convex polygon's corners [(x, y), ...] by separating axes:
    the box's two, then the polygon's edge normals (plain floats: a few corners)."""
    x0, y0, x1, y1 = near
    if max(p[0] for p in pts) < x0 or min(p[0] for p in pts) > x1:
        return False
    if max(p[1] for p in pts) < y0 or min(p[1] for p in pts) > y1:
        return False
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    for (px, py), (qx, qy) in zip(pts, pts[1:] + pts[:1], strict=True):
        nx, ny = py - qy, qx - px
        if nx == 0 and ny == 0:
            continue
        on_box = [cx * nx + cy * ny for cx, cy in corners]
        on_poly = [ax * nx + ay * ny for ax, ay in pts]
        if max(on_box) < min(on_poly) or min(on_box) > max(on_poly):
            return False
    return True


def clear_until(
    marks: Marks, left: float, right: float, tops: np.ndarray, bottoms: np.ndarray
) -> np.ndarray:
    """For each band tops[i]..bottoms[i] (px), the x (at most right) up to which it is clear of
    the marks' lines and discs (by CLEAR px) going right from x = left: (B,). (The areas lie
    right of the first column's centres: a band left of them need not ask.)"""
    top = np.asarray(tops, np.float64).reshape(-1, 1)
    bottom = np.asarray(bottoms, np.float64).reshape(-1, 1)
    until = np.full(len(top), float(right))
    seg = np.asarray(marks.lines, np.float64).reshape(-1, 4)
    if len(seg):
        ax, ay, bx, by = (seg[:, i][None, :] for i in range(4))
        dy = by - ay
        flat = np.abs(dy) < 1e-9
        safe = np.where(flat, 1.0, dy)
        ta, tb = (top - CLEAR - ay) / safe, (bottom + CLEAR - ay) / safe
        t0 = np.where(flat, 0.0, np.clip(np.minimum(ta, tb), 0.0, 1.0))
        t1 = np.where(flat, 1.0, np.clip(np.maximum(ta, tb), 0.0, 1.0))
        within = np.where(flat, (ay >= top - CLEAR) & (ay <= bottom + CLEAR), t0 < t1)
        xa, xb = ax + (bx - ax) * t0, ax + (bx - ax) * t1  # the part of each line in the band
        ahead = within & (np.maximum(xa, xb) >= left - CLEAR)
        first = np.maximum(np.minimum(xa, xb) - CLEAR, left)
        until = np.minimum(until, np.where(ahead, first, np.inf).min(axis=1))
    c, reach = np.asarray(marks.centres).reshape(-1, 2), marks.radius + CLEAR
    if len(c) and marks.radius > 0:
        cx, cy = c[:, 0][None, :], c[:, 1][None, :]
        off = np.maximum(0.0, np.maximum(top - cy, cy - bottom))
        half = np.sqrt(np.maximum(reach**2 - off**2, 0.0))
        ahead = (off < reach) & (cx + half >= left)
        until = np.minimum(until, np.where(ahead, np.maximum(cx - half, left), np.inf).min(axis=1))
    return until

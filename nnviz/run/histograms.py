"""Histograms of W[l], b[l] and dW[l] over the iterations of a run (Qt-free), bounded.

summarize(a) reduces one array to what TensorBoard shows of it: a histogram of BINS equal bins
over [min, max] and the percentiles PERCENTILES (its distribution bands: min, ±1.5σ, ±1σ, ±0.5σ
of a normal, the median, max). HistogramHistory.add(snap) keeps one summary per tensor and
layer for a snapshot of the run (dW only when the snapshot holds its own parameters'
gradients, see nnviz.run.gradnorms), in increasing iteration order; past `capacity` points
every other older one goes, so a run of any length stays small (about 8 KB a point for the
course's 4-layer network).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.snapshot import Snapshot
from nnviz.run.gradnorms import GradNormHistory

BINS = 30
PERCENTILES = (0.0, 6.68, 15.87, 30.85, 50.0, 69.15, 84.13, 93.32, 100.0)
CAPACITY = 512
TENSORS = ("W", "b", "dW")


@dataclass(frozen=True)
class Summary:
    """One array's histogram: counts (BINS,) over edges (BINS + 1,), and its percentiles
    (len(PERCENTILES),); `size` values, of which `finite` finite (the others are not counted)."""

    edges: np.ndarray
    counts: np.ndarray
    percentiles: np.ndarray
    size: int
    finite: int


def summarize(a: np.ndarray, bins: int = BINS) -> Summary:
    """The histogram and percentiles of a's finite values (any shape), computed in float64."""
    v = np.asarray(a, np.float64).reshape(-1)
    ok = v[np.isfinite(v)]
    if ok.size == 0:
        edges = np.linspace(-0.5, 0.5, bins + 1)
        return Summary(
            edges, np.zeros(bins, np.int64), np.full(len(PERCENTILES), np.nan), v.size, 0
        )
    lo, hi = float(ok.min()), float(ok.max())
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    counts, edges = np.histogram(ok, bins=bins, range=(lo, hi))
    pct = np.percentile(ok, PERCENTILES)
    return Summary(edges, counts.astype(np.int64), np.asarray(pct, np.float64), v.size, ok.size)


@dataclass(frozen=True)
class Point:
    """The summaries of one iteration: tensors["W"][l - 1] for layer l (dW: None when the
    snapshot had no gradients of its own)."""

    iteration: int
    tensors: dict[str, tuple[Summary, ...] | None]


def summarize_snapshot(snap: Snapshot) -> Point:
    """The summaries of W[l], b[l] (and dW[l] when the snapshot holds its own gradients)."""
    L = snap.L
    tensors: dict[str, tuple[Summary, ...] | None] = {
        "W": tuple(summarize(snap.W[l]) for l in range(1, L + 1)),
        "b": tuple(summarize(snap.b[l]) for l in range(1, L + 1)),
        "dW": (
            tuple(summarize(snap.dW[l]) for l in range(1, L + 1))
            if GradNormHistory.usable(snap)
            else None
        ),
    }
    return Point(int(snap.iteration), tensors)


class HistogramHistory:
    """Points in increasing iteration order, all of one network (layers)."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        if capacity < 16:
            raise ValueError(f"a histogram history needs at least 16 points, got {capacity}")
        self.capacity = int(capacity)
        self.clear()

    def clear(self) -> None:
        self.points: list[Point] = []
        self.layers = 0

    def __len__(self) -> int:
        return len(self.points)

    @property
    def last_iteration(self) -> int:
        return self.points[-1].iteration if self.points else -1

    def add(self, point: Point, layers: int) -> bool:
        """Keep `point` (of a network with `layers` layers); False when not newer than the last."""
        if point.iteration <= self.last_iteration:
            return False
        if self.layers and self.layers != layers:
            self.clear()
        self.layers = layers
        self.points.append(point)
        if len(self.points) > self.capacity:
            self.points = [*self.points[:-1:2], self.points[-1]]
        return True

    def truncate(self, iteration: int) -> None:
        """Forget the points after `iteration`."""
        self.points = [p for p in self.points if p.iteration <= iteration]

    def series(
        self, tensor: str, layer: int, first: int | None = None, last: int | None = None
    ) -> tuple[np.ndarray, list[Summary]]:
        """(iterations (k,), summaries) of `tensor` ("W", "b", "dW") of `layer` (1..L) for the
        points with first <= iteration <= last that have it."""
        if tensor not in TENSORS:
            raise ValueError(f"tensor must be one of {TENSORS}, got {tensor!r}")
        its, out = [], []
        for p in self.points:
            if (first is not None and p.iteration < first) or (
                last is not None and p.iteration > last
            ):
                continue
            s = p.tensors.get(tensor)
            if s is not None and 1 <= layer <= len(s):
                its.append(p.iteration)
                out.append(s[layer - 1])
        return np.asarray(its, np.int64), out

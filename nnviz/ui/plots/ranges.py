"""Axis ranges for a live plot that step instead of creeping (pure math, no Qt).

An auto-ranged live plot changes its range on every update, so its axes (ticks, labels, grid)
are redrawn every time. These ranges move in steps of about a quarter, so while training streams
in the axes stay as they are for seconds at a time and only the curves are redrawn.
"""

from __future__ import annotations

import math

STEPS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceil(v: float) -> float:
    """The smallest s * 10^k >= v with s in STEPS (v > 0); 0 for v <= 0."""
    if not v > 0 or not math.isfinite(v):
        return 0.0
    k = math.floor(math.log10(v))
    for s in STEPS:
        if s * 10.0**k >= v * (1 - 1e-12):
            return s * 10.0**k
    return 10.0 ** (k + 1)


def x_range(last: float, least: float = 100.0) -> tuple[float, float]:
    """Iterations 0..last shown: (0, a nice bound a little beyond last, at least `least`)."""
    return 0.0, max(least, nice_ceil(last * 1.02 + 1))


def y_range(lo: float, hi: float, log: bool) -> tuple[float, float]:
    """Values lo..hi shown (hi >= lo; costs, so >= 0): linear from 0 to a nice bound; on a log10
    axis the enclosing half decades (in log10 units, as pyqtgraph's log mode wants them)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= 0:
        return (-1.0, 0.0) if log else (0.0, 1.0)
    if not log:
        return 0.0, nice_ceil(hi * 1.04)
    lo = max(lo, hi * 1e-12, 1e-300)
    bottom = math.floor(2 * math.log10(lo) - 0.1) / 2
    top = math.ceil(2 * math.log10(hi) + 0.1) / 2
    return bottom, max(top, bottom + 0.5)

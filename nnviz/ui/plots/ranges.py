"""Axis ranges for a live plot that step instead of creeping (no Qt: the plot applies them).

An auto-ranged live plot changes its range on every update, so its axes (ticks, labels, grid)
are redrawn every time. These ranges move in steps of about a quarter, so while training streams
in the axes stay as they are for seconds at a time and only the curves are redrawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

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


class Follower:
    """Ranges that follow a growing run in steps until the user zooms or pans (stop()).

    apply(x_range, y_range) is called only when the stepped ranges change."""

    def __init__(self, apply: Callable[[tuple, tuple], None]) -> None:
        self._apply = apply
        self.reset()

    def reset(self) -> None:
        """Forget the data seen and follow again."""
        self.clear()
        self.following = True

    def clear(self) -> None:
        """Forget the data seen (the next fit() applies its ranges, if following)."""
        self.bounds = (math.inf, -math.inf)  # finite values seen: (min, max)
        self._applied: tuple | None = None

    def refresh(self) -> None:
        """Apply the ranges at the next fit() even if they did not change (a new axis mode)."""
        self._applied = None

    def widen(self, values: np.ndarray) -> None:
        """Take these values (any shape; NaN and inf ignored) into the bounds."""
        v = np.asarray(values, np.float64)
        v = v[np.isfinite(v)]
        if v.size:
            lo, hi = self.bounds
            self.bounds = (min(lo, float(v.min())), max(hi, float(v.max())))

    def fit(self, last: float, log: bool) -> None:
        """Show iterations 0..last and the bounds (log10 axis when `log`), if following."""
        if not self.following:
            return
        ranges = (x_range(last), y_range(*self.bounds, log=log))
        if ranges != self._applied:
            self._applied = ranges
            self._apply(*ranges)

    def stop(self) -> None:
        self.following = False

    def resume(self) -> None:
        """Follow again, re-applying the ranges at the next fit()."""
        self.following = True
        self.refresh()

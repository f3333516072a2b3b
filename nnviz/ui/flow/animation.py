"""The animated flow's math, without Qt: the timeline of an iteration's phases and the pulses.

An animation cycle plays the engine's phases (engine.trainer.phases(L)) one after another: forward
through layer 1..L, cost, backward through layer L..1, update. A `Playhead` says which phase is
playing and how far (0..1) at a given clock time; the pulse functions turn a phase and a fraction
into groups of short segments in scene coordinates (one group per colour level, so the painter
makes one drawLines call per group, never one per edge).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np

from nnviz.engine.losses import get_loss
from nnviz.engine.trainer import Phase, phases
from nnviz.ui.canvas.edges import EdgeSet

CYCLE = "per-cycle"  # the speed stop "one iteration per animation cycle"
STAGE_S = {"forward": 0.30, "cost": 0.45, "backward": 0.30, "update": 0.55}  # seconds per phase
STEP_SLOWER = 1.8  # a single stepped phase plays this much slower than a looping cycle
N_LEVELS = 4  # strength levels per sign
COMET = 0.22  # length of a pulse's tail, as a fraction of its edge
MIN_SHARE = 0.03  # contributions below this share of the layer's largest are not drawn
TOP_CHANGED = 0.15  # the update emphasises this share of each layer pair's edges


@dataclass(frozen=True)
class Timeline:
    """The phases of one iteration with their start times: starts (n+1,) seconds, last = total."""

    stages: tuple[Phase, ...]
    starts: tuple[float, ...]

    @classmethod
    def for_layers(cls, L: int, slower: float = 1.0) -> Timeline:
        stages = tuple(phases(L))
        d = np.array([STAGE_S[s.kind] * slower for s in stages])
        return cls(stages, tuple(float(v) for v in np.concatenate([[0.0], np.cumsum(d)])))

    @property
    def duration(self) -> float:
        return self.starts[-1]

    def index(self, phase: Phase) -> int:
        return self.stages.index(phase)

    def at(self, t: float) -> tuple[int, float]:
        """(stage index, fraction 0..1) at t seconds into the cycle (clamped to the cycle)."""
        t = min(max(t, 0.0), self.duration)
        i = bisect.bisect_right(self.starts, t) - 1
        i = min(max(i, 0), len(self.stages) - 1)
        span = self.starts[i + 1] - self.starts[i]
        return i, float(min(1.0, (t - self.starts[i]) / span)) if span > 0 else 1.0


class Playhead:
    """Plays stages first..last of a Timeline once, or loops the whole cycle; times in seconds
    of any monotonic clock passed in as `now`."""

    def __init__(self) -> None:
        self.timeline: Timeline | None = None
        self.loop = False
        self._t0 = 0.0
        self._span = (0, 0)

    @property
    def active(self) -> bool:
        return self.timeline is not None

    def play(
        self, timeline: Timeline, now: float, loop: bool, first: int = 0, last: int | None = None
    ) -> None:
        last = len(timeline.stages) - 1 if last is None else last
        self.timeline, self.loop, self._span = timeline, loop, (first, max(first, last))
        self._t0 = now - timeline.starts[first]

    def stop(self) -> None:
        self.timeline = None

    def position(self, now: float) -> tuple[Phase, float] | None:
        """(phase, fraction) now, or None when idle. A once-run holds its last stage at 1.0."""
        if self.timeline is None:
            return None
        tl = self.timeline
        t = now - self._t0
        first, last = self._span
        t = t % tl.duration if self.loop else min(max(t, tl.starts[first]), tl.starts[last + 1])
        i, f = tl.at(t)
        if not self.loop and i > last:  # exactly at the end: the last stage, complete
            i, f = last, 1.0
        return tl.stages[i], f

    def finished(self, now: float) -> bool:
        """A once-run has reached the end of its last stage (never true while looping)."""
        if self.timeline is None or self.loop:
            return False
        return now - self._t0 >= self.timeline.starts[self._span[1] + 1]

    def cycles(self, now: float) -> int:
        """Whole cycles completed by a loop."""
        if self.timeline is None or not self.loop:
            return 0
        return int((now - self._t0) // self.timeline.duration)


def ease(f: float) -> float:
    """Smooth start and stop (0..1 -> 0..1)."""
    f = min(max(f, 0.0), 1.0)
    return f * f * (3.0 - 2.0 * f)


def levels(v: np.ndarray, n_levels: int = N_LEVELS) -> np.ndarray:
    """Strength level of each value, relative to the largest |v|: 0 (not drawn) or 1..n_levels;
    values: (E,) -> (E,) int."""
    a = np.abs(np.nan_to_num(np.asarray(v, np.float64)))
    top = a.max() if a.size else 0.0
    if top <= 0:
        return np.zeros(a.shape, int)
    share = a / top
    return np.where(share < MIN_SHARE, 0, np.ceil(share * n_levels).astype(int).clip(1, n_levels))


def forward_strength(es: EdgeSet, a_prev: np.ndarray) -> np.ndarray:
    """What each drawn edge carries forward for the example: w * a (E,); a_prev: (n_{l-1},)."""
    return es.w * np.asarray(a_prev, np.float64)[es.src]


def backward_strength(es: EdgeSet, dW: np.ndarray) -> np.ndarray:
    """The gradient of each drawn edge's weight: dW[l][dst, src] (E,); dW: (n_l, n_{l-1})."""
    if dW.size == 0:
        return np.zeros(len(es.w))
    return np.asarray(dW, np.float64)[es.dst, es.src]


def comets(es: EdgeSet, f: float, reverse: bool = False, tail: float = COMET) -> np.ndarray:
    """(E, 4) segments x0, y0, x1, y1: each edge's pulse at fraction f of the way (from p0 to p1,
    or p1 to p0 when reverse), with a tail `tail` long behind it."""
    head = ease(f)
    back = max(0.0, head - tail)
    a, b = (es.p1, es.p0) if reverse else (es.p0, es.p1)
    d = b - a
    return np.concatenate([a + d * back, a + d * head], axis=1)


def groups(values: np.ndarray) -> list[tuple[bool, int, np.ndarray]]:
    """Edges grouped by (negative, level) of their values (E,): [(negative, level, indices)],
    weak levels first so strong pulses are painted on top; level-0 (negligible) values dropped."""
    lv = levels(values)
    neg = np.asarray(values) < 0
    out = []
    for level in range(1, N_LEVELS + 1):
        for negative in (False, True):
            idx = np.flatnonzero((lv == level) & (neg == negative))
            if idx.size:
                out.append((negative, level, idx))
    return out


def most_changed(es: EdgeSet, dW: np.ndarray, share: float = TOP_CHANGED) -> np.ndarray:
    """(k, 4) segments of the drawn edges whose weight changed most (|dW| in the top `share`)."""
    g = np.abs(backward_strength(es, dW))
    if not g.size or g.max() <= 0:
        return np.zeros((0, 4))
    k = max(1, round(len(g) * share))
    idx = np.argpartition(-g, k - 1)[:k]
    return np.concatenate([es.p0[idx], es.p1[idx]], axis=1)


def example_loss(loss: str, z: float, yhat: float, y: float) -> float:
    """The loss of one example (m = 1) with this network's loss."""
    arr = lambda v: np.array([[float(v)]])  # noqa: E731
    with np.errstate(all="ignore"):
        return float(get_loss(loss).cost(arr(z), arr(yhat), arr(y)))


def phase_caption(phase: Phase | None, L: int) -> tuple[str, int, int]:
    """(text, 1-based position, count) of a phase in its iteration; ("", 0, n) for None."""
    order = phases(L)
    if phase is None:
        return "", 0, len(order)
    text = "cost J" if phase.kind == "cost" else "update W, b" if phase.kind == "update" else ""
    return text or str(phase), order.index(phase) + 1, len(order)

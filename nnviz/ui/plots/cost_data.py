"""The cost plot's numbers as drawn: train J per iteration and the sampled evaluations.

CostSeries keeps them in growable buffers (O(batch) per append), checks what is added (iterations
strictly increasing, accuracies fractions), says whether a run's history extends what is drawn,
and answers the plot's questions (the point it shows, the hover readout) without Qt.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.ui.plots._common import GrowBuffer
from nnviz.ui.plots.readout import readout_at


class CostSeries:
    """train: rows iteration, cost; evals: rows iteration, test cost, train acc, test acc (NaN
    where not measured); generation: the run generation drawn (a reset or a branch is new)."""

    def __init__(self) -> None:
        self.train = GrowBuffer(2, 4096)
        self.evals = GrowBuffer(4, 256)
        self.generation = -1

    def extends(self, generation: int, it: np.ndarray, ev: np.ndarray) -> bool:
        """True when the history (it (n,), ev (4, k)) of `generation` starts with what is held."""
        n, k = len(self.train), len(self.evals)
        return (
            generation == self.generation
            and it.size >= n
            and (n == 0 or it[n - 1] == self.train.view(0)[-1])
            and ev.shape[1] >= k
            and (k == 0 or ev[0, k - 1] == self.evals.view(0)[-1])
        )

    def replace(self, it: np.ndarray, J: np.ndarray, ev: np.ndarray) -> None:
        """Hold exactly this history (a thinned one, say)."""
        self.clear()
        if it.size:
            self.train.append(it, J)
        if ev.shape[1]:
            self.evals.append(*ev)

    def clear(self) -> None:
        self.train.clear()
        self.evals.clear()

    def add_costs(self, it: np.ndarray, c: np.ndarray) -> None:
        """Append train costs; ValueError unless `it` goes on strictly increasing."""
        if it.shape != c.shape:
            raise ValueError(f"CostPlot.append: {it.size} iterations but {c.size} costs")
        if it.size == 0:
            return
        last = self.train.view(0)[-1] if len(self.train) else -math.inf
        if it[0] <= last or (it.size > 1 and np.any(np.diff(it) <= 0)):
            raise ValueError(
                f"CostPlot.append: iterations must increase (got {it[0]:g} after {last:g}); "
                "call reset() to start over"
            )
        self.train.append(it, c)

    def add_eval(self, iteration: int, vals: list[float]) -> bool:
        """Append an evaluation [test cost, train acc, test acc] (NaN: not measured); False when
        that iteration is already held (a pause re-reports it). ValueError for an accuracy that
        is not a fraction."""
        for name, v in zip(("train_acc", "test_acc"), vals[1:], strict=True):
            if not math.isnan(v) and not 0.0 <= v <= 1.0:
                raise ValueError(f"CostPlot.add_eval: {name} = {v} is not a fraction in 0..1")
        if len(self.evals) and iteration <= self.evals.view(0)[-1]:
            return False
        self.evals.append(float(iteration), *vals)
        return True

    def last_iteration(self) -> float:
        """The newest iteration held (costs or evaluations), 0 when none."""
        return max(
            self.train.view(0)[-1] if len(self.train) else 0.0,
            self.evals.view(0)[-1] if len(self.evals) else 0.0,
        )

    def shown_point(self, marker: int | None) -> dict:
        """The point the plot marks: the marker's iteration while looking back, else the newest
        train cost; {"iteration", "J", "marker", "points", "evaluations"} (None where none)."""
        its, J = self.train.view(0), self.train.view(1)
        if marker is None:
            i = len(its) - 1
        else:
            i = int(np.searchsorted(its, marker))
            i = i if i < len(its) and its[i] == marker else -1
        got = i >= 0 and len(its) > 0
        return {
            "iteration": int(its[i]) if got else marker,
            "J": float(J[i]) if got else None,
            "marker": marker,
            "points": len(its),
            "evaluations": len(self.evals),
        }

    def costs(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of (iterations (n,) int64, train costs (n,) float64)."""
        return self.train.view(0).astype(np.int64), self.train.view(1).copy()

    def eval_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Copies of (iterations (e,) int64, test cost, train acc, test acc), NaN where missing."""
        e = self.evals
        return (e.view(0).astype(np.int64), e.view(1).copy(), e.view(2).copy(), e.view(3).copy())

    def readout_at(self, x: float) -> tuple[int, str] | None:
        """(nearest train iteration to x, its readout text), or None without data."""
        e = self.evals
        return readout_at(x, self.train.view(0), self.train.view(1), *(e.view(k) for k in range(4)))

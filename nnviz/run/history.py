"""A run's per-iteration history, bounded: every iteration's J while it fits, thinned beyond.

CostHistory keeps (iteration, J) pairs in two growable arrays. Up to `capacity` points every
iteration is kept; past that, every other point of the older half is dropped and the stride of
new points doubles, as TensorBoard's reservoir thins long runs, so a run of any length takes at
most capacity points (16 bytes each) while the start and the newest iteration stay exact.
EvaluationHistory does the same for the (fewer) evaluations.
"""

from __future__ import annotations

import math

import numpy as np

from nnviz.engine.evaluation import Evaluation

COST_CAPACITY = 200_000  # 3.2 MB
EVAL_CAPACITY = 20_000


class CostHistory:
    """J of iterations, in increasing iteration order; `stride` 1 until thinned."""

    def __init__(self, capacity: int = COST_CAPACITY) -> None:
        if capacity < 16:
            raise ValueError(f"a cost history needs room for at least 16 points, got {capacity}")
        self.capacity = int(capacity)
        self.clear()

    def clear(self) -> None:
        self._it = np.zeros(1024, np.int64)
        self._J = np.zeros(1024, np.float64)
        self._n = 0
        self.stride = 1

    def __len__(self) -> int:
        return self._n

    @property
    def last_iteration(self) -> int:
        """The newest iteration held, -1 when empty."""
        return int(self._it[self._n - 1]) if self._n else -1

    def extend(self, iterations: np.ndarray, costs: np.ndarray) -> None:
        """Add J of `iterations` (k,) ints, increasing and newer than last_iteration (older ones,
        sent again after a rollback, replace what the history held from there on)."""
        its = np.asarray(iterations, np.int64).reshape(-1)
        J = np.asarray(costs, np.float64).reshape(-1)
        if its.size == 0:
            return
        if its[0] <= self.last_iteration:
            self.truncate(int(its[0]) - 1)
        if self.stride > 1:  # keep the stride's points (and always the newest, for now)
            keep = its % self.stride == 0
            keep[-1] = True
            if self._n and self._it[self._n - 1] % self.stride:  # the previous newest goes
                self._n -= 1
            its, J = its[keep], J[keep]
        self._reserve(self._n + its.size)
        self._it[self._n : self._n + its.size] = its
        self._J[self._n : self._n + its.size] = J
        self._n += its.size
        while self._n > self.capacity:
            self._thin()

    def _reserve(self, need: int) -> None:
        if need > self._it.size:
            size = max(need, 2 * self._it.size)
            self._it = np.resize(self._it, size)
            self._J = np.resize(self._J, size)

    def _thin(self) -> None:
        self.stride *= 2
        it, J = self._it[: self._n], self._J[: self._n]
        keep = it % self.stride == 0
        keep[-1] = True
        n = int(keep.sum())
        self._it[:n], self._J[:n] = it[keep], J[keep]
        self._n = n

    def truncate(self, iteration: int) -> None:
        """Forget every iteration after `iteration` (a branch, a rollback)."""
        self._n = int(np.searchsorted(self._it[: self._n], iteration, side="right"))

    def arrays(self, upto: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(iterations (n,), J (n,)) copies, up to and including `upto`."""
        n = self._n if upto is None else int(np.searchsorted(self._it[: self._n], upto, "right"))
        return self._it[:n].copy(), self._J[:n].copy()

    def at(self, iteration: int) -> float | None:
        """J of `iteration` when held (None when unknown or thinned away)."""
        i = int(np.searchsorted(self._it[: self._n], iteration))
        if i < self._n and self._it[i] == iteration:
            return float(self._J[i])
        return None

    @property
    def nbytes(self) -> int:
        return self._it.nbytes + self._J.nbytes


class EvaluationHistory:
    """Evaluations in increasing iteration order, at most `capacity` (thinned like costs)."""

    def __init__(self, capacity: int = EVAL_CAPACITY) -> None:
        self.capacity = int(capacity)
        self.items: list[Evaluation] = []

    def clear(self) -> None:
        self.items = []

    def add(self, ev: Evaluation) -> None:
        if self.items and ev.iteration <= self.items[-1].iteration:
            self.truncate(ev.iteration - 1)
        self.items.append(ev)
        if len(self.items) > self.capacity:
            self.items = [*self.items[:-1:2], self.items[-1]]

    def truncate(self, iteration: int) -> None:
        self.items = [e for e in self.items if e.iteration <= iteration]

    def latest(self) -> Evaluation | None:
        return self.items[-1] if self.items else None

    def at(self, iteration: int) -> Evaluation | None:
        """The evaluation of exactly `iteration`, if one was made."""
        for e in reversed(self.items):
            if e.iteration == iteration:
                return e
            if e.iteration < iteration:
                return None
        return None

    def array(self, upto: int | None = None) -> np.ndarray:
        """(4, k): rows iteration, test cost, train accuracy, test accuracy (NaN for None)."""

        def f(v: float | None) -> float:
            return math.nan if v is None else float(v)

        rows = [
            (e.iteration, f(e.test_cost), f(e.train_accuracy), f(e.test_accuracy))
            for e in self.items
            if upto is None or e.iteration <= upto
        ]
        return np.asarray(rows, dtype=np.float64).reshape(-1, 4).T.copy()

    @staticmethod
    def from_array(a: np.ndarray) -> list[Evaluation]:
        """(4, k) array (as array() gives) -> Evaluations (NaN -> None)."""

        def v(x: float) -> float | None:
            return None if math.isnan(x) else float(x)

        return [Evaluation(int(c[0]), v(c[1]), v(c[2]), v(c[3])) for c in np.asarray(a).T]

"""CostLog: a run's per-iteration costs, kept compactly.

A list of Python floats costs 32 bytes an entry; a run of hours has hundreds of thousands of
iterations, held by the trainer and the timeline. CostLog keeps them in one float64 array that
grows by doubling (8 bytes an entry, amortised O(1) append) and behaves like the list it replaces:
len, indexing, slicing (a new CostLog), iteration, `del log[i:]`, equality with sequences, and
np.asarray(log) (a read-only view of the (n,) costs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np


class CostLog:
    """costs[i]: the cost of iteration i, as float64."""

    __slots__ = ("_a", "_n")

    def __init__(self, values: Iterable[float] = ()) -> None:
        v = np.asarray(values if not isinstance(values, CostLog) else values.view(), np.float64)
        v = v.reshape(-1)
        self._a = np.empty(max(1024, v.size), np.float64)
        self._a[: v.size] = v
        self._n = v.size

    def view(self) -> np.ndarray:
        """(n,) the costs, read-only, sharing the log's memory: valid until the log changes
        (a `del` then append writes where it points); copy it to keep it."""
        out = self._a[: self._n]
        out.flags.writeable = False
        return out

    def _reserve(self, need: int) -> None:
        if need > self._a.size:
            grown = np.empty(max(need, 2 * self._a.size), np.float64)
            grown[: self._n] = self._a[: self._n]
            self._a = grown

    def append(self, cost: float) -> None:
        self._reserve(self._n + 1)
        self._a[self._n] = cost
        self._n += 1

    def extend(self, costs: Iterable[float]) -> None:
        v = costs.view() if isinstance(costs, CostLog) else np.asarray(costs, np.float64)
        v = v.reshape(-1)
        self._reserve(self._n + v.size)
        self._a[self._n : self._n + v.size] = v
        self._n += v.size

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int | slice) -> float | CostLog:
        if isinstance(i, slice):
            return CostLog(self.view()[i])
        return float(self.view()[i])

    def __delitem__(self, i: slice) -> None:
        """Only a tail can go: del log[k:] (what a rollback or a branch does)."""
        start, stop, step = i.indices(self._n) if isinstance(i, slice) else (None, None, None)
        if start is None or stop != self._n or step != 1:
            raise TypeError("CostLog: only `del log[k:]` is supported")
        self._n = min(self._n, start)

    def __iter__(self) -> Iterator[float]:
        return iter(self.view().tolist())

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        v = self.view()
        return v.astype(dtype) if dtype is not None else (v.copy() if copy else v)

    def __eq__(self, other: object) -> bool:
        try:
            o = np.asarray(other, np.float64).reshape(-1)
        except (TypeError, ValueError):
            return NotImplemented
        return o.size == self._n and bool(np.array_equal(self.view(), o))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"CostLog({self.view().tolist()!r})" if self._n <= 6 else f"CostLog(n={self._n})"

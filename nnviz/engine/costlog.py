"""CostLog: a run's per-iteration costs, the most recent ones kept, in bounded memory.

The engine runs thousands of iterations a second, so a log of every cost would grow without end
(8 bytes an iteration: 40 MB an hour). CostLog numbers costs like a list (costs[i] is the cost of
iteration i, len is how many the run has had) but keeps only the most recent ones: at most
2 × `keep` floats (1.6 MB by default). When it fills, the oldest go, so `start` (the first
iteration still kept) moves up. Views that show a whole run's history read the run record's
thinned CostHistory (nnviz.run.history), not this log.

It behaves like the list it replaces for what it keeps: len, indexing by iteration (an
IndexError names a cost no longer kept), `del log[k:]` (a rollback or a branch), iteration and
np.asarray (the kept costs), equality with a sequence of every cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

KEEP = 100_000  # costs kept at least (the most recent), 2 × KEEP at most


class CostLog:
    """costs[i]: the cost of iteration i as float64, for start <= i < len(costs)."""

    __slots__ = ("_a", "_keep", "_n", "_start")
    _a: np.ndarray
    _keep: int
    _n: int
    _start: int

    def __init__(self, values: Iterable[float] = (), start: int = 0, keep: int = KEEP) -> None:
        """values: the costs of iterations start, start + 1, …; a CostLog is copied (its own
        start and keep then apply). keep: how many costs to keep at least (≥ 1)."""
        if isinstance(values, CostLog):
            start, keep, v = values._start, values._keep, values.view()
        else:
            v = np.asarray(values, np.float64).reshape(-1)
        if keep < 1 or start < 0:
            raise ValueError(f"CostLog: keep must be ≥ 1 and start ≥ 0, got {keep}, {start}")
        self._keep = int(keep)
        if v.size > 2 * self._keep:
            start, v = start + v.size - self._keep, v[-self._keep :]
        self._a = np.empty(min(max(1024, v.size), 2 * self._keep), np.float64)
        self._a[: v.size] = v
        self._n, self._start = v.size, int(start)

    @property
    def start(self) -> int:
        """The first iteration whose cost is kept (0 until the log first drops old costs)."""
        return self._start

    def view(self) -> np.ndarray:
        """(len - start,) the kept costs, of iterations start…len-1, read-only and sharing the
        log's memory: valid until the log changes; copy it to keep it."""
        out = self._a[: self._n]
        out.flags.writeable = False
        return out

    def get(self, i: int) -> float | None:
        """The cost of iteration i (≥ 0), or None when the log does not hold it."""
        j = i - self._start
        return float(self._a[j]) if 0 <= j < self._n else None

    def since(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(iterations, costs), copies, of the kept costs of iteration i and later: (k,) int64
        and (k,) float64."""
        j = min(max(i - self._start, 0), self._n)
        its = np.arange(self._start + j, self._start + self._n, dtype=np.int64)
        return its, self._a[j : self._n].copy()

    def cut(self, n: int) -> CostLog:
        """The log of a run's first n iterations: the kept costs before n, none when n is
        beyond what this log has (the costs then are not known: start = n)."""
        if n > len(self):
            return CostLog((), start=n, keep=self._keep)
        out = CostLog(self)
        del out[n:]
        return out

    def _room(self, more: int) -> None:
        need = self._n + more
        if need <= self._a.size:
            return
        if need <= 2 * self._keep:
            grown = np.empty(min(max(need, 2 * self._a.size), 2 * self._keep), np.float64)
            grown[: self._n] = self._a[: self._n]
            self._a = grown
            return
        drop = max(0, self._n - self._keep)  # the oldest beyond `keep` go
        self._a[: self._n - drop] = self._a[drop : self._n]
        self._n -= drop
        self._start += drop

    def append(self, cost: float) -> None:
        self._room(1)
        self._a[self._n] = cost
        self._n += 1

    def extend(self, costs: Iterable[float]) -> None:
        v = costs.view() if isinstance(costs, CostLog) else np.asarray(costs, np.float64)
        for part in np.array_split(v.reshape(-1), max(1, -(-v.size // self._keep))):
            self._room(part.size)
            self._a[self._n : self._n + part.size] = part
            self._n += part.size

    def __len__(self) -> int:
        return self._start + self._n

    def __getitem__(self, i: int | slice) -> float | CostLog:
        """log[i]: the cost of iteration i (negative: from the end). log[:k]: the log cut to k;
        log[a:b] with a ≥ start: those costs as a new log numbered from 0."""
        if isinstance(i, slice):
            a, b, step = i.indices(len(self))
            if step != 1:
                raise TypeError("CostLog: slices take every cost")
            if a == 0:
                return self.cut(b)
            if a < self._start:
                raise IndexError(f"CostLog: costs before iteration {self._start} are not kept")
            return CostLog(self._a[a - self._start : max(a, b) - self._start], keep=self._keep)
        k = i + len(self) if i < 0 else i
        got = self.get(k) if k >= 0 else None
        if got is None:
            raise IndexError(
                f"CostLog: no cost of iteration {i} (kept: {self._start}..{len(self) - 1})"
            )
        return got

    def __delitem__(self, i: slice) -> None:
        """Only a tail can go: del log[k:] (what a rollback or a branch does)."""
        start, stop, step = i.indices(len(self)) if isinstance(i, slice) else (None, None, None)
        if start is None or stop != len(self) or step != 1:
            raise TypeError("CostLog: only `del log[k:]` is supported")
        if start >= self._start:
            self._n = start - self._start
        else:
            self._start, self._n = start, 0

    def __iter__(self) -> Iterator[float]:
        return iter(self.view().tolist())

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        v = self.view()
        return v.astype(dtype) if dtype is not None else (v.copy() if copy else v)

    def __eq__(self, other: object) -> bool:
        """Equal to a sequence of every cost of the run (the kept ones compared, the rest by
        count), or to a log of as many costs that agrees on the iterations both keep."""
        if isinstance(other, CostLog):
            lo = max(self._start, other._start)
            mine, theirs = self.view()[lo - self._start :], other.view()[lo - other._start :]
            return len(other) == len(self) and bool(np.array_equal(mine, theirs))
        try:
            o = np.asarray(other, np.float64).reshape(-1)
        except (TypeError, ValueError):
            return NotImplemented
        return o.size == len(self) and bool(np.array_equal(self.view(), o[self._start :]))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        if len(self) <= 6:
            return f"CostLog({self.view().tolist()!r})"
        return f"CostLog(n={len(self)}, kept from {self._start})"

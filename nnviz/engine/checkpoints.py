"""A timeline's checkpoints: which iterations it keeps within its capacity, and which go.

Checkpoints keeps TrainerStates by iteration, their iterations increasing in a numpy int64 buffer
(grown by doubling), so finding where a replay starts and choosing what to evict are a few vector
operations on it, not a walk over a list. Policy, with `capacity` checkpoints at most:
- the first `early` iterations are all kept (training changes fastest there; at most a quarter of
  the capacity);
- after that a checkpoint is due every max(every, span // capacity) iterations (span = the
  iteration - first: the spacing the capacity allows if checkpoints were uniform; `every` bounds a
  replay to a few milliseconds and spares the training thread a copy every iteration);
- over capacity, the checkpoint whose removal leaves the smallest gap goes (the oldest on ties);
  gaps within the last `recent` iterations count double, so recent checkpoints stay denser.
So at most `capacity` checkpoints, about evenly spread. Pins (the iterations of hand edits, each
an exact checkpoint) are never evicted and do not count as evictable, and start_for() never
replays across one.

Not thread-safe: its owner (engine.timeline.Timeline) guards it with its lock.
"""

from __future__ import annotations

import bisect

import numpy as np

from nnviz.engine.trainer import TrainerState

EARLY = 16
RECENT = 64
EVERY = 10


class Checkpoints:
    """The checkpoints of one run (capacity: how many may be kept; see the module docstring)."""

    def __init__(
        self, capacity: int = 0, early: int = EARLY, recent: int = RECENT, every: int = EVERY
    ) -> None:
        self.capacity, self.early, self.recent, self.every = capacity, early, recent, every
        self._states: dict[int, TrainerState] = {}
        self._kb = np.zeros(8, np.int64)  # the checkpoints' iterations, increasing, in _kb[:_nk]
        self._nk = 0
        self.pins: list[int] = []  # iterations made by hand edits, increasing (all checkpoints)
        self.nbytes = 0  # bytes held by the checkpoints

    @property
    def keys(self) -> np.ndarray:
        """(n,) the checkpoints' iterations, increasing: a view, valid until the next change."""
        return self._kb[: self._nk]

    def early_count(self) -> int:
        """How many of a run's first iterations are all kept."""
        return min(self.early, self.capacity // 4)

    def due(self, it: int, first: int) -> bool:
        """Whether iteration `it` of a run followed from `first` should be checkpointed."""
        spacing = max(self.every, (it - first) // self.capacity)
        return bool(it - self.keys[-1] >= spacing or it < first + self.early_count())

    def pin(self, it: int) -> None:
        """Mark iteration `it` as made by a hand edit (its checkpoint is never evicted)."""
        self.pins = sorted({*self.pins, it})

    def add(self, s: TrainerState) -> None:
        """Keep s (replacing a checkpoint of its iteration), whatever the capacity."""
        it = s.iteration
        if it in self._states:
            self.nbytes += s.nbytes - self._states[it].nbytes
        else:
            if self._nk == self._kb.size:
                self._kb = np.concatenate([self._kb, np.zeros(self._kb.size, np.int64)])
            at = int(np.searchsorted(self.keys, it))  # = _nk but after a rollback
            self._kb[at + 1 : self._nk + 1] = self._kb[at : self._nk].copy()
            self._kb[at] = it
            self._nk += 1
            self.nbytes += s.nbytes
        self._states[it] = s

    def keep(self, s: TrainerState, first: int, last: int) -> None:
        """Add s, then evict until within capacity (the run spans first..last)."""
        self.add(s)
        early = self.early_count()
        while len(self.keys) > self.capacity and self._evict(first, last, early):
            pass

    def _evict(self, first: int, last: int, early: int) -> bool:
        """Drop the checkpoint leaving the smallest gap; False when none may go."""
        keys = self.keys
        if keys.size < 3:
            return False
        inner = keys[1:-1]  # sorted: the early ones lead, the recent ones trail
        gaps = (keys[2:] - keys[:-2]).astype(np.float64)
        gaps[int(np.searchsorted(inner, last - self.recent, side="right")) :] *= 2
        gaps[: int(np.searchsorted(inner, first + early))] = np.inf
        if self.pins:
            gaps[np.isin(inner, self.pins)] = np.inf
        j = int(np.argmin(gaps))
        if not np.isfinite(gaps[j]):
            return False
        gone = int(keys[j + 1])
        self._kb[j + 1 : self._nk - 1] = self._kb[j + 2 : self._nk].copy()
        self._nk -= 1
        self.nbytes -= self._states.pop(gone).nbytes
        return True

    def truncate(self, k: int) -> None:
        """Forget the checkpoints and pins after iteration k."""
        keep = int(np.searchsorted(self.keys, k, side="right"))
        for gone in self.keys[keep:].tolist():
            self.nbytes -= self._states.pop(gone).nbytes
        self._nk = keep
        self.pins = [p for p in self.pins if p <= k]

    def start_for(self, target: int, k: int) -> tuple[int, TrainerState]:
        """(c, its state): where a replay to k starts: the newest checkpoint at or before
        `target`, or the newest pin at or before k when that is later (no replay crosses an
        edit)."""
        c = int(self.keys[int(np.searchsorted(self.keys, target, side="right")) - 1])
        pin = bisect.bisect_right(self.pins, k) - 1
        if pin >= 0 and self.pins[pin] > c:
            c = self.pins[pin]
        return c, self._states[c]

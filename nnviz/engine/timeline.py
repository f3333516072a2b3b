"""The run's timeline: checkpoints within a memory budget, any past iteration recomputed exactly.

Training is deterministic for a given seed, so iteration k is recomputed bit for bit from the
nearest earlier checkpoint c: restore c (parameters, shuffle order, cursor, RNG; see
Trainer.state) into a trainer with the same config and data, then step k - c times, each with the
learning rate that was in force at that iteration (live changes are recorded with their iteration).

Which iterations are kept, within capacity = budget_bytes // (bytes of one checkpoint), is
nnviz.engine.checkpoints's policy: all of the first `early`, then one every `every` (10) or more,
thinned evenly (the recent ones less) when over capacity. In dual form (see nnviz.engine.dual) a
checkpoint keeps layer 1 as (c, D) with a reference to its base (W0, Z0, X^T X, shared and not
counted): ~37 KB for the cat network instead of ~2 MB (~52 KB on the 300 built-in pictures), so
the default 56 MB holds ~1,500 of them (~1,070): every 10th iteration up to ~15,000 (~10,700), a
replay of at most 9 iterations (~0.2 ms each); thinning only spreads them further beyond that.

A hand edit (nnviz.engine.edit) is a step no replay can make: record_edit pins an exact checkpoint
at its iteration (with its own base when W[1] was edited), never evicted (pins are few and do not
count as evictable), and no replay crosses it: iterations from it on replay from it or later.
Scrubbing before an edit shows the unedited network; a branch before it drops it with the rest.

Threads: the training thread calls record(trainer) after every iteration (record_edit after an
edit); readers (the window's scrubber, "Continue from here") call snapshot_at / state_at / branch
from other threads. One lock guards the store; stored checkpoints are never written, so replays
run outside it.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from dataclasses import replace

import numpy as np

from nnviz.engine.checkpoints import EARLY, EVERY, RECENT, Checkpoints
from nnviz.engine.snapshot import Snapshot, take_snapshot
from nnviz.engine.trainer import TrainConfig, Trainer, TrainerState

__all__ = ["DEFAULT_BUDGET", "EARLY", "EVERY", "RECENT", "Timeline", "replay"]

DEFAULT_BUDGET = 56_000_000  # bytes


def replay(t: Trainer, start: TrainerState, lrs: list[float]) -> None:
    """Restore `start` into t, then one step per lr. The costs of t before `start` are not
    kept (t.costs.start is start's iteration): the run record holds the run's history."""
    t.restore_state(start)
    for lr in lrs:
        t.lr = lr
        t.step()


class Timeline:
    """Checkpoints of one run, recorded as it trains (which ones: nnviz.engine.checkpoints)."""

    def __init__(
        self,
        budget_bytes: int = DEFAULT_BUDGET,
        early: int = EARLY,
        recent: int = RECENT,
        every: int = EVERY,
    ) -> None:
        if budget_bytes <= 0:
            raise ValueError(f"the timeline's memory budget must be positive, got {budget_bytes}")
        self.budget_bytes, self.early, self.recent = int(budget_bytes), early, recent
        self.every = max(1, int(every))
        self._lock = threading.Lock()
        self._scratch_lock = threading.Lock()
        self._run = 0
        self._forget()

    def _forget(self) -> None:
        self._tracked: weakref.ref | None = None
        self._data: tuple[TrainConfig, np.ndarray, np.ndarray] | None = None
        self._store = Checkpoints(0, self.early, self.recent, self.every)
        self._lrs: list[tuple[int, float]] = []  # (from iteration, lr), increasing
        self._shuffles: list[TrainerState] = []  # parameter-free states of the last 2 iterations
        self._first = self._last = 0
        self._scratch: Trainer | None = None

    # ----- reading -----
    @property
    def first(self) -> int:
        return self._first

    @property
    def last(self) -> int:
        """The newest iteration recorded."""
        return self._last

    @property
    def nbytes(self) -> int:
        """Bytes held by the checkpoints."""
        return self._store.nbytes

    @property
    def capacity(self) -> int:
        """How many checkpoints fit the budget."""
        return self._store.capacity

    def checkpoints(self) -> list[int]:
        with self._lock:
            return self._store.keys.tolist()

    def edits(self) -> list[int]:
        """The iterations made by hand edits (each an exact, pinned checkpoint), increasing."""
        with self._lock:
            return list(self._store.pins)

    def lr_at(self, i: int) -> float:
        """The learning rate that iteration i's update used (or will use)."""
        with self._lock:
            return self._lr_at(i)

    def _lr_at(self, i: int) -> float:
        j = bisect.bisect_right(self._lrs, i, key=lambda e: e[0]) - 1
        return self._lrs[max(j, 0)][1]

    # ----- writing (the training thread) -----
    def start(self, t: Trainer) -> None:
        """Follow a new run from t's current iteration (a reset); no-op for the run followed."""
        with self._lock:
            if t.mid_iteration:  # no exact state to keep: begin at its next finished iteration
                self._tracked = None
            elif self._tracked is None or self._tracked() is not t:
                self._begin(t)

    def _begin(self, t: Trainer) -> None:
        self._forget()
        self._run += 1
        self._tracked = weakref.ref(t)
        self._data = (t.config, t.X, t.Y)
        self._first = self._last = t.iteration
        self._lrs = [(t.iteration, t.lr)]
        s = t.state()
        capacity = max(1, self.budget_bytes // s.nbytes)
        self._store = Checkpoints(capacity, self.early, self.recent, self.every)
        self._store.add(s)
        self._note_shuffle(t)

    def record(self, t: Trainer) -> None:
        """Note t's newest iteration (call after every iteration; other trainers are ignored)."""
        with self._lock:
            if t.mid_iteration:
                return
            if self._tracked is None or self._tracked() is None:
                self._begin(t)
                return
            if t is not self._tracked() or t.iteration == self._last:
                return
            it = t.iteration
            if it < self._last:  # rolled back (divergence)
                self._truncate(it) if it >= self._first else self._begin(t)
                return
            self._advance(t, self._store.due(it, self._first))

    def record_edit(self, t: Trainer) -> None:
        """Note t's iteration made by a hand edit (Trainer.edit, also an amended one): its
        exact state is pinned, replacing any checkpoint of that iteration and anything later."""
        with self._lock:
            tracked, it = self._tracked() if self._tracked else None, t.iteration
            if tracked is not None and t is not tracked:
                return
            if tracked is None or it < self._first:
                self._begin(t)
            elif it <= self._last:  # amended: the same iteration again
                self._truncate(it)
            self._store.pin(it)
            self._advance(t, keep=True)

    def _advance(self, t: Trainer, keep: bool) -> None:
        """The run is at t's iteration (after the last); keep: checkpoint it."""
        if t.lr != self._lrs[-1][1]:
            self._lrs.append((self._last, t.lr))
        self._last = t.iteration
        self._note_shuffle(t)
        if keep:
            self._store.keep(t.state(), self._first, self._last)

    def sending_policy(self) -> tuple[int, int]:
        """(keep_before, every): a run trained elsewhere (nnviz.run.remote) sends its states of
        the iterations before keep_before and one every `every` after; record_state keeps those
        due (a superset of what record() would keep)."""
        with self._lock:
            return self._first + self._store.early_count(), self.every

    def record_state(self, t: Trainer, s: TrainerState) -> None:
        """Note that t's run reached s.iteration, trained elsewhere (t itself is still at an
        earlier iteration): s is that iteration's exact state, kept when due. A state before the
        last (a divergence rolled the run back) forgets what came after it; states of other
        trainers are ignored."""
        with self._lock:
            if self._tracked is None or self._tracked() is not t or s.iteration == self._last:
                return
            it = s.iteration
            if it < self._last:
                if it >= self._first:
                    self._truncate(it)
                return
            if s.lr != self._lrs[-1][1]:
                self._lrs.append((self._last, s.lr))
            self._last = it
            if t.config.batch_size is not None and t.config.batch_size < t.m:
                self._shuffles = [*self._shuffles[-1:], replace(s, weights=(), b=(), dual=None)]
            if self._store.due(it, self._first):
                self._store.keep(s, self._first, self._last)

    def recover(self, t: Trainer) -> None:
        """After TrainingDiverged rolled t back an iteration: put its mini-batch order back where
        it was at that iteration, so the rest of the run stays reproducible."""
        with self._lock:
            if self._tracked is None or t is not self._tracked():
                return
            for s in self._shuffles:
                if s.iteration == t.iteration:
                    t.restore_shuffle(s)
            if t.iteration < self._last:
                self._truncate(max(t.iteration, self._first))

    def _note_shuffle(self, t: Trainer) -> None:
        if t.config.batch_size is not None and t.config.batch_size < t.m:
            self._shuffles = [*self._shuffles[-1:], t.state(params=False)]

    def _truncate(self, k: int) -> None:
        """Forget everything after iteration k (first <= k <= last)."""
        self._store.truncate(k)
        self._lrs = self._lrs[:1] + [e for e in self._lrs[1:] if e[0] < k]
        self._shuffles = [s for s in self._shuffles if s.iteration <= k]
        self._last = k

    # ----- recomputing (any thread) -----
    def _plan(self, k: int, before: bool) -> tuple:
        """(run, checkpoint, lrs for its steps to k, (config, X, Y))."""
        with self._lock:
            if self._data is None or not self._first <= k <= self._last:
                raise ValueError(
                    f"iteration {k} is not in the timeline "
                    f"({'empty' if self._data is None else f'{self._first}..{self._last}'})"
                )
            target = k - 1 if before and k > self._first else k
            c, s = self._store.start_for(target, k)  # no replay crosses an edit
            lrs = [self._lr_at(i) for i in range(c, k)]
            return self._run, s, lrs, self._data

    def _replayed(self, k: int) -> Trainer:
        """The scratch trainer at iteration k, stepped there from an earlier checkpoint (so its
        gradients and outputs are those of iteration k - 1's update, as the live view shows)."""
        _, s, lrs, (cfg, X, Y) = self._plan(k, before=True)
        if self._scratch is None or self._scratch.X is not X or self._scratch.config != cfg:
            self._scratch = Trainer(cfg, X, Y)
        replay(self._scratch, s, lrs)
        return self._scratch

    def snapshot_at(self, k: int) -> Snapshot:
        """The network at iteration k: W[l], b[l] of a fresh run stopped at k and J(k) (the
        trainer's cost_now: no pass over X in the dual form); no gradients (those of W(k) are
        computed when the run goes on from there), so every figure describes W(k)."""
        with self._scratch_lock:
            t = self._replayed(k)
            return replace(take_snapshot(t, with_grads=False), phase=None, cost=t.cost_now())

    def state_at(self, k: int) -> TrainerState:
        """The exact state of iteration k: W, b bit for bit those of a fresh run stopped at k."""
        with self._scratch_lock:
            return self._replayed(k).state()

    def branch(self, k: int, lr: float | None = None) -> Trainer:
        """A new trainer at iteration k that this timeline follows from now on; later history is
        dropped. lr: the rate it continues with (None: the one in force at k)."""
        run, s, lrs, (cfg, X, Y) = self._plan(k, before=False)
        t = Trainer(cfg, X, Y)
        replay(t, s, lrs)
        t.lr = self.lr_at(k) if lr is None else float(lr)
        with self._lock:
            if run != self._run or k > self._last:
                raise RuntimeError(f"the run changed while branching at iteration {k}")
            self._truncate(k)
            self._tracked = weakref.ref(t)
        return t

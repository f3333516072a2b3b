"""Every run of a session, kept side by side (Qt-free): each Reset, each "Continue from here",
each opened model or session starts a new entry with its settings; the entry of the run going
on grows with its J and evaluations. Older runs keep what they had when they ended. A sweep's
runs are listed beside them (add_side), filled by the sweep.

Each entry's history is bounded (nnviz.run.history, thinned past RUN_CAPACITY points), and the
list keeps the newest MAX_RUNS entries, so a long session stays small.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.evaluation import Evaluation
from nnviz.engine.trainer import TrainConfig
from nnviz.run.history import CostHistory, EvaluationHistory

MAX_RUNS = 24
RUN_CAPACITY = 4096


@dataclass
class RunEntry:
    """One run: its number (from 1), how it began ("start", "reset", "continued from run 2 at
    iteration 40", "opened model cat.npz"), its settings and dataset, its history; lrs: the
    learning rates it used, in order (α may change during a run)."""

    number: int
    how: str
    config: TrainConfig
    dataset: str
    costs: CostHistory = field(default_factory=lambda: CostHistory(RUN_CAPACITY))
    evaluations: EvaluationHistory = field(default_factory=lambda: EvaluationHistory(1024))
    lrs: list[float] = field(default_factory=list)

    def settings(self) -> dict:
        """The settings as shown: hidden layers, activation, α (each one used), L2, init, seed,
        mini-batch, precision."""
        c = self.config
        lrs = self.lrs or [c.lr]
        return {
            "hidden_layers": list(c.hidden_layers),
            "activation": c.activation,
            "lr": " → ".join(f"{v:g}" for v in lrs),
            "l2": c.l2,
            "init": c.init,
            "seed": c.seed,
            "batch": c.batch_size or "all",
            "dtype": c.dtype,
        }

    def final(self) -> dict:
        """The newest figures: iteration and J (of the newest cost), train and test accuracy
        (of the newest evaluation); None where unknown."""
        its, J = self.costs.arrays()
        ev = self.evaluations.latest()
        return {
            "iteration": int(its[-1]) if its.size else None,
            "J": float(J[-1]) if J.size and np.isfinite(J[-1]) else None,
            "train_accuracy": None if ev is None else ev.train_accuracy,
            "test_accuracy": None if ev is None else ev.test_accuracy,
        }


class RunList:
    """The session's runs, the newest last; `current` is the one going on."""

    def __init__(self, max_runs: int = MAX_RUNS) -> None:
        self.max_runs = int(max_runs)
        self.runs: list[RunEntry] = []
        self._numbered = 0
        self._current: int | None = None  # the number of the run going on

    @property
    def current(self) -> RunEntry | None:
        """The run going on in the window (a sweep's runs never are)."""
        return None if self._current is None else self.find(self._current)

    def start(
        self,
        how: str,
        config: TrainConfig,
        dataset: str,
        iterations: np.ndarray | None = None,
        costs: np.ndarray | None = None,
        evaluations: list[Evaluation] | tuple[Evaluation, ...] = (),
    ) -> RunEntry:
        """A new run, going on from now; its history so far: J of `iterations` (k,) and the
        evaluations (a continued or opened run has one). The run it follows is dropped when it
        never trained (at most J(0), no evaluation)."""
        cur = self.current
        if cur is not None and len(cur.costs) <= 1 and not cur.evaluations.items:
            self.runs.remove(cur)  # it never trained: not worth a line (a Reset right after one)
        entry = self.add_side(how, config, dataset, iterations, costs, evaluations)
        self._current = entry.number
        return entry

    def add_side(
        self,
        how: str,
        config: TrainConfig,
        dataset: str,
        iterations: np.ndarray | None = None,
        costs: np.ndarray | None = None,
        evaluations: list[Evaluation] | tuple[Evaluation, ...] = (),
    ) -> RunEntry:
        """A run beside the one going on (a sweep's): listed, never current."""
        self._numbered += 1
        entry = RunEntry(self._numbered, how, config, dataset, lrs=[config.lr])
        if iterations is not None and costs is not None and len(iterations):
            entry.costs.extend(np.asarray(iterations), np.asarray(costs))
        for ev in evaluations:
            entry.evaluations.add(ev)
        self.runs.append(entry)
        del self.runs[: max(0, len(self.runs) - self.max_runs)]
        return entry

    def add_costs(self, iterations: np.ndarray, costs: np.ndarray) -> None:
        """J of the current run's `iterations` (k,) (only those newer than it holds)."""
        run = self.current
        if run is None:
            return
        its = np.asarray(iterations, np.int64).reshape(-1)
        J = np.asarray(costs, np.float64).reshape(-1)
        newer = its > run.costs.last_iteration
        if newer.any():
            run.costs.extend(its[newer], J[newer])

    def add_evaluation(self, ev: Evaluation) -> None:
        run = self.current
        if run is not None:
            run.evaluations.add(ev)

    def learning_rate(self, lr: float) -> None:
        """The current run goes on with learning rate `lr`."""
        run = self.current
        if run is not None and (not run.lrs or run.lrs[-1] != lr):
            run.lrs.append(lr)

    def find(self, number: int) -> RunEntry | None:
        return next((r for r in self.runs if r.number == number), None)

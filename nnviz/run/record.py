"""RunRecord: the one owner of the run the window shows (Qt-free).

It holds the settings, the shown parameters (the newest snapshot, or a past one while the user
looks back on the timeline), the history of J and of evaluations (bounded: see run.history), the
checkpoints (an engine Timeline) and where the run's first parameters came from (initialisation,
an opened model or session). Views read it, or are told by it through `listen`; none keeps a copy.

The course's numbering throughout: "iteration i" is the network after i updates and J(i) the cost
of those parameters ("Cost after iteration i"). Every figure the record gives for the shown
moment (iteration, J, evaluation) describes the shown snapshot's parameters.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnviz.engine.evaluation import Evaluation
from nnviz.engine.snapshot import Snapshot
from nnviz.engine.timeline import Timeline
from nnviz.engine.trainer import TrainConfig
from nnviz.run.history import CostHistory, EvaluationHistory
from nnviz.run.origin import Origin

# What listeners are told (the second argument: the event's detail, see RunRecord.listen).
EVENTS = ("reset", "costs", "evaluation", "snapshot", "branched")


class RunRecord:
    """The run: settings, parameters, iteration, J and evaluation history, checkpoints."""

    def __init__(self, config: TrainConfig, timeline: Timeline | None = None) -> None:
        self.config = config
        self.timeline = timeline if timeline is not None else Timeline()
        self.costs = CostHistory()
        self.evaluations = EvaluationHistory()
        self.live: Snapshot | None = None  # the newest parameters of the run
        self.past: Snapshot | None = None  # an earlier iteration looked at (timeline), or None
        self.origin: Origin | None = None  # None: the settings' initialisation
        self.generation = 0  # bumped by every reset, restore and branch
        self._listeners: list[Callable[[str, object], None]] = []

    # ----- reading -----
    @property
    def shown(self) -> Snapshot | None:
        """What every view shows: the past iteration looked at, else the newest."""
        return self.past if self.past is not None else self.live

    @property
    def iteration(self) -> int:
        """The shown iteration (updates done), 0 before the first snapshot."""
        s = self.shown
        return s.iteration if s is not None else 0

    @property
    def newest(self) -> int:
        """The newest iteration of the run."""
        return self.live.iteration if self.live is not None else 0

    @property
    def viewing_past(self) -> bool:
        return self.past is not None

    def J(self, iteration: int | None = None) -> float | None:
        """J of `iteration` (default: the shown one); None when not computed yet."""
        s = self.shown
        if iteration is None or (s is not None and iteration == s.iteration):
            if s is not None and s.cost is not None:
                return float(s.cost)
            iteration = self.iteration
        return self.costs.at(iteration)

    def evaluation(self, iteration: int | None = None) -> Evaluation | None:
        """The evaluation of exactly `iteration` (default: the shown one), if one was made."""
        return self.evaluations.at(self.iteration if iteration is None else iteration)

    def progressed(self) -> bool:
        """True when the run has done updates of its own (Reset would lose them)."""
        start = self.origin.iteration if self.origin is not None else 0
        return self.newest > start

    # ----- listening -----
    def listen(self, callback: Callable[[str, object], None]) -> None:
        """callback(event, detail) after each change: "reset" (TrainConfig), "costs"
        ((iterations, J) arrays added), "evaluation" (Evaluation), "snapshot" (the shown
        Snapshot), "branched" (the iteration the run goes on from)."""
        self._listeners.append(callback)

    def _tell(self, event: str, detail: object) -> None:
        for cb in list(self._listeners):
            cb(event, detail)

    # ----- writing -----
    def reset(self, config: TrainConfig, origin: Origin | None = None) -> None:
        """A new run with `config` (from `origin`'s parameters when given): history cleared,
        or set to the origin's."""
        self.config = config
        self.origin = origin
        self.generation += 1
        self.live = self.past = None
        self.costs.clear()
        self.evaluations.clear()
        if origin is not None:
            n = min(len(origin.costs), origin.iteration + 1)
            self.costs.extend(np.arange(n), np.asarray(origin.costs[:n], np.float64))
            for ev in origin.evaluations:
                self.evaluations.add(ev)
        self._tell("reset", config)

    def add_costs(self, iterations: np.ndarray, costs: np.ndarray) -> None:
        """J of `iterations` (k,), as the trainer computed them."""
        self.costs.extend(iterations, costs)
        self._tell("costs", (iterations, costs))

    def add_evaluation(self, ev: Evaluation) -> None:
        self.evaluations.add(ev)
        self._tell("evaluation", ev)

    def set_live(self, snap: Snapshot) -> None:
        """The newest parameters; shown unless the user looks at a past iteration."""
        self.live = snap
        if snap.cost is not None and (snap.phase is None or snap.phase.kind == "update"):
            self.costs.extend(np.array([snap.iteration]), np.array([snap.cost]))
        if self.past is None:
            self._tell("snapshot", snap)

    def look_back(self, snap: Snapshot) -> None:
        """Show `snap`, an earlier iteration of this run, until back_to_live()."""
        self.past = snap
        self._tell("snapshot", snap)

    def back_to_live(self) -> None:
        if self.past is None:
            return
        self.past = None
        if self.live is not None:
            self._tell("snapshot", self.live)

    def branch(self, iteration: int) -> None:
        """The run goes on from its earlier `iteration` ("Continue from here")."""
        self.generation += 1
        self.costs.truncate(iteration)
        self.evaluations.truncate(iteration)
        self.live, self.past = self.past if self.past is not None else self.live, None
        self._tell("branched", iteration)

"""The one training loop: `nnviz train`, the window's worker thread and the benchmarks all
advance a run through it, so a run is trained, checkpointed and rolled back the same way
everywhere.

Loop.iterate() runs one iteration (forward, cost, backward, update); when the caller wants to
show the iteration it hands `before_update`, called after the backward pass while the trainer
still holds W, J and dW of "iteration i" (what the window's snapshots show). After the update
the timeline, if any, records the run's new iteration. A divergence (TrainingDiverged) rolls the
trainer back to its last finite iteration, puts the timeline's mini-batch state back with it,
and is raised again for the caller to report. Loop.edit() makes a hand edit one step of the run
(nnviz.engine.edit), pinned in the timeline.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.engine.edit import Target
from nnviz.engine.timeline import Timeline
from nnviz.engine.trainer import Trainer, TrainingDiverged


class Loop:
    """Advances `trainer` (and records it in `timeline`, when given)."""

    def __init__(self, trainer: Trainer, timeline: Timeline | None = None) -> None:
        self.trainer = trainer
        self.timeline = timeline
        if timeline is not None:
            timeline.start(trainer)

    def iterate(self, before_update: Callable[[Trainer], None] | None = None) -> float:
        """One iteration; returns its J (the cost of the parameters it started from)."""
        t = self.trainer
        try:
            if before_update is None:
                cost = t.step()
            else:
                while not ((ph := t.step_phase()).kind == "backward" and ph.layer == 1):
                    pass
                cost = t.costs.view()[-1].item()
                before_update(t)
                t.step_phase()  # the update
        except TrainingDiverged:
            self._recover()
            raise
        self._record()
        return cost

    def phase(self):
        """One phase of the current iteration (Trainer.step_phase); returns the Phase."""
        try:
            ph = self.trainer.step_phase()
        except TrainingDiverged:
            self._recover()
            raise
        self._record()
        return ph

    def edit(self, target: Target, value: float, amend: bool = False) -> None:
        """Set one parameter by hand as one step (Trainer.edit; amend: change the edit just
        made) and pin it in the timeline. ValueError (nothing recorded) when refused."""
        self.trainer.edit(target, value, amend)
        if self.timeline is not None:
            self.timeline.record_edit(self.trainer)

    def run(
        self,
        iterations: int,
        should_stop: Callable[[], bool] | None = None,
        each: Callable[[int, float], None] | None = None,
    ) -> int:
        """Up to `iterations` iterations, checking should_stop() between them; each(i, J(i))
        after iteration i. Returns how many ran (TrainingDiverged propagates)."""
        done = 0
        while done < iterations and not (should_stop and should_stop()):
            i = self.trainer.iteration
            cost = self.iterate()
            done += 1
            if each is not None:
                each(i, cost)
        return done

    def _record(self) -> None:
        if self.timeline is not None and not self.trainer.mid_iteration:
            self.timeline.record(self.trainer)

    def _recover(self) -> None:
        if self.timeline is not None:
            self.timeline.recover(self.trainer)

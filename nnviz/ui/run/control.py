"""The training worker's controls: what the GUI thread calls (play, pause, step, a learning rate,
a hand edit, a new trainer). They only set flags under the worker's lock, which the worker's loop
(nnviz.ui.run.worker) reads between iterations; the GUI never touches the trainer.
"""

from __future__ import annotations

import threading

from nnviz.engine.edit import Target
from nnviz.engine.trainer import Trainer
from nnviz.run.edits import EditRequest, Edits


class WorkerControl:
    """The GUI-thread side of TrainingWorker (a base class): flags only."""

    # The worker's fields these set (made in TrainingWorker.__init__; declared for the checker).
    _cv: threading.Condition
    _play: bool
    _steps: int
    _phase_steps: int
    _target: int | None
    _lr: float | None
    _edits: Edits
    _inflight_since: float | None

    def _set(self, **flags) -> None:
        with self._cv:
            for k, v in flags.items():
                setattr(self, k, v)
            self._cv.notify_all()
        if set(flags) - {"_cycle_done"}:
            self._interrupt()

    def _interrupt(self) -> None:
        """A control changed: a run trained elsewhere stops after its iteration in progress
        (nnviz.ui.run.handoff overrides this)."""

    def play(self, until: int | None = None) -> None:
        self._set(_play=True, _target=until)

    def pause(self) -> None:
        self._set(_play=False)

    def step(self) -> None:
        self._one_more("_steps")

    def step_phase(self) -> None:
        self._one_more("_phase_steps")

    def _one_more(self, count: str) -> None:
        """Pause, and one more step (count "_steps") or phase ("_phase_steps") to run."""
        with self._cv:
            self._play = False
            setattr(self, count, getattr(self, count) + 1)
            self._cv.notify_all()
        self._interrupt()

    def set_learning_rate(self, lr: float) -> None:
        self._set(_lr=float(lr))

    def edit(self, run: int, target: Target, value: float, amend: bool = False) -> None:
        """Set one parameter of run `run` by hand, as one step (amend: a drag's later value);
        applied between iterations; pauses."""
        with self._cv:
            self._play = False
            self._edits.add(EditRequest(run, target, value, amend))
            self._cv.notify_all()
        self._interrupt()

    def set_max_rate(self, rate: float | None) -> None:
        self._set(_max_rate=rate)

    def set_wait_for_cycle(self, on: bool) -> None:
        """One iteration per animation cycle: after each played iteration, wait for cycle_done()."""
        self._set(_wait_cycle=bool(on))

    def cycle_done(self) -> None:
        """The animation finished a cycle over the last snapshot: run the next iteration."""
        self._set(_cycle_done=True)

    def replace_trainer(
        self, run: int, trainer: Trainer, X_test=None, Y_test=None, costs_shown: int = 0
    ) -> None:
        """Swap in run number `run` (a reset); takes effect between iterations, and pauses.

        costs_shown: how many of trainer.costs the window already has (a branched run)."""
        self._set(
            _pending_trainer=(run, trainer, X_test, Y_test),
            _pending_sent=costs_shown,
            _play=False,
            _steps=0,
            _phase_steps=0,
        )

    def stop(self) -> None:
        self._set(_quit=True, _play=False)

    def snapshot_taken(self) -> None:
        """The GUI has taken the last snapshot sent: the next one may go."""
        self._inflight_since = None

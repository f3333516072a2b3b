"""Starting a run over, for the controller (nnviz.ui.run.controller): Reset (asking when that
loses progress; back to an opened model or session when there is one), restoring a saved run,
and new settings (a learning rate applies live, anything else resets). The run itself is in the
record; the worker gets the new trainer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import SignalInstance

from nnviz.data import Dataset
from nnviz.engine.evaluation import Evaluation
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.origin import Origin, trainer_for
from nnviz.run.record import RunRecord
from nnviz.ui.run.worker import TrainingWorker

RESET_FIELDS = ("hidden_layers", "activation", "loss", "init", "seed", "dtype", "batch_size", "l2")


class RunResets:
    """reset / restore / apply_config of the Controller (a base class)."""

    # The controller's fields and methods these use (declared for the type checker).
    record: RunRecord
    dataset: Dataset
    confirm_reset: Callable[[str], bool]
    choose: Callable[[str, list[str]], int | None]
    runReset: SignalInstance
    evaluated: SignalInstance
    status: SignalInstance
    worker: TrainingWorker

    if TYPE_CHECKING:

        @property
        def config(self) -> TrainConfig: ...
        def pause(self) -> None: ...
        def _start(self, trainer: Trainer | None = None, costs_shown: int = 0) -> None: ...

    def reset(self, ask: bool = False) -> bool:
        """Start the run over (same settings): from the opened model or session when there is
        one and the user picks it, else from the initial parameters. ask: first ask when
        that loses progress. False when the user declined."""
        origin = self.record.origin
        if ask and origin is not None:
            n = self.record.newest - origin.iteration
            lost = f" ({n:,} iterations since are discarded)" if n > 0 else ""
            pick = self.choose(
                f"Reset to the opened {origin.label}{lost}, or to new initial weights?",
                [f"Back to {origin.label}", "New initial weights"],
            )
            if pick is None:
                return False
            if pick == 0:
                self.pause()
                self._restore_origin(origin)
                self.status.emit(f"Reset: back to {origin.label}")
                return True
        elif ask and self.record.progressed():
            n = self.record.newest
            if not self.confirm_reset(
                f"Reset the network to its initial weights? The {n:,} iterations trained are "
                "discarded."
            ):
                return False
        self.pause()
        self.record.reset(self.config)
        self._start()
        self.runReset.emit(self.config)
        self.status.emit("Reset: the network is back to its initial weights")
        return True

    def restore(
        self,
        config: TrainConfig,
        W: list[np.ndarray],
        b: list[np.ndarray],
        iteration: int = 0,
        costs: np.ndarray | Sequence[float] = (),
        evaluations: Sequence[Evaluation] = (),
        label: str = "model",
    ) -> None:
        """Continue a saved run on the current dataset: W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1),
        `iteration` updates done, costs (n,) its J history, label: what the user opened
        (Reset offers to go back to it). ValueError (nothing changed) when the parameters do
        not fit the settings and the dataset."""
        origin = Origin(
            label,
            config,
            tuple(np.array(w) for w in W),
            tuple(np.array(v) for v in b),
            int(iteration),
            np.asarray(costs, np.float64).reshape(-1),
            tuple(evaluations),
        )
        trainer_for(origin, self.dataset)  # raises before anything changes
        self.pause()
        self._restore_origin(origin)

    def _restore_origin(self, origin: Origin) -> None:
        trainer = trainer_for(origin, self.dataset)
        self.record.reset(origin.config, origin)
        self._start(trainer, costs_shown=len(trainer.costs))
        self.runReset.emit(origin.config)
        for ev in self.record.evaluations.items:
            self.evaluated.emit(ev)

    def progressed(self) -> bool:
        return self.record.progressed()

    def apply_config(self, cfg: TrainConfig) -> bool:
        """A new learning rate applies live; anything else resets (after asking if trained)."""
        old = self.config
        if all(getattr(cfg, f) == getattr(old, f) for f in RESET_FIELDS):
            self.record.config = cfg
            if cfg.lr != old.lr:
                self.worker.set_learning_rate(cfg.lr)
                self.status.emit(f"Learning rate α = {cfg.lr:g} (applies from the next iteration)")
            return True
        if self.progressed() and not self.confirm_reset(
            "Changing this setting starts training over. Discard the current run?"
        ):
            return False
        self.pause()
        self.record.config = cfg
        self.reset()
        return True

"""Where a run's first parameters came from: an opened model or session (Qt-free).

Reset offers to go back to it; trainer_for() rebuilds the trainer that continues it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.data import Dataset
from nnviz.engine.costlog import CostLog
from nnviz.engine.evaluation import Evaluation
from nnviz.engine.trainer import TrainConfig, Trainer


@dataclass(frozen=True)
class Origin:
    """Where a run's first parameters came from, for Reset to offer them again.

    label: what the user opened ("model cat.npz"); W, b: its parameters (read-only copies);
    iteration: its updates done; costs: (n,) its J history; evaluations: its evaluations."""

    label: str
    config: TrainConfig
    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]
    iteration: int
    costs: np.ndarray
    evaluations: tuple[Evaluation, ...] = ()


def trainer_for(origin: Origin, dataset: Dataset) -> Trainer:
    """A trainer on `dataset` at the origin's parameters and iteration. ValueError when they
    do not fit the settings and the data."""
    X, Y, _, _ = dataset.as_dtype(origin.config.dtype)
    trainer = Trainer(origin.config, X, Y)
    trainer.set_params(list(origin.W), list(origin.b))
    trainer.iteration = origin.iteration
    trainer.costs = CostLog(origin.costs[: origin.iteration])
    return trainer

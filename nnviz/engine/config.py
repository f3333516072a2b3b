"""The trainer's small value types: the run's settings, the phases of an iteration, a saved state.

TrainConfig defines a run; Phase names one step of an iteration; TrainerState is everything that
continues a run exactly (see Trainer.state / Trainer.restore_state); TrainingDiverged is raised
when the cost stops being finite. nnviz.engine.trainer re-exports all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nnviz.engine.dual import DualCheckpoint
from nnviz.engine.losses import get_loss


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a run. hidden_layers=() is logistic regression.

    dtype: the working precision, "float64" (default: reproduces the course's printed digits) or
    "float32" (half the memory for X: for datasets that would not fit in float64).
    """

    hidden_layers: tuple[int, ...] = (20, 7, 5)
    activation: str = "relu"
    loss: str = "cross-entropy"
    init: str = "course"
    seed: int = 1
    lr: float = 0.0075
    batch_size: int | None = None
    l2: float = 0.0
    dtype: str = "float64"

    def __post_init__(self) -> None:
        if not (np.isfinite(self.lr) and self.lr > 0):
            raise ValueError(f"the learning rate must be a positive number, got {self.lr}")
        if self.batch_size is not None and self.batch_size < 1:
            raise ValueError(f"the mini-batch size must be at least 1, got {self.batch_size}")
        if not (np.isfinite(self.l2) and self.l2 >= 0):
            raise ValueError(f"L2 must be zero or positive, got {self.l2}")
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype must be float32 or float64, got {self.dtype!r}")
        if self.seed < 0:
            raise ValueError(f"the seed must be zero or positive, got {self.seed}")
        get_loss(self.loss)

    def with_(self, **changes) -> TrainConfig:
        return replace(self, **changes)


@dataclass(frozen=True)
class Phase:
    """kind is "forward", "cost", "backward" or "update"; layer is l (L for cost, 0 for update)."""

    kind: str
    layer: int = 0

    def __str__(self) -> str:
        if self.kind in ("forward", "backward"):
            return f"{self.kind} through layer {self.layer}"
        return self.kind


def phases(L: int) -> list[Phase]:
    """The phases of one iteration, in order."""
    return (
        [Phase("forward", l) for l in range(1, L + 1)]
        + [Phase("cost", L)]
        + [Phase("backward", l) for l in range(L, 0, -1)]
        + [Phase("update", 0)]
    )


@dataclass(frozen=True)
class TrainerState:
    """What continues a run exactly from `iteration` (see Trainer.state / restore_state).

    weights: W[l] (n_l, n_{l-1}) private copies, except W[1] when `dual` is set: then weights[1]
    is an empty (0, 0) placeholder and dual holds layer 1 as (base, c, D) (about n_1 x m numbers
    instead of n_1 x n_x). W: the weights with W[1] materialised (one product in dual form).
    b[l]: (n_l, 1); lr: the rate in force; n_costs: how many costs the run had; order: (m,) the
    mini-batch shuffle order, cursor: the next position in it, rng: the shuffle generator's
    bit_generator.state.
    """

    iteration: int
    n_costs: int
    lr: float
    weights: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]
    order: np.ndarray
    cursor: int
    rng: dict
    dual: DualCheckpoint | None = None

    @property
    def W(self) -> tuple[np.ndarray, ...]:
        if self.dual is None or not self.weights:
            return self.weights
        return (self.weights[0], self.dual.W1(), *self.weights[2:])

    @property
    def nbytes(self) -> int:
        """Bytes of this state's own arrays (a dual base is shared between states: not counted)."""
        own = sum(a.nbytes for a in (*self.weights, *self.b, self.order))
        return own + (self.dual.D.nbytes if self.dual is not None else 0)


class TrainingDiverged(ArithmeticError):
    """The cost became inf or NaN; the trainer has gone back to the last finite iteration."""

"""Immutable views of a trainer, safe to hand from the training thread to the window.

Every array in a Snapshot is a private, read-only copy; the dataclass is frozen. Lists are
indexed by layer number like the engine's (entry 0 of W, b, dW, db is an empty placeholder).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.trainer import Phase, Trainer


def frozen_copy(a: np.ndarray | None) -> np.ndarray | None:
    """A read-only copy of `a` (None stays None)."""
    if a is None:
        return None
    c = np.array(a, copy=True)
    c.flags.writeable = False
    return c


@dataclass(frozen=True)
class Snapshot:
    """The network at one moment of training.

    W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1); dW, db: the last gradients (empty (0, 0) before the first
    backward pass); z_out: (m,) Z[L] of the last forward pass over the batch (empty before one);
    cost: J of the last iteration (None before one).
    """

    iteration: int
    layer_dims: tuple[int, ...]
    activation: str
    loss: str
    lr: float
    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]
    dW: tuple[np.ndarray, ...]
    db: tuple[np.ndarray, ...]
    z_out: np.ndarray
    cost: float | None
    phase: Phase | None = None

    @property
    def L(self) -> int:
        return len(self.layer_dims) - 1


def take_snapshot(t: Trainer, with_grads: bool = True) -> Snapshot:
    """Copy what the window needs out of a trainer (about 2 parameter sets for the cat network)."""
    L = t.arch.L
    empty = frozen_copy(np.zeros((0, 0), t.X.dtype))
    grads_ok = with_grads and t.dW[1].size > 0
    z = t.Z[L] if t.Z[L].size else np.zeros((1, 0), t.X.dtype)
    return Snapshot(
        iteration=t.iteration,
        layer_dims=t.arch.layer_dims,
        activation=t.arch.hidden,
        loss=t.loss.name,
        lr=t.lr,
        W=tuple(frozen_copy(w) for w in t.W),
        b=tuple(frozen_copy(v) for v in t.b),
        dW=tuple(frozen_copy(g) if grads_ok else empty for g in t.dW),
        db=tuple(frozen_copy(g) if grads_ok else empty for g in t.db),
        z_out=frozen_copy(z.reshape(-1)),
        cost=t.costs[-1] if t.costs else None,
        phase=t.phase,
    )

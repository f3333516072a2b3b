"""Immutable views of a trainer, safe to hand from the training thread to the window.

Every array in a Snapshot is a private, read-only copy; the dataclass is frozen. Lists are
indexed by layer number like the engine's (entry 0 of W, b, dW, db is an empty placeholder).

A snapshot describes one set of parameters, the course's "iteration i" (the network after i
updates): its J, z_out and gradients are those of these parameters, or empty / None where they
are not computed yet (before the cost phase, or a layer the backward pass has not reached).
Nothing in it belongs to the parameters before or after.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import overload

import numpy as np

from nnviz.engine.dual import FrozenLayer1
from nnviz.engine.network import backward, forward, l2_cost
from nnviz.engine.trainer import Phase, Trainer


@overload
def frozen_copy(a: np.ndarray) -> np.ndarray: ...
@overload
def frozen_copy(a: None) -> None: ...
def frozen_copy(a: np.ndarray | None) -> np.ndarray | None:
    """A read-only copy of `a` (None stays None)."""
    if a is None:
        return None
    c = np.array(a, copy=True)
    c.flags.writeable = False
    return c


@dataclass(frozen=True)
class Snapshot:
    """The network after `iteration` updates.

    W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1); dW[l], db[l]: the gradient of J at these parameters
    (empty (0, 0) where not computed; in the update phase, the gradients that update
    applied, of the parameters before it); z_out: (m,) Z[L] of these parameters over the
    batch (empty when not computed); cost: J of these parameters, L2 term included (None
    when not computed);
    phase: the phase just run when stepping phase by phase (None between iterations);
    l2: the L2 strength lambda in force.
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
    l2: float = 0.0

    @property
    def L(self) -> int:
        return len(self.layer_dims) - 1

    def has_grad(self, l: int) -> bool:
        """True when dW[l], db[l] hold the gradient at these parameters."""
        return 0 < l < len(self.dW) and self.dW[l].size > 0


def _known(t: Trainer) -> tuple[float | None, int, bool]:
    """(J, first layer whose gradient is current, z_out current) for t's current parameters."""
    L, ph = t.arch.L, t.phase
    if ph is not None and ph.kind == "update":  # the step just taken: the gradients it applied
        return None, 1, False
    cost = t.costs.get(t.iteration)
    if ph is None or ph.kind == "forward":
        return (cost if ph is None else None), L + 1, False
    return cost, (ph.layer if ph.kind == "backward" else L + 1), True


def take_snapshot(t: Trainer, with_grads: bool = True) -> Snapshot:
    """Copy what the window needs out of a trainer (about 2 parameter sets for the cat network).

    Only what describes the current parameters is kept: between iterations that is W and b (and
    J when the trainer already knows it); mid-iteration also z_out, J and the gradients of the
    layers the backward pass has done."""
    return _take(t, with_grads, deferred=False).finish()


def take_draft(t: Trainer, with_grads: bool = True) -> Draft:
    """take_snapshot(t, with_grads) with W[1] and dW[1] still to build in dual form: the
    training thread copies only (c, D, dZ[1]), n_1 x m numbers, and Draft.finish() builds the
    two n_1 x n_x matrices (one product each) on whichever thread calls it."""
    return _take(t, with_grads, deferred=True)


@dataclass(frozen=True, eq=False)
class Draft:
    """A Snapshot whose layer 1 (W[1], and dW[1] when grad1) is still to build from layer1."""

    snapshot: Snapshot
    layer1: FrozenLayer1 | None
    grad1: bool

    def finish(self) -> Snapshot:
        """The Snapshot, with W[1] and dW[1] built (read-only, new arrays)."""
        s, f = self.snapshot, self.layer1
        if f is None:
            return s
        W, dW = list(s.W), list(s.dW)
        w, g = f.both() if self.grad1 else (f.W1(), None)
        W[1] = _frozen(w)
        if g is not None:
            dW[1] = _frozen(g)
        return replace(s, W=tuple(W), dW=tuple(dW))


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _take(t: Trainer, with_grads: bool, deferred: bool) -> Draft:
    L = t.arch.L
    empty = frozen_copy(np.zeros((0, 0), t.X.dtype))
    cost, first_grad, z_ok = _known(t)
    z = t.Z[L] if z_ok and t.Z[L].size else np.zeros((1, 0), t.X.dtype)
    want_grads = with_grads and first_grad <= L
    layer1, W, dW = t.deferred() if deferred else (None, None, None)
    # t.dW and t.W may be built on demand (the dual form's layer 1): ask each once, and dW only
    # when some layer's gradient describes these parameters
    if layer1 is None:
        W = list(t.W)
        dW = list(t.dW) if want_grads else [empty] * (L + 1)
    elif not want_grads:
        dW = [empty] * (L + 1)
    assert W is not None and dW is not None
    grad1 = want_grads and layer1 is not None and first_grad <= 1 and layer1.grad is not None
    db = t.db
    grads = [first_grad <= l <= L and (dW[l].size > 0 or (l == 1 and grad1)) for l in range(L + 1)]
    if t.phase is not None and t.phase.kind == "update":
        cost = side_cost(t)  # J of the parameters the update just made
    snap = Snapshot(
        iteration=t.iteration,
        layer_dims=t.arch.layer_dims,
        activation=t.arch.hidden,
        loss=t.loss.name,
        lr=t.lr,
        W=tuple(frozen_copy(w) for w in W),
        b=tuple(frozen_copy(v) for v in t.b),
        dW=tuple(frozen_copy(dW[l]) if grads[l] else empty for l in range(L + 1)),
        db=tuple(frozen_copy(db[l]) if grads[l] else empty for l in range(L + 1)),
        z_out=frozen_copy(z.reshape(-1)),
        cost=cost,
        phase=t.phase,
        l2=float(t.config.l2),
    )
    return Draft(snap, layer1, grad1)


def _full_batch(t: Trainer) -> bool:
    return t.config.batch_size is None or t.config.batch_size >= t.m


def side_cost(t: Trainer) -> float | None:
    """J of t's current parameters (L2 included) computed on the side, t unchanged: over all of
    X with full batches, else t.cost_now() where the trainer offers it (None otherwise)."""
    cost: float | None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        cost_now = getattr(t, "cost_now", None)
        if cost_now is not None:  # the trainer's own (in the dual form: no pass over X)
            cost = cost_now()
        elif _full_batch(t):
            W, L = list(t.W), t.arch.L
            Z, A = forward(t.arch, W, list(t.b), t.X)
            cost = t.loss.cost(Z[L], A[L], t.Y) + l2_cost(W, t.config.l2, t.m)
        else:
            cost = None
    return None if cost is None or not np.isfinite(cost) else float(cost)


def settled_snapshot(t: Trainer) -> Snapshot:
    """A snapshot of t between iterations with J, z_out and every gradient of its current
    parameters, computed on the side (t is not changed): what a paused window shows.

    Full batch: forward and backward over all of X. Mini-batches: J from t.cost_now() when the
    trainer offers it (the batch the next iteration uses); the gradients stay empty."""
    if t.mid_iteration:
        return take_snapshot(t)
    cfg, L = t.config, t.arch.L
    cost: float | None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if _full_batch(t):  # at rest only: one forward and backward pass on the side
            W, b = list(t.W), list(t.b)
            Z, A = forward(t.arch, W, b, t.X)
            cost = t.loss.cost(Z[L], A[L], t.Y) + l2_cost(W, cfg.l2, t.m)
            g = backward(t.arch, W, Z, A, t.Y, t.loss, cfg.l2)
            dW, db, z = g["dW"], g["db"], Z[L]
        else:
            cost = side_cost(t)
            e = np.zeros((0, 0), t.X.dtype)
            dW, db, z = [e] * (L + 1), [e] * (L + 1), np.zeros((1, 0), t.X.dtype)
    base = take_snapshot(t, with_grads=False)
    return Snapshot(
        **{
            **base.__dict__,
            "dW": tuple(frozen_copy(g) for g in dW),
            "db": tuple(frozen_copy(g) for g in db),
            "z_out": frozen_copy(np.asarray(z).reshape(-1)),
            "cost": None if cost is None or not np.isfinite(cost) else float(cost),
        }
    )

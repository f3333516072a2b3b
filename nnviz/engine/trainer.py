"""Gradient descent you can step through: one phase, one iteration, or many, stoppable in between.

An iteration is one parameter update (full batch, or one mini-batch) and runs these phases:
forward through layer 1..L, cost, backward through layer L..1, update. The cost recorded for
iteration i is computed before that iteration's update, as the course prints it.

Layer 1 runs in one of two forms (Trainer.form, chosen by nnviz.engine.dual.choose_form):
"primal" keeps W[1] and reads X twice an iteration; "dual" keeps W[1] = c W0 - D X^T and works
from the Gram matrix X^T X (see nnviz.engine.dual), building W[1] and dW[1] only when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.activations import Activation
from nnviz.engine.batches import MiniBatches
from nnviz.engine.config import Phase, TrainConfig, TrainerState, TrainingDiverged, phases
from nnviz.engine.costlog import CostLog
from nnviz.engine.divergence import divergence_message
from nnviz.engine.dual import DualBase, DualLayer, FrozenLayer1, choose_form
from nnviz.engine.init import initialize
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, backward_layer, chunk_rows, gd_update, squared_norm
from nnviz.engine.params import ParamsMixin

__all__ = ["Phase", "TrainConfig", "Trainer", "TrainerState", "TrainingDiverged", "phases"]


@dataclass
class Trainer(ParamsMixin):
    """Owns the parameters and the live arrays of the iteration in progress.

    X: (n_x, m), Y: (1, m). After forward through layer l, Z[l] and A[l] hold this iteration's
    values; after backward through layer l, dZ[l], dW[l], db[l] (and dA[l-1]) do. W, dW and A are
    lists built on each access in dual form (W[1], dW[1], a mini-batch's A[0] computed on demand,
    once per update): change parameters with set_params, not by writing into them.
    form: "auto" (choose), "dual" or "primal"; afterwards the form in use.
    """

    config: TrainConfig
    X: np.ndarray
    Y: np.ndarray
    iteration: int = 0
    costs: CostLog = field(default_factory=CostLog)
    phase: Phase | None = None
    form: str = "auto"

    def __post_init__(self) -> None:
        self.costs = CostLog(self.costs)
        dt = np.dtype(self.config.dtype)
        self.X = np.ascontiguousarray(self.X, dtype=dt)
        self.Y = np.ascontiguousarray(self.Y, dtype=dt).reshape(1, -1)
        if self.X.shape[1] != self.Y.shape[1]:
            raise ValueError(f"X has {self.X.shape[1]} examples but Y has {self.Y.shape[1]}")
        cfg = self.config
        self.arch = Architecture.from_hidden(self.X.shape[0], cfg.hidden_layers, cfg.activation)
        self.loss = get_loss(cfg.loss)
        self.lr = float(cfg.lr)
        L, n = self.arch.L, self.arch.layer_dims
        if self.form == "auto":
            self.form, self.form_reason = choose_form(
                n[0], self.m, n[1], dt.itemsize, cfg.batch_size, cfg.l2
            )
        elif self.form in ("dual", "primal"):
            self.form_reason = "asked for"
        else:
            raise ValueError(f"form must be auto, dual or primal, got {self.form!r}")
        self._W, self.b = initialize(n, cfg.init, cfg.seed, dt)
        self._d: DualLayer | None = None  # built on first use (it computes X^T X)
        self._first_W = self._W[1]  # dual form: layer 1's W until the dual layer is built
        self._prev = ([w.copy() for w in self._W], [v.copy() for v in self.b])
        self._tmp = [np.empty_like(w[: chunk_rows(w)]) for w in self._W]
        # g[l] of each layer (entry 0, the input, has none: the output's sigmoid stands in)
        self._g: list[Activation] = [self.arch.activation(max(l, 1)) for l in range(L + 1)]
        self._phases = phases(L)
        self._batches = MiniBatches(self.m, cfg.batch_size, cfg.seed)
        size = 0 if self._batches.full or cfg.batch_size is None else n[0] * cfg.batch_size
        self._buf = np.empty(size, dt)
        self._clear_live()

    # ----- what the rest of the app reads -----
    @property
    def m(self) -> int:
        return self.X.shape[1]

    @property
    def mid_iteration(self) -> bool:
        return self._gen is not None

    @property
    def dual(self) -> bool:
        return self.form == "dual"

    @property
    def W(self) -> list[np.ndarray]:
        """W[l]: (n_l, n_{l-1}); in dual form W[1] is built on demand (one product per update)."""
        if not self.dual or self._d is None:  # before the dual layer exists _W[1] is W[1]
            return self._W
        return [self._W[0], self._d.W1(), *self._W[2:]]

    @property
    def dW(self) -> list[np.ndarray]:
        """The last backward pass's dW[l]; in dual form dW[1] is built on demand."""
        if not self.dual or self._d is None:
            return self._dW
        g = self._d.dW1()
        return [self._dW[0], self._empty if g is None else g, *self._dW[2:]]

    def deferred(self) -> tuple[FrozenLayer1 | None, list[np.ndarray], list[np.ndarray]]:
        """(layer 1 frozen, W, dW) with W[1] and dW[1] left empty in dual form, for building
        them later on another thread (FrozenLayer1.W1 / dW1); in primal form (None, W, dW)."""
        if not self.dual or self._d is None:
            return None, self._W, self._dW
        e = self._empty
        return self._d.frozen(), [e, e, *self._W[2:]], [e, e, *self._dW[2:]]

    @property
    def A(self) -> list[np.ndarray]:
        """A[0] is the iteration's batch of X (gathered on demand in dual form), A[l] = g(Z[l])."""
        if self.dual and self._idx is not None and self._A[0].shape[1] != self._idx.size:
            self._A[0] = np.ascontiguousarray(self.X[:, self._idx])
        return self._A

    def _layer1(self) -> DualLayer:
        if self._d is None:
            self._d = DualLayer(DualBase.build(self.X, self._first_W))
            self._W[1] = self._prev[0][1] = self._empty
        return self._d

    def _clear_live(self) -> None:
        e, n = np.zeros((0, 0), self.X.dtype), self.arch.L + 1
        self._empty = e
        self.Z, self.dZ, self._dW, self.db = [e] * n, [e] * n, [e] * n, [e] * n
        self._A = [self.X] + [e] * (n - 1)
        self.dA: list[np.ndarray | None] = [None] * n
        self.Y_batch = self.Y
        self._idx: np.ndarray | None = None
        self._gen: Iterator[Phase] | None = None
        self._cost_done = False
        if self._d is not None:
            self._d.clear_grad()

    # ----- one iteration -----
    def _batch(self, idx: np.ndarray | None, fresh: bool) -> np.ndarray | None:
        """X's batch columns for the primal form (the reused buffer unless fresh); None in dual."""
        if self.dual or idx is None:
            return None if self.dual else self.X
        if fresh:
            return np.take(self.X, idx, axis=1)
        out = self._buf[: self.X.shape[0] * idx.size].reshape(self.X.shape[0], idx.size)
        return np.take(self.X, idx, axis=1, out=out, mode="clip")

    def _first(self, idx: np.ndarray | None, Xb: np.ndarray | None) -> tuple:
        """Layer 1 forward: (Z_lin = W[1] X_batch or None in primal form, Z[1], A[1])."""
        if self.dual:
            Z_lin = self._layer1().forward(idx)
            Z = Z_lin + self.b[1]
        else:
            Z_lin, Z = None, self._W[1] @ Xb
            Z += self.b[1]
        return Z_lin, Z, self._g[1].f(Z)

    def _cost(self, ZL, AL, Y, idx, Z_lin) -> float:
        """J on the batch, with the L2 term (l2 / 2b) sum_l ||W[l]||^2."""
        cost = self.loss.cost(ZL, AL, Y)
        if self.config.l2:
            first = self._layer1().norm2(idx, Z_lin) if self.dual else squared_norm(self._W[1])
            rest = [squared_norm(w) for w in self._W[2:]]
            cost += self.config.l2 / (2 * Y.shape[1]) * sum([first, *rest])
        return cost

    def _iteration(self) -> Iterator[Phase]:
        L, g, ph, l2 = self.arch.L, self._g, self._phases, self.config.l2
        self._cost_done = False
        idx = self._idx = self._batches.next()
        Xb = self._batch(idx, fresh=False)
        Y = self.Y_batch = self.Y if idx is None else self.Y[:, idx]
        self._A[0] = self.X if Xb is None else Xb
        Z_lin, self.Z[1], self._A[1] = self._first(idx, Xb)
        yield ph[0]
        for l in range(2, L + 1):
            self.Z[l] = self._W[l] @ self._A[l - 1]
            self.Z[l] += self.b[l]
            self._A[l] = g[l].f(self.Z[l])
            yield ph[l - 1]
        cost = self._cost(self.Z[L], self._A[L], Y, idx, Z_lin)
        if not np.isfinite(cost):
            self._diverged(cost)
        self.costs.append(cost)
        self._cost_done = True
        yield ph[L]
        self.dA[L] = self.loss.dA(self._A[L], Y)
        for l in range(L, 0, -1):
            if l == L:
                self.dZ[l] = self.loss.dZ(self.Z[L], self._A[L], Y)
            else:
                self.dZ[l] = self.dA[l] * g[l].grad(self.Z[l])
            if l == 1 and self.dual:
                self.db[1] = self.dZ[1].sum(axis=1, keepdims=True)
                self.db[1] *= 1.0 / Y.shape[1]
                self._layer1().backward(self.dZ[1], idx, l2)
            else:
                self._dW[l], self.db[l], self.dA[l - 1] = backward_layer(
                    self.dZ[l], self._A[l - 1], self._W[l], l2, need_dA_prev=l > 1
                )
            yield ph[2 * L + 1 - l]
        self._update()
        self.iteration += 1
        yield ph[-1]

    def _update(self) -> None:
        """W := W - alpha dW into the spare buffers, then swap: the previous parameters stay."""
        (pW, pb), lr = self._prev, self.lr
        for l in range(1, self.arch.L + 1):
            if l == 1 and self.dual:
                self._layer1().update(lr, self.config.l2)
            else:
                gd_update(self._W[l], self._dW[l], lr, pW[l], self._tmp[l])
            np.subtract(self.b[l], lr * self.db[l], out=pb[l])
        self._prev = (self._W, self.b)
        self._W, self.b = pW, pb

    def _diverged(self, cost: float) -> None:
        i = self.iteration
        self._gen = None
        self.phase = None
        what = "NaN" if np.isnan(cost) else "inf"
        if i == 0:
            raise TrainingDiverged(f"cost is {what} at iteration 0: check the input data")
        pW, pb = self._prev
        self._prev = ([w.copy() for w in pW], [v.copy() for v in pb])
        self._W, self.b = pW, pb
        if self.dual:
            self._layer1().rollback()
        self.iteration = i - 1
        del self.costs[i - 1 :]
        n, mini = self._batches.size or self.m, not self._batches.full  # examples an update
        raise TrainingDiverged(divergence_message(what, i, self.lr, self.config.l2, n, mini))

    def _next_phase(self) -> Phase:
        if self._gen is None:
            self._gen = self._iteration()
        try:
            self.phase = next(self._gen)
        except BaseException:
            self._gen = None
            raise
        if self.phase.kind == "update":
            self._gen = None
        return self.phase

    def step_phase(self) -> Phase:
        """Run the next phase of the current iteration (starting one if needed) and return it."""
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported, not warned
            return self._next_phase()

    def step(self) -> float:
        """Finish the current iteration (or run a whole one); returns its cost."""
        with np.errstate(over="ignore", invalid="ignore"):
            while self._next_phase().kind != "update":
                pass
        return float(self.costs.view()[-1])

    def run(
        self,
        iterations: int,
        should_stop: Callable[[], bool] | None = None,
        on_iteration: Callable[[Trainer], None] | None = None,
    ) -> int:
        """Run up to `iterations` iterations, checking should_stop() between them; how many ran."""
        done = 0
        while done < iterations and not (should_stop and should_stop()):
            self.step()
            done += 1
            if on_iteration:
                on_iteration(self)
        return done

    def cost_now(self) -> float:
        """J (L2 term included) of the current parameters on the batch the next iteration uses,
        changing nothing: equal, bit for bit, to what that iteration's cost phase records. Mid-
        iteration, the cost of the iteration in progress (the recorded one once its cost phase
        ran). Cheap in dual form (no pass over X); may be inf or NaN (nothing is raised)."""
        if self.mid_iteration and self._cost_done:
            return float(self.costs.view()[-1])
        idx = self._idx if self.mid_iteration else self._batches.peek()
        Y = self.Y if idx is None else self.Y[:, idx]
        with np.errstate(over="ignore", invalid="ignore"):
            Z_lin, Z, A = self._first(idx, self._batch(idx, fresh=True))
            for l in range(2, self.arch.L + 1):
                Z = self._W[l] @ A
                Z += self.b[l]
                A = self._g[l].f(Z)
            return self._cost(Z, A, Y, idx, Z_lin)

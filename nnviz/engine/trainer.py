"""Gradient descent you can step through: one phase, one iteration, or many, stoppable in between.

An iteration is one parameter update (full batch, or one mini-batch) and runs these phases:
forward through layer 1..L, cost, backward through layer L..1, update. The cost recorded for
iteration i is computed before that iteration's update, as the course prints it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from nnviz.engine.costlog import CostLog
from nnviz.engine.init import initialize
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, backward_layer, forward_layer, l2_cost


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a run. hidden_layers=() is logistic regression."""

    hidden_layers: tuple[int, ...] = (20, 7, 5)
    activation: str = "relu"
    loss: str = "cross-entropy"
    init: str = "course"
    seed: int = 1
    lr: float = 0.0075
    batch_size: int | None = None
    l2: float = 0.0
    dtype: str = "float32"

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


@dataclass(frozen=True)
class TrainerState:
    """What continues a run exactly from `iteration` (see Trainer.state / restore_state).

    W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1) private copies; lr: the rate in force; n_costs: how many
    costs the run had; order: (m,) the mini-batch shuffle order, cursor: the next position in it,
    rng: the shuffle generator's bit_generator.state.
    """

    iteration: int
    n_costs: int
    lr: float
    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]
    order: np.ndarray
    cursor: int
    rng: dict

    @property
    def nbytes(self) -> int:  # parameters and shuffle order
        return sum(a.nbytes for a in (*self.W, *self.b, self.order))


class TrainingDiverged(ArithmeticError):
    """The cost became inf or NaN; the trainer has gone back to the last finite iteration."""


def _chunk_rows(W: np.ndarray, target_bytes: int = 256 * 1024) -> int:
    """Rows of W per update block: about 256 KB, so an update's passes stay in cache."""
    if W.size == 0:
        return 1
    return max(1, min(W.shape[0], target_bytes // (W.shape[1] * W.itemsize)))


def phases(L: int) -> list[Phase]:
    """The phases of one iteration, in order."""
    return (
        [Phase("forward", l) for l in range(1, L + 1)]
        + [Phase("cost", L)]
        + [Phase("backward", l) for l in range(L, 0, -1)]
        + [Phase("update", 0)]
    )


@dataclass
class Trainer:
    """Owns the parameters and the live arrays of the iteration in progress.

    X: (n_x, m), Y: (1, m). After forward through layer l, Z[l] and A[l] hold this iteration's
    values; after backward through layer l, dZ[l], dW[l], db[l] (and dA[l-1]) do.
    """

    config: TrainConfig
    X: np.ndarray
    Y: np.ndarray
    iteration: int = 0
    costs: CostLog = field(default_factory=CostLog)
    phase: Phase | None = None

    def __post_init__(self) -> None:
        self.costs = CostLog(self.costs)
        dt = np.dtype(self.config.dtype)
        self.X = np.ascontiguousarray(self.X, dtype=dt)
        self.Y = np.ascontiguousarray(self.Y, dtype=dt).reshape(1, -1)
        if self.X.shape[1] != self.Y.shape[1]:
            raise ValueError(f"X has {self.X.shape[1]} examples but Y has {self.Y.shape[1]}")
        self.arch = Architecture.from_hidden(
            self.X.shape[0], self.config.hidden_layers, self.config.activation
        )
        self.loss = get_loss(self.config.loss)
        self.lr = float(self.config.lr)
        self.W, self.b = initialize(self.arch.layer_dims, self.config.init, self.config.seed, dt)
        self._prev = ([w.copy() for w in self.W], [v.copy() for v in self.b])
        self._tmp = [np.empty_like(w[: _chunk_rows(w)]) for w in self.W]
        L = self.arch.L
        self._g = [self.arch.activation(l) if l else None for l in range(L + 1)]
        self._phases = phases(L)
        empty = np.zeros((0, 0), dt)
        self.Z: list[np.ndarray] = [empty] * (L + 1)
        self.A: list[np.ndarray] = [self.X] + [empty] * L
        self.dA: list[np.ndarray | None] = [None] * (L + 1)
        self.dZ: list[np.ndarray] = [empty] * (L + 1)
        self.dW: list[np.ndarray] = [empty] * (L + 1)
        self.db: list[np.ndarray] = [empty] * (L + 1)
        self.Y_batch = self.Y
        self._gen: Iterator[Phase] | None = None
        self._order = np.arange(self.m)
        self._cursor = self.m
        self._shuffle_rng = np.random.default_rng([self.config.seed, 1])

    @property
    def m(self) -> int:
        return self.X.shape[1]

    @property
    def mid_iteration(self) -> bool:
        return self._gen is not None

    def _next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        bs = self.config.batch_size
        if bs is None or bs >= self.m:
            return self.X, self.Y
        if self._cursor >= self.m:
            self._order = self._shuffle_rng.permutation(self.m)
            self._cursor = 0
        idx = np.sort(self._order[self._cursor : self._cursor + bs])
        self._cursor += bs
        return np.ascontiguousarray(self.X[:, idx]), self.Y[:, idx]

    def _iteration(self) -> Iterator[Phase]:
        L, g, ph = self.arch.L, self._g, self._phases
        X, Y = self._next_batch()
        self.A[0], self.Y_batch = X, Y
        for l in range(1, L + 1):
            self.Z[l], self.A[l] = forward_layer(self.W[l], self.b[l], self.A[l - 1], g[l])
            yield ph[l - 1]
        cost = self.loss.cost(self.Z[L], self.A[L], Y) + l2_cost(self.W, self.config.l2, Y.shape[1])
        if not np.isfinite(cost):
            self._diverged(cost)
        self.costs.append(cost)
        yield ph[L]
        self.dA[L] = self.loss.dA(self.A[L], Y)
        for l in range(L, 0, -1):
            if l == L:
                self.dZ[l] = self.loss.dZ(self.Z[L], self.A[L], Y)
            else:
                self.dZ[l] = self.dA[l] * g[l].grad(self.Z[l])
            self.dW[l], self.db[l], self.dA[l - 1] = backward_layer(
                self.dZ[l], self.A[l - 1], self.W[l], self.config.l2, need_dA_prev=l > 1
            )
            yield ph[2 * L + 1 - l]
        self._update()
        self.iteration += 1
        yield ph[-1]

    def _update(self) -> None:
        """W := W - alpha dW into the spare buffers, then swap: the previous parameters stay."""
        (pW, pb), lr = self._prev, self.lr
        for l in range(1, self.arch.L + 1):
            W, dW, tmp, out = self.W[l], self.dW[l], self._tmp[l], pW[l]
            k = tmp.shape[0]
            for s in range(0, W.shape[0], k):  # row blocks that stay in cache
                t = tmp[: min(k, W.shape[0] - s)]
                np.multiply(dW[s : s + k], lr, out=t)
                np.subtract(W[s : s + k], t, out=out[s : s + k])
            np.subtract(self.b[l], lr * self.db[l], out=pb[l])
        self._prev = (self.W, self.b)
        self.W, self.b = pW, pb

    def _diverged(self, cost: float) -> None:
        i = self.iteration
        self._gen = None
        self.phase = None
        what = "NaN" if np.isnan(cost) else "inf"
        if i == 0:
            raise TrainingDiverged(f"cost is {what} at iteration 0: check the input data")
        self.set_params(*self._prev)
        self.iteration = i - 1
        del self.costs[i - 1 :]
        raise TrainingDiverged(
            f"cost became {what} at iteration {i}: the learning rate {self.lr:g} is too large "
            f"(kept the parameters of iteration {i - 1}; try a smaller rate)"
        )

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
        return self.costs[-1]

    def run(
        self,
        iterations: int,
        should_stop: Callable[[], bool] | None = None,
        on_iteration: Callable[[Trainer], None] | None = None,
    ) -> int:
        """Run up to `iterations` iterations, checking should_stop() between them.

        Returns how many ran."""
        done = 0
        while done < iterations and not (should_stop and should_stop()):
            self.step()
            done += 1
            if on_iteration:
                on_iteration(self)
        return done

    def set_params(self, W: list[np.ndarray], b: list[np.ndarray]) -> None:
        """Replace the parameters (copied, cast to the dtype); abandons a started iteration."""
        dt = self.X.dtype
        dims = self.arch.layer_dims
        for l in range(1, self.arch.L + 1):
            if W[l].shape != (dims[l], dims[l - 1]) or b[l].shape != (dims[l], 1):
                raise ValueError(
                    f"layer {l}: expected W{l} {(dims[l], dims[l - 1])} and b{l} {(dims[l], 1)}, "
                    f"got {W[l].shape} and {b[l].shape}"
                )
        self.W = [np.array(w, dtype=dt, order="C") for w in W]
        self.b = [np.array(v, dtype=dt, order="C") for v in b]
        self._prev = ([w.copy() for w in self.W], [v.copy() for v in self.b])
        self._gen = None
        self.phase = None

    def state(self, params: bool = True) -> TrainerState:
        """A copy of everything the next iterations depend on (between iterations only);
        params=False leaves W and b empty (just the cheap mini-batch order)."""
        if self.mid_iteration:
            raise RuntimeError(
                f"Trainer.state(): iteration {self.iteration} is half done; finish it first"
            )
        return TrainerState(
            iteration=self.iteration,
            n_costs=len(self.costs),
            lr=self.lr,
            W=tuple(w.copy() for w in self.W) if params else (),
            b=tuple(v.copy() for v in self.b) if params else (),
            order=self._order.copy(),
            cursor=self._cursor,
            rng=copy.deepcopy(self._shuffle_rng.bit_generator.state),
        )

    def restore_state(self, s: TrainerState, costs: Sequence[float] | None = None) -> None:
        """Continue from `s` (same config and data): the next step() is iteration s.iteration.

        costs: the run's cost history (its first s.n_costs become this trainer's); None keeps
        this trainer's own list cut to s.n_costs. The last iteration's live arrays are cleared.
        """
        if s.order.shape != (self.m,) or (costs is not None and len(costs) < s.n_costs):
            raise ValueError(f"restore_state: iteration {s.iteration}'s state is for other data")
        self.set_params(list(s.W), list(s.b))
        self.iteration, self.lr = s.iteration, s.lr
        self.costs = CostLog(costs[: s.n_costs] if costs is not None else self.costs[: s.n_costs])
        self._order, self._cursor = s.order.copy(), s.cursor
        self._shuffle_rng.bit_generator.state = copy.deepcopy(s.rng)
        e, n = np.zeros((0, 0), self.X.dtype), self.arch.L + 1
        self.Z, self.dZ, self.dW, self.db = [e] * n, [e] * n, [e] * n, [e] * n
        self.A, self.dA, self.Y_batch = [self.X] + [e] * (n - 1), [None] * n, self.Y

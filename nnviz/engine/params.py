"""The trainer's parameters and saved states: set_params, state, restore_state (a mixin).

Split from nnviz.engine.trainer (which it serves: it reads the Trainer's private fields). In dual
form a state keeps layer 1 as (base, c, D) (see nnviz.engine.dual and TrainerState); restoring
a state of the same data continues on its base, bit for bit; anything else that sets W[1] starts
a new base.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from nnviz.engine.batches import MiniBatches
from nnviz.engine.config import Phase, TrainerState
from nnviz.engine.costlog import CostLog
from nnviz.engine.dual import DualLayer
from nnviz.engine.network import Architecture


class ParamsMixin:
    """set_params / state / restore_state / restore_shuffle of nnviz.engine.trainer.Trainer."""

    # The Trainer's fields this mixin works on (set by Trainer.__post_init__; declared here for
    # the type checker).
    X: np.ndarray
    arch: Architecture
    b: list[np.ndarray]
    costs: CostLog
    iteration: int
    lr: float
    phase: Phase | None
    _W: list[np.ndarray]
    _d: DualLayer | None
    _first_W: np.ndarray
    _empty: np.ndarray
    _prev: tuple[list[np.ndarray], list[np.ndarray]]
    _gen: Iterator[Phase] | None
    _batches: MiniBatches

    if TYPE_CHECKING:

        @property
        def m(self) -> int: ...
        @property
        def mid_iteration(self) -> bool: ...
        @property
        def dual(self) -> bool: ...
        def _layer1(self) -> DualLayer: ...
        def _clear_live(self) -> None: ...

    def set_params(self, W: list[np.ndarray], b: list[np.ndarray]) -> None:
        """Replace the parameters (copied, cast to the dtype); abandons a started iteration.
        In dual form W[1] becomes a new base (W0 := W[1], c = 1, D = 0)."""
        dt, dims = self.X.dtype, self.arch.layer_dims
        for l in range(1, self.arch.L + 1):
            if W[l].shape != (dims[l], dims[l - 1]) or b[l].shape != (dims[l], 1):
                raise ValueError(
                    f"layer {l}: expected W{l} {(dims[l], dims[l - 1])} and b{l} {(dims[l], 1)}, "
                    f"got {W[l].shape} and {b[l].shape}"
                )
        self._W = [np.array(w, dtype=dt, order="C") for w in W]
        self.b = [np.array(v, dtype=dt, order="C") for v in b]
        if self.dual:
            if self._d is None:
                self._first_W = self._W[1]
            else:
                self._d.reset(self._W[1])
                self._W[1] = self._empty
        self._prev = ([w.copy() for w in self._W], [v.copy() for v in self.b])
        self._gen = None
        self.phase = None

    def state(self, params: bool = True) -> TrainerState:
        """A copy of everything the next iterations depend on (between iterations only);
        params=False leaves W and b empty (just the cheap mini-batch order). In dual form layer
        1 is kept as (base, c, D): see TrainerState."""
        if self.mid_iteration:
            raise RuntimeError(
                f"Trainer.state(): iteration {self.iteration} is half done; finish it first"
            )
        order, cursor, rng = self._batches.state()
        dual = self._layer1().checkpoint() if params and self.dual else None
        return TrainerState(
            iteration=self.iteration,
            n_costs=len(self.costs),
            lr=self.lr,
            weights=tuple(w.copy() for w in self._W) if params else (),
            b=tuple(v.copy() for v in self.b) if params else (),
            order=order,
            cursor=cursor,
            rng=rng,
            dual=dual,
        )

    def restore_state(self, s: TrainerState, costs: Sequence[float] | None = None) -> None:
        """Continue from `s` (same config and data): the next step() is iteration s.iteration.

        costs: the run's cost history (its first s.n_costs become this trainer's, as far as it
        keeps them: see CostLog.cut); None keeps this trainer's own log cut to s.n_costs. The
        last iteration's live arrays are cleared. A dual state on this trainer's data continues
        on its base (bit for bit); otherwise W[1] is materialised and, in dual form, starts a
        new base.
        """
        if s.order.shape != (self.m,):
            raise ValueError(f"restore_state: iteration {s.iteration}'s state is for other data")
        X0 = None if s.dual is None else s.dual.base.X
        same = X0 is not None and (
            X0 is self.X or (X0.shape == self.X.shape and np.array_equal(X0, self.X))
        )
        if self.dual and same:
            self._restore_layers(s)
        else:
            self.set_params(list(s.W), list(s.b))
        self.iteration, self.lr = s.iteration, s.lr
        log = self.costs if costs is None else costs
        self.costs = (log if isinstance(log, CostLog) else CostLog(log)).cut(s.n_costs)
        self._batches.restore(s.order, s.cursor, s.rng)
        self._clear_live()

    def _restore_layers(self, s: TrainerState) -> None:
        """Layers 2..L and all b from s; layer 1 from s.dual on its own base."""
        dt = self.X.dtype
        self._W = [np.array(w, dtype=dt, order="C") for w in s.weights]
        self.b = [np.array(v, dtype=dt, order="C") for v in s.b]
        if s.dual is None:
            raise ValueError("restore_state: this state keeps no dual layer")
        if self._d is None:
            self._d = DualLayer(s.dual.base)
        self._d.restore(s.dual)
        self._W[1] = self._empty
        self._prev = ([w.copy() for w in self._W], [v.copy() for v in self.b])
        self.phase = None

    def restore_shuffle(self, s: TrainerState) -> None:
        """Put only the mini-batch order, cursor and generator back as they were in s."""
        self._batches.restore(s.order, s.cursor, s.rng)

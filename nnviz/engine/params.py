"""The trainer's parameters and saved states: set_params, edit, state, restore_state (a mixin).

Split from nnviz.engine.trainer (which it serves: it reads the Trainer's private fields). In dual
form a state keeps layer 1 as (base, c, D) (see nnviz.engine.dual and TrainerState); restoring
a state of the same data continues on its base, bit for bit; anything else that sets W[1] starts
a new base (as does a hand edit of W[1]: see edit and nnviz.engine.edit).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from nnviz.engine.batches import MiniBatches
from nnviz.engine.config import Phase, TrainerState
from nnviz.engine.costlog import CostLog
from nnviz.engine.dual import DualLayer
from nnviz.engine.edit import Target, check_value
from nnviz.engine.network import Architecture


class ParamsMixin:
    """set_params / edit / state / restore_state / restore_shuffle of the Trainer."""

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
        def cost_now(self) -> float: ...

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

    def edit(self, target: Target, value: float, amend: bool = False) -> None:
        """Set one parameter by hand, as one step of the run (see nnviz.engine.edit): J of the
        parameters before is recorded as costs[i] (as iteration i's cost phase would), the
        parameter becomes `value` and iteration i becomes i + 1. amend: change the edit just
        made instead (same iteration, no new cost; a drag's later values). A started iteration
        is abandoned first (even when the edit is refused). In dual form an edit of W[1] starts
        a new base (W0 := the edited W[1], c = 1, D = 0, Z0 recomputed, G kept). ValueError
        (the parameters unchanged) for a parameter the network lacks, a value that is not a
        finite number within the limit, or one that would make J infinite."""
        target.check(self.arch.layer_dims)
        v = check_value(value)
        amend = amend and not self.mid_iteration
        J = None if amend else self.cost_now()  # iteration i's J (its cost phase's, if run)
        del self.costs[self.iteration :]  # a started iteration's cost: recorded below again
        self._clear_live()  # its live arrays describe the parameters before
        self.phase = None
        undo = self._set_one(target, v)
        if not np.isfinite(self.cost_now()):
            undo()
            raise ValueError(f"{target.label()} = {v:g} would make the cost J infinite")
        if J is not None:
            self.costs.append(J)
            self.iteration += 1

    def _set_one(self, target: Target, v: float):
        """Write v into the parameter (a new array, or a new dual base); returns the undo."""
        l, at = target.layer, target.index()
        if target.kind == "b" or l > 1 or not self.dual or self._d is None:
            arrays = self.b if target.kind == "b" else self._W
            old = arrays[l]
            new = old.copy()
            new[at] = v
            arrays[l] = new
            first = target.kind == "W" and l == 1 and self._W[1] is self._first_W
            if first and self.dual:  # before the dual layer exists, _first_W is W[1]
                self._first_W = new

            def undo() -> None:
                arrays[l] = old
                if first and self.dual:
                    self._first_W = old

            return undo
        d = self._d
        before = d.checkpoint()
        W1 = d.W1().copy()
        W1[at] = v
        d.reset(W1)
        return lambda: d.restore(before)

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

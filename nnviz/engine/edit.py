"""A hand edit of one parameter, as TensorFlow Playground lets a user type a weight.

Target names one parameter: W[l][j, k] (the weight from unit k of layer l-1 to unit j of layer l)
or b[l][j]. j and k are numpy indices (from 0); label() writes them as the course and the canvas
number units, from 1: "W[2][3,5]", "b[2][3]".

An edit is one step of the run (Trainer.edit): "iteration i" (the parameters after i updates)
becomes iteration i + 1, the edited parameters; J(i) is recorded as usual and J(i + 1) is the
cost of the edited network. It is not a gradient step, so the timeline keeps an exact checkpoint
at every edit (Timeline.record_edit) and never replays across one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

LIMIT = 1e6  # |value| at most: a larger weight only saturates every unit and overflows costs


@dataclass(frozen=True)
class Target:
    """One parameter: kind "W" (W[layer][j, k]) or "b" (b[layer][j], k unused); indices from 0."""

    kind: str
    layer: int
    j: int
    k: int = 0

    def label(self) -> str:
        """The course's name, units from 1: "W[2][3,5]" or "b[2][3]"."""
        if self.kind == "b":
            return f"b[{self.layer}][{self.j + 1}]"
        return f"W[{self.layer}][{self.j + 1},{self.k + 1}]"

    def check(self, layer_dims: Sequence[int]) -> None:
        """ValueError (saying what exists) unless the network of `layer_dims` has this one."""
        L = len(layer_dims) - 1
        if self.kind not in ("W", "b"):
            raise ValueError(f"a parameter is a weight W or a bias b, not {self.kind!r}")
        if not 1 <= self.layer <= L:
            raise ValueError(f"there is no layer {self.layer}: layers are 1 to {L}")
        n, n_prev = layer_dims[self.layer], layer_dims[self.layer - 1]
        if not 0 <= self.j < n or (self.kind == "W" and not 0 <= self.k < n_prev):
            shape = (
                f"W[{self.layer}] is {n} × {n_prev}"
                if self.kind == "W"
                else (f"b[{self.layer}] has {n} unit{'s' if n != 1 else ''}")
            )
            raise ValueError(f"{self.label()} does not exist: {shape} (units from 1)")

    def index(self) -> tuple[int, int]:
        """Its (row, column) in W[layer] or b[layer] ((n_l, 1))."""
        return (self.j, self.k) if self.kind == "W" else (self.j, 0)

    def value(self, W: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> float:
        """Its value in the parameters W, b (lists indexed by layer, as a Snapshot's)."""
        return float((W if self.kind == "W" else b)[self.layer][self.index()])


def check_value(value: float) -> float:
    """`value` as a float; ValueError with one clear message unless finite and |value| ≤ LIMIT."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"not a number: {value!r}") from None
    if not math.isfinite(v):
        raise ValueError("a weight must be a finite number")
    if abs(v) > LIMIT:
        raise ValueError(f"a weight must lie within ±{LIMIT:g}")
    return v

"""The shown example's values in every unit: z, a and dz of one column pushed through a snapshot.

No Qt here. The canvas calls `example_values` at most once per paint, and only after the snapshot or
the example changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, backward, forward
from nnviz.engine.snapshot import Snapshot


@dataclass(frozen=True)
class ExampleValues:
    """Per layer l = 0..L (entry 0 of z and dz is empty; a[0] is x): z[l], a[l], dz[l]: (n_l,).
    dz is None when the example's label y is unknown."""

    z: list[np.ndarray]
    a: list[np.ndarray]
    dz: list[np.ndarray] | None
    y: float | None

    @property
    def z_out(self) -> float:
        return float(self.z[-1][0])

    @property
    def yhat(self) -> float:
        return float(self.a[-1][0])


def check_example(x: np.ndarray, n_x: int) -> np.ndarray:
    """x as a flat (n_x,) float array; ValueError naming the shape otherwise."""
    x = np.asarray(x)
    if x.ndim == 2 and 1 in x.shape:
        x = x.reshape(-1)
    if x.shape != (n_x,):
        raise ValueError(f"the example must have shape ({n_x},) for this network, got {x.shape}")
    return x


def example_values(snap: Snapshot, x: np.ndarray, y: float | None) -> ExampleValues:
    """Forward (and, when y is known, backward with the snapshot's loss) of one column x: (n_x,)."""
    arch = Architecture(snap.layer_dims, snap.activation)
    dtype = snap.W[1].dtype
    X = check_example(x, arch.layer_dims[0]).astype(dtype).reshape(-1, 1)
    with np.errstate(all="ignore"):
        Z, A = forward(arch, snap.W, snap.b, X)
        dz = None
        if y is not None:
            Y = np.array([[float(y)]], dtype)
            grads = backward(arch, snap.W, Z, A, Y, get_loss(snap.loss))
            dz = [np.zeros(0)] + [g[:, 0].copy() for g in grads["dZ"][1:]]
    z = [np.zeros(0)] + [v[:, 0].copy() for v in Z[1:]]
    a = [v[:, 0].copy() for v in A]
    return ExampleValues(z, a, dz, None if y is None else float(y))

"""A deliberately broken backprop, for teaching: what a bug looks like in the gradient check and in
training (the window's "break backprop" switch; the engine's own backward is untouched).

The bug: layer `broken`'s dZ drops the activation's derivative, dZ[l] = dA[l] instead of
dA[l] * g'(Z[l]) (for the output layer dZ[L] = dA[L] instead of the loss's dZ[L]). Every layer
below it inherits the error through dA[l-1] = W[l]^T dZ[l].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from nnviz.engine.gradcheck_layers import Cancelled
from nnviz.engine.losses import Loss
from nnviz.engine.network import Architecture, backward_layer, forward, l2_cost


def broken_backward(
    arch: Architecture,
    W: Sequence[np.ndarray],
    Z: Sequence[np.ndarray],
    A: Sequence[np.ndarray],
    Y: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
    broken: int | None = None,
) -> dict[str, list]:
    """nnviz.engine.network.backward with layer `broken`'s g'(Z) dropped (None: correct).
    Returns {"dA", "dZ", "dW", "db"}, lists indexed by layer."""
    L = arch.L
    dA: list = [None] * (L + 1)
    dZ: list = [np.zeros((0, 0))] * (L + 1)
    dW: list = [np.zeros((0, 0))] * (L + 1)
    db: list = [np.zeros((0, 0))] * (L + 1)
    dA[L] = loss.dA(A[L], Y)
    for l in range(L, 0, -1):
        if l == broken:
            dZ[l] = dA[l]
        elif l == L:
            dZ[l] = loss.dZ(Z[L], A[L], Y)
        else:
            dZ[l] = dA[l] * arch.activation(l).grad(Z[l])
        dW[l], db[l], dA[l - 1] = backward_layer(dZ[l], A[l - 1], W[l], l2, need_dA_prev=l > 1)
    return {"dA": dA, "dZ": dZ, "dW": dW, "db": db}


def descend(
    arch: Architecture,
    W: Sequence[np.ndarray],
    b: Sequence[np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    loss: Loss,
    lr: float,
    steps: int,
    l2: float = 0.0,
    broken: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> np.ndarray:
    """Full-batch gradient descent from (W, b) with the (possibly broken) backprop, on copies:
    J before each of `steps` updates and after the last, (steps + 1,) float64 (inf once it
    overflows)."""
    W = [np.array(w, np.float64) for w in W]
    b = [np.array(v, np.float64) for v in b]
    X, Y = np.asarray(X, np.float64), np.asarray(Y, np.float64)
    costs = np.full(steps + 1, np.inf)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for i in range(steps + 1):
            Z, A = forward(arch, W, b, X)
            costs[i] = loss.cost(Z[-1], A[-1], Y) + l2_cost(W, l2, X.shape[1])
            if not np.isfinite(costs[i]) or i == steps:
                break
            g = broken_backward(arch, W, Z, A, Y, loss, l2, broken)
            for l in range(1, arch.L + 1):
                W[l] -= lr * g["dW"][l]
                b[l] -= lr * g["db"][l]
            if i % 10 == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled
                if progress is not None:
                    progress(i, steps)
    return costs

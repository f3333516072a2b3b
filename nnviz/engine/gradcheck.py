"""Gradient checking: backprop's dW, db against centred finite differences of the cost."""

from __future__ import annotations

import numpy as np

from nnviz.engine.losses import Loss
from nnviz.engine.network import Architecture, backward, forward, l2_cost


def cost_of(arch: Architecture, W, b, X, Y, loss: Loss, l2: float = 0.0) -> float:
    Z, A = forward(arch, W, b, X)
    return loss.cost(Z[-1], A[-1], Y) + l2_cost(W, l2, Y.shape[1])


def gradient_check(
    arch: Architecture, W, b, X, Y, loss: Loss, l2: float = 0.0, eps: float = 1e-7
) -> float:
    """Return |g - g_num| / (|g| + |g_num|) over all parameters (vectors' 2-norms), in float64."""
    W = [np.array(w, dtype=np.float64) for w in W]
    b = [np.array(v, dtype=np.float64) for v in b]
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    Z, A = forward(arch, W, b, X)
    grads = backward(arch, W, Z, A, Y, loss, l2)
    analytic, numeric = [], []
    for l in range(1, arch.L + 1):
        for p, g in ((W[l], grads["dW"][l]), (b[l], grads["db"][l])):
            analytic.append(g.ravel())
            num = np.empty(p.size)
            flat = p.reshape(-1)
            for i in range(p.size):
                keep = flat[i]
                flat[i] = keep + eps
                plus = cost_of(arch, W, b, X, Y, loss, l2)
                flat[i] = keep - eps
                minus = cost_of(arch, W, b, X, Y, loss, l2)
                flat[i] = keep
                num[i] = (plus - minus) / (2 * eps)
            numeric.append(num)
    g, g_num = np.concatenate(analytic), np.concatenate(numeric)
    return float(np.linalg.norm(g - g_num) / (np.linalg.norm(g) + np.linalg.norm(g_num)))

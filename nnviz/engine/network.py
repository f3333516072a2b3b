"""The L-layer network in the course's notation: forward and backward propagation, layer by layer.

Shapes, for layer_dims = [n_0 = n_x, n_1, ..., n_L] and m examples:
  X = A[0]: (n_x, m)   W[l]: (n_l, n_{l-1})   b[l]: (n_l, 1)   Z[l], A[l], dZ[l], dA[l]: (n_l, m)
  Z[l] = W[l] A[l-1] + b[l];  A[l] = g[l](Z[l]);  g[L] is the sigmoid.
Lists are indexed by layer number; entry 0 of W, b, Z, dZ, dW, db is an empty placeholder, and dA[0]
(the gradient with respect to the input) is never computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.activations import OUTPUT_ACTIVATION, Activation, get_activation
from nnviz.engine.losses import Loss


@dataclass(frozen=True)
class Architecture:
    """layer_dims = (n_x, n_1, ..., n_L) with n_L = 1; `hidden` names g[1..L-1]."""

    layer_dims: tuple[int, ...]
    hidden: str = "relu"

    def __post_init__(self) -> None:
        dims = tuple(int(n) for n in self.layer_dims)
        if len(dims) < 2 or any(n < 1 for n in dims):
            raise ValueError(f"layer sizes must be positive integers, got {list(self.layer_dims)}")
        if dims[-1] != 1:
            raise ValueError("the output layer has one sigmoid unit")
        object.__setattr__(self, "layer_dims", dims)
        object.__setattr__(self, "hidden", get_activation(self.hidden).name)

    @classmethod
    def from_hidden(cls, n_x: int, hidden_layers: Sequence[int], hidden: str = "relu"):
        return cls((int(n_x), *[int(n) for n in hidden_layers], 1), hidden)

    @property
    def L(self) -> int:
        """Number of layers with weights (hidden layers + the output layer)."""
        return len(self.layer_dims) - 1

    def activation(self, l: int) -> Activation:
        """g[l]: the hidden activation for 1 <= l < L, the sigmoid for l = L."""
        return get_activation(OUTPUT_ACTIVATION if l == self.L else self.hidden)

    def n_params(self) -> int:
        d = self.layer_dims
        return sum(d[l] * d[l - 1] + d[l] for l in range(1, len(d)))


def forward_layer(
    W: np.ndarray, b: np.ndarray, A_prev: np.ndarray, g: Activation
) -> tuple[np.ndarray, np.ndarray]:
    """Z = W A_prev + b, A = g(Z). W: (n_l, n_{l-1}), A_prev: (n_{l-1}, m) -> Z, A: (n_l, m)."""
    Z = W @ A_prev
    Z += b
    return Z, g.f(Z)


def backward_layer(
    dZ: np.ndarray, A_prev: np.ndarray, W: np.ndarray, l2: float = 0.0, need_dA_prev: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """From dZ[l] (n_l, m): dW[l] = (1/m) dZ A_prev^T (+ (l2/m) W), db[l] = (1/m) sum dZ,
    dA[l-1] = W^T dZ (n_{l-1}, m), skipped for the input layer."""
    m = A_prev.shape[1]
    dW = (dZ * (1.0 / m)) @ A_prev.T  # scaling the small dZ spares a pass over the large dW
    if l2:
        dW += (l2 / m) * W
    db = dZ.sum(axis=1, keepdims=True)
    db *= 1.0 / m
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dW, db, dA_prev


def chunk_rows(W: np.ndarray, target_bytes: int = 256 * 1024) -> int:
    """Rows of W per update block: about 256 KB, so an update's passes stay in cache."""
    if W.size == 0:
        return 1
    return max(1, min(W.shape[0], target_bytes // (W.shape[1] * W.itemsize)))


def gd_update(W: np.ndarray, dW: np.ndarray, lr: float, out: np.ndarray, tmp: np.ndarray) -> None:
    """out = W - lr dW, by row blocks of tmp's height (tmp: scratch rows shaped like W's)."""
    k = tmp.shape[0]
    for s in range(0, W.shape[0], k):  # row blocks that stay in cache
        t = tmp[: min(k, W.shape[0] - s)]
        np.multiply(dW[s : s + k], lr, out=t)
        np.subtract(W[s : s + k], t, out=out[s : s + k])


def forward(
    arch: Architecture, W: Sequence[np.ndarray], b: Sequence[np.ndarray], X: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """All of it: returns (Z, A), indexed by layer; A[0] is X, Z[0] an empty placeholder."""
    Z = [np.zeros((0, 0), X.dtype)]
    A = [X]
    for l in range(1, arch.L + 1):
        z, a = forward_layer(W[l], b[l], A[l - 1], arch.activation(l))
        Z.append(z)
        A.append(a)
    return Z, A


def predict_proba(arch: Architecture, W, b, X: np.ndarray) -> np.ndarray:
    """yhat = A[L]: (1, m) probabilities of the positive class."""
    return forward(arch, W, b, X)[1][-1]


def output_z(arch: Architecture, W, b, X: np.ndarray) -> np.ndarray:
    """Z[L]: (1, m), the output unit's pre-activation."""
    return forward(arch, W, b, X)[0][-1]


def accuracy(arch: Architecture, W, b, X: np.ndarray, Y: np.ndarray) -> float:
    """Share of examples with (yhat > 0.5) == y."""
    if X.shape[1] == 0:
        return float("nan")
    return float(np.mean((predict_proba(arch, W, b, X) > 0.5) == (Y > 0.5)))


def squared_norm(W: np.ndarray) -> float:
    """||W||_F^2, summed in float64."""
    return float(np.sum(np.square(W), dtype=np.float64))


def l2_cost(W: Sequence[np.ndarray], l2: float, m: int) -> float:
    """(l2 / 2m) sum_l ||W[l]||_F^2."""
    if not l2:
        return 0.0
    return float(l2 / (2 * m) * sum(squared_norm(w) for w in W[1:]))


def backward(
    arch: Architecture,
    W: Sequence[np.ndarray],
    Z: Sequence[np.ndarray],
    A: Sequence[np.ndarray],
    Y: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
) -> dict[str, list]:
    """All of it: returns {"dA", "dZ", "dW", "db"}, lists indexed by layer (dA[0] is None)."""
    L = arch.L
    dA: list = [None] * (L + 1)
    dZ: list = [np.zeros((0, 0))] * (L + 1)
    dW: list = [np.zeros((0, 0))] * (L + 1)
    db: list = [np.zeros((0, 0))] * (L + 1)
    dA[L] = loss.dA(A[L], Y)
    dZ[L] = loss.dZ(Z[L], A[L], Y)
    for l in range(L, 0, -1):
        if l < L:
            dZ[l] = dA[l] * arch.activation(l).grad(Z[l])
        dW[l], db[l], dA[l - 1] = backward_layer(dZ[l], A[l - 1], W[l], l2, need_dA_prev=l > 1)
    return {"dA": dA, "dZ": dZ, "dW": dW, "db": db}

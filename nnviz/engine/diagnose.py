"""Where a network fails, as numbers (numpy only): the confusion matrix with per-class figures,
the misclassified examples sorted by how wrong, and which input values decided a prediction.

Shapes: X (n_x, m) one example per column, Y (1, m) or (m,) of 0 / 1, P (m,) the network's
ŷ = P(y = 1 | x), W[l] (n_l, n_{l-1}), b[l] (n_l, 1) indexed by layer (entry 0 a placeholder).
A prediction is class 1 when ŷ > 0.5, as everywhere in the engine (network.accuracy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.network import Architecture, forward


def probabilities(arch: Architecture, W: Sequence[np.ndarray], b, X: np.ndarray) -> np.ndarray:
    """ŷ (m,) for X (n_x, m): A[L] of the forward pass (non-finite where the weights diverged)."""
    if X.shape[1] == 0:
        return np.zeros(0, np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(forward(arch, W, b, X)[1][-1], np.float64).reshape(-1)


def predicted(P: np.ndarray) -> np.ndarray:
    """The predicted class (m,) int: 1 where ŷ > 0.5 (NaN counts as 0, as in the engine)."""
    return (np.asarray(P).reshape(-1) > 0.5).astype(np.int64)


def _labels(Y: np.ndarray) -> np.ndarray:
    return (np.asarray(Y).reshape(-1) > 0.5).astype(np.int64)


@dataclass(frozen=True)
class Confusion:
    """counts[a, p]: examples of actual class a predicted as p (2, 2); cells[a][p]: their indices
    (ascending) into the examples given."""

    counts: np.ndarray
    cells: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]

    @property
    def m(self) -> int:
        return int(self.counts.sum())

    def rates(self) -> np.ndarray:
        """(2, 2): counts[a, p] / examples of class a (each row sums to 1; NaN for no examples)."""
        n = self.counts.sum(axis=1, keepdims=True).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(n > 0, self.counts / np.maximum(n, 1), np.nan)

    def accuracy(self) -> float:
        """Share of all examples predicted right (NaN for none)."""
        return float(np.trace(self.counts) / self.m) if self.m else float("nan")

    def recall(self, c: int) -> float:
        """Share of class c's examples predicted as c: the class's accuracy (NaN for none)."""
        n = self.counts[c].sum()
        return float(self.counts[c, c] / n) if n else float("nan")

    def precision(self, c: int) -> float:
        """Share of the examples predicted as c that are c (NaN when none is predicted c)."""
        n = self.counts[:, c].sum()
        return float(self.counts[c, c] / n) if n else float("nan")

    def examples(self, actual: int, pred: int) -> np.ndarray:
        return self.cells[actual][pred]


def confusion(Y: np.ndarray, P: np.ndarray) -> Confusion:
    """The confusion matrix of labels Y (1, m) and probabilities P (m,)."""
    y, p = _labels(Y), predicted(P)
    if y.shape != p.shape:
        raise ValueError(f"{y.size} labels but {p.size} predictions")
    cells = tuple(tuple(np.flatnonzero((y == a) & (p == q)) for q in (0, 1)) for a in (0, 1))
    counts = np.array([[len(cells[a][q]) for q in (0, 1)] for a in (0, 1)], np.int64)
    return Confusion(counts, cells)  # type: ignore[arg-type]


def wrongness(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """How wrong each prediction is, |y - ŷ| (m,) in [0, 1] (1 where ŷ is not finite)."""
    P = np.asarray(P, np.float64).reshape(-1)
    w = np.abs(_labels(Y) - P)
    return np.where(np.isfinite(w), w, 1.0)


def misclassified(Y: np.ndarray, P: np.ndarray) -> np.ndarray:
    """Indices of the examples predicted wrong, the most wrong (largest |y - ŷ|) first; ties in
    index order. The course's print_mislabeled_images, sorted."""
    wrong = np.flatnonzero(predicted(P) != _labels(Y))
    w = wrongness(Y, P)[wrong]
    return wrong[np.lexsort((wrong, -w))]


def input_gradient(
    arch: Architecture, W: Sequence[np.ndarray], b: Sequence[np.ndarray], x: np.ndarray
) -> tuple[float, np.ndarray]:
    """(ŷ, dŷ/dx (n_x,)) for one example x (n_x,): backward from ŷ = A[L] down to the input,
    dZ[L] = σ'(Z[L]), dA[l-1] = W[l]ᵀ dZ[l], dZ[l] = dA[l] g'(Z[l]). Computed in float64."""
    W64 = [np.asarray(w, np.float64) for w in W]
    b64 = [np.asarray(v, np.float64) for v in b]
    x = np.asarray(x, np.float64).reshape(-1, 1)
    with np.errstate(over="ignore", invalid="ignore"):
        Z, A = forward(arch, W64, b64, x)
        L = arch.L
        yhat = float(A[L][0, 0])
        dZ = arch.activation(L).grad(Z[L])
        for l in range(L, 0, -1):
            dA = W64[l].T @ dZ
            if l > 1:
                dZ = dA * arch.activation(l - 1).grad(Z[l - 1])
    return yhat, dA.reshape(-1)


def finite_difference(
    arch: Architecture, W, b, x: np.ndarray, index: Sequence[int] | np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    """Central differences (ŷ(x + eps e_i) - ŷ(x - eps e_i)) / 2 eps for i in `index` (k,)."""
    W64 = [np.asarray(w, np.float64) for w in W]
    b64 = [np.asarray(v, np.float64) for v in b]
    x = np.asarray(x, np.float64).reshape(-1)
    idx = np.asarray(index, np.int64).reshape(-1)
    X = np.repeat(x[:, None], 2 * len(idx), axis=1)  # (n_x, 2k): + then - for each index
    cols = np.arange(len(idx))
    X[idx, 2 * cols] += eps
    X[idx, 2 * cols + 1] -= eps
    P = probabilities(arch, W64, b64, X)
    return (P[0::2] - P[1::2]) / (2 * eps)


def pixel_maps(
    grad: np.ndarray, x: np.ndarray, image_shape: tuple[int, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Per-pixel maps (H, W) of an input gradient (n_x,) over a picture `image_shape` (H, W, C),
    columns in course order (row-major H, W, C): the signed sum over channels of dŷ/dx (what
    brightening the pixel does to ŷ) and the sum over channels of |dŷ/dx|·|x|."""
    shape = tuple(int(s) for s in image_shape)
    g = np.asarray(grad, np.float64).reshape(shape)
    xs = np.asarray(x, np.float64).reshape(shape)
    if len(shape) == 2:
        return g, np.abs(g) * np.abs(xs)
    return g.sum(axis=-1), (np.abs(g) * np.abs(xs)).sum(axis=-1)

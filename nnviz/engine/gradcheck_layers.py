"""The course's gradient check, layer by layer: backprop's dW[l], db[l] against centred differences.

For each checked parameter θ_k the numerical derivative is (J(θ + ε e_k) - J(θ - ε e_k)) / 2ε with
ε = 1e-7, always in float64 (the run's parameters and data are cast). J is the run's cost (its loss
plus the L2 term). Moving one weight W[l][i, j] changes only row i of Z[l] (by ±ε A[l-1][j, :]),
so each J(θ ± ε e_k) recomputes layer l's row i and the layers after it from the stored forward
pass: the same number as a full forward pass, thousands of times cheaper for the 245,760 weights
of W[1]. Large layers (more than `sample` weights) are checked on a random sample of their weights
(every bias is checked); the sample size is part of the result.

Per layer the course's relative difference ‖g − g_approx‖₂ / (‖g‖₂ + ‖g_approx‖₂) over the checked
entries, and its verdict: < 1e-7 good, > 1e-3 wrong, in between worth a closer look.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.losses import Loss
from nnviz.engine.network import Architecture, backward, forward

EPS = 1e-7
GOOD, WRONG = 1e-7, 1e-3
SAMPLE = 2000  # weights checked per layer at most (W[1] of the cat network has 245,760)
MAX_EXAMPLES = 1000  # J over at most this many examples (the first ones)


class Cancelled(Exception):
    """The caller asked the computation to stop."""


@dataclass(frozen=True)
class LayerCheck:
    """One layer: how many weights were checked (of how many), the biases checked, the relative
    difference over those entries, and the norms of backprop's and the numerical gradient."""

    layer: int
    checked_w: int
    total_w: int
    checked_b: int
    difference: float
    norm_backprop: float
    norm_numeric: float

    @property
    def sampled(self) -> bool:
        return self.checked_w < self.total_w

    @property
    def verdict(self) -> str:
        return verdict(self.difference)


@dataclass(frozen=True)
class GradCheck:
    """Every layer's check, the difference over all checked entries, ε, the examples used."""

    layers: tuple[LayerCheck, ...]
    difference: float
    eps: float
    m: int
    m_total: int

    @property
    def verdict(self) -> str:
        return verdict(self.difference)


def verdict(difference: float) -> str:
    """The course's reading of a relative difference: "good", "look closer" or "wrong"."""
    if not np.isfinite(difference) or difference > WRONG:
        return "wrong"
    return "good" if difference < GOOD else "look closer"


def relative_difference(g: np.ndarray, g_num: np.ndarray) -> float:
    """‖g − g_num‖₂ / (‖g‖₂ + ‖g_num‖₂); 0 when both are zero."""
    den = float(np.linalg.norm(g) + np.linalg.norm(g_num))
    return 0.0 if den == 0.0 else float(np.linalg.norm(g - g_num) / den)


class _Tail:
    """J from a changed Z[l] onwards, the other layers' stored values reused (float64)."""

    def __init__(self, arch: Architecture, W, b, X, Y, loss: Loss, l2: float) -> None:
        self.arch, self.W, self.b, self.Y, self.loss, self.l2 = arch, W, b, Y, loss, l2
        self.Z, self.A = forward(arch, W, b, X)
        self.m = X.shape[1]
        self.sq = [float(np.sum(w * w)) for w in W]

    def cost(self, l: int, i: int, z_row: np.ndarray, w_old: float, w_new: float) -> float:
        """J with row i of Z[l] replaced by z_row and one weight of W[l] moved w_old -> w_new
        (equal for a bias)."""
        arch = self.arch
        a_row = arch.activation(l).f(z_row)
        if l == arch.L:
            zl, al = z_row[None, :], a_row[None, :]
        else:
            A = self.A[l].copy()
            A[i] = a_row
            for k in range(l + 1, arch.L + 1):
                z = self.W[k] @ A + self.b[k]
                A = arch.activation(k).f(z)
            zl, al = z, A
        J = self.loss.cost(zl, al, self.Y)
        if self.l2:
            sq = sum(self.sq[1:]) - w_old * w_old + w_new * w_new
            J += self.l2 / (2 * self.m) * sq
        return J


def check_layers(
    arch: Architecture,
    W: Sequence[np.ndarray],
    b: Sequence[np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    loss: Loss,
    l2: float = 0.0,
    eps: float = EPS,
    sample: int = SAMPLE,
    seed: int = 0,
    grads: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> GradCheck:
    """Check backprop layer by layer at (W, b) on X (n_x, m), Y (1, m), in float64.

    sample: weights checked per layer at most (a seeded random choice beyond that);
    grads: backprop's {"dW", "db"} to check (default: nnviz.engine.network.backward's);
    progress(done, total) is called now and then; cancelled() -> True raises Cancelled.
    """
    m_total = X.shape[1]
    m = min(m_total, MAX_EXAMPLES)
    W = [np.array(w, dtype=np.float64) for w in W]
    b = [np.array(v, dtype=np.float64) for v in b]
    X = np.asarray(X[:, :m], dtype=np.float64)
    Y = np.asarray(Y[:, :m], dtype=np.float64)
    tail = _Tail(arch, W, b, X, Y, loss, l2)
    if grads is None:
        grads = backward(arch, W, tail.Z, tail.A, Y, loss, l2)
    rng = np.random.default_rng(seed)
    picks = []
    for l in range(1, arch.L + 1):
        n = W[l].size
        idx = np.arange(n) if n <= sample else np.sort(rng.choice(n, sample, replace=False))
        picks.append(idx)
    total = sum(len(p) + b[l].size for l, p in enumerate(picks, start=1))
    done = 0
    layers, all_g, all_num = [], [], []
    for l, idx in enumerate(picks, start=1):
        g = np.concatenate([np.asarray(grads["dW"][l]).ravel()[idx], np.ravel(grads["db"][l])])
        num = np.empty(g.size)
        n_prev = W[l].shape[1]
        A_prev, Z = tail.A[l - 1], tail.Z[l]
        for k, flat in enumerate(idx):
            i, j = divmod(int(flat), n_prev)
            w = W[l][i, j]
            step = eps * A_prev[j]
            plus = tail.cost(l, i, Z[i] + step, w, w + eps)
            minus = tail.cost(l, i, Z[i] - step, w, w - eps)
            num[k] = (plus - minus) / (2 * eps)
            done += 1
            if done % 200 == 0:
                _tick(progress, cancelled, done, total)
        for i in range(b[l].size):
            plus = tail.cost(l, i, Z[i] + eps, 0.0, 0.0)
            minus = tail.cost(l, i, Z[i] - eps, 0.0, 0.0)
            num[len(idx) + i] = (plus - minus) / (2 * eps)
        done += b[l].size
        _tick(progress, cancelled, done, total)
        layers.append(
            LayerCheck(
                layer=l,
                checked_w=len(idx),
                total_w=W[l].size,
                checked_b=b[l].size,
                difference=relative_difference(g, num),
                norm_backprop=float(np.linalg.norm(g)),
                norm_numeric=float(np.linalg.norm(num)),
            )
        )
        all_g.append(g)
        all_num.append(num)
    overall = relative_difference(np.concatenate(all_g), np.concatenate(all_num))
    return GradCheck(tuple(layers), overall, eps, m, m_total)


def _tick(progress, cancelled, done: int, total: int) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled
    if progress is not None:
        progress(done, total)

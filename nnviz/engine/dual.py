"""The dual ("Gram") form of layer 1: W[1] kept as c W[1](0) - D X^T, never built while training.

Gradient descent only ever adds combinations of the training examples to W[1]: each update
subtracts (alpha/m) dZ[1] X^T, and L2 scales W[1] by c' = 1 - alpha lambda / m. So
  W[1](t) = c(t) W0 - D(t) X^T,     c(t+1) = c' c(t),   D(t+1) = c' D(t) + (alpha/m) dZ[1](t)
(with mini-batches m is the batch size and only the batch's columns of D change), and
  Z_lin(t) = W[1](t) X = c Z0 - D G,   Z0 = W0 X (n_1, m),   G = X^T X (m, m), both computed once.
One iteration of layer 1 then costs n_1 m^2 multiply-adds instead of 2 n_1 n_x m. The state is
exactly (c, D) next to the base (W0, Z0, G): a checkpoint of layer 1 is n_1 x m numbers, a replay
from it is bit for bit. ||W[1]||_F^2 (the L2 cost) needs no W[1] either:
  ||W[1]||^2 = c^2 ||W0||^2 - 2c <Z0, D> + <D, D G>  (= c^2 ||W0||^2 - c <Z0, D> - <D, Z_lin>).
Anything that sets W[1] directly starts a new base: W0 := W[1], c = 1, D = 0, Z0 recomputed.

choose_form() says which form a run should use (see its rules).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

GRAM_LIMIT = 512 * 2**20  # bytes: never a Gram matrix larger than this (nor a quarter of free RAM)
PER_COORDINATE = ("adam", "rmsprop", "adagrad")  # rescale each weight: W leaves the span of X


def available_memory() -> int:
    """Bytes of memory available now: MemAvailable on Linux (free + reclaimable cache), else
    os.sysconf's free physical pages; 0 if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 0


def choose_form(
    n_x: int,
    m: int,
    n_1: int,
    itemsize: int = 8,
    batch_size: int | None = None,
    l2: float = 0.0,
    optimizer: str = "gd",
) -> tuple[str, str]:
    """("dual" | "primal", why). Primal when the optimizer rescales per coordinate (Adam,
    RMSProp: W[1] leaves the span of X), when m > 2 n_x, when G (m x m, itemsize bytes each) would
    exceed GRAM_LIMIT or a quarter of the available memory, or when the dual form's multiply-adds
    per iteration (n_1 m b, plus n_1 m^2 for the L2 norm with mini-batches of b) are not fewer
    than the primal form's (2 n_1 n_x b)."""
    if optimizer.lower() in PER_COORDINATE:
        return "primal", f"{optimizer} rescales each weight"
    if m > 2 * n_x:
        return "primal", f"m = {m} > 2 n_x = {2 * n_x}"
    g_bytes = m * m * itemsize
    avail = available_memory()
    if g_bytes > GRAM_LIMIT or (avail and g_bytes > avail // 4):
        return "primal", f"the Gram matrix would take {g_bytes} bytes"
    b = m if batch_size is None else min(batch_size, m)
    dual = n_1 * m * b + (n_1 * m * m if l2 and b < m else 0)
    primal = 2 * n_1 * n_x * b
    if dual >= primal:
        return "primal", f"{dual} multiply-adds a step in dual form, {primal} in primal"
    return "dual", f"{dual} multiply-adds a step instead of {primal}"


@dataclass(frozen=True, eq=False)
class DualBase:
    """One base of the dual form: X (n_x, m), W0 (n_1, n_x), Z0 = W0 X (n_1, m), G = X^T X (m, m),
    w0_sq = ||W0||_F^2 (float64). Read-only; shared by the trainer and its checkpoints."""

    X: np.ndarray
    W0: np.ndarray
    Z0: np.ndarray
    G: np.ndarray
    w0_sq: float

    @classmethod
    def build(cls, X: np.ndarray, W0: np.ndarray, G: np.ndarray | None = None) -> DualBase:
        """A base for W0 (copied); G is computed (X^T X, symmetric) unless given."""
        W0 = np.array(W0, dtype=X.dtype, order="C")
        if G is None:
            G = X.T @ X  # numpy uses syrk: exactly symmetric
        Z0 = W0 @ X
        for a in (W0, Z0, G):
            a.flags.writeable = False
        return cls(X, W0, Z0, G, float(np.sum(np.square(W0), dtype=np.float64)))

    @property
    def nbytes(self) -> int:
        return self.W0.nbytes + self.Z0.nbytes + self.G.nbytes


def materialize(base: DualBase, c: float, D: np.ndarray) -> np.ndarray:
    """W[1] = c W0 - D X^T: (n_1, n_x), one product."""
    W = D @ base.X.T
    np.subtract(base.W0 * c, W, out=W)
    return W


def _copy(a: np.ndarray | None) -> np.ndarray | None:
    return None if a is None else a.copy()


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    """<a, b> (Frobenius), accumulated in float64."""
    return float(np.dot(a.ravel().astype(np.float64, copy=False), b.ravel().astype(np.float64)))


def gradient_W1(
    base: DualBase, dZ: np.ndarray, idx: np.ndarray | None, l2: float, c: float, D: np.ndarray
) -> np.ndarray:
    """dW[1] (n_1, n_x) of a backward pass at W[1] = c W0 - D X^T, in one product:
    (1/b) dZ X_b^T + (l2/b) W[1] = ((1/b) dZ on the batch's columns - (l2/b) D) X^T
    + (l2 c / b) W0. dZ: (n_1, b); idx: the batch's example indices (None: all m)."""
    dW = _gradient_factor(dZ, idx, l2, D) @ base.X.T
    _add_decay(dW, base, dZ.shape[1], l2, c)
    return dW


def _gradient_factor(dZ: np.ndarray, idx: np.ndarray | None, l2: float, D: np.ndarray):
    """M (n_1, m) with dW[1] = M X^T + (l2 c / b) W0 (see gradient_W1)."""
    bs = dZ.shape[1]
    if idx is None:
        M = dZ * (1.0 / bs)
    else:
        M = np.zeros_like(D)
        M[:, idx] = dZ * (1.0 / bs)
    if l2:
        M -= (l2 / bs) * D
    return M


def _add_decay(dW: np.ndarray, base: DualBase, bs: int, l2: float, c: float) -> None:
    if l2:
        dW += (l2 * c / bs) * base.W0


@dataclass(frozen=True, eq=False)
class FrozenLayer1:
    """Layer 1 at one moment, for building W[1] and dW[1] later (on another thread): c, D
    (n_1, m) and, after a backward pass, grad = (dZ (n_1, b), idx, l2, c and D of that pass); every
    array a private copy, the base shared (read-only)."""

    base: DualBase
    c: float
    D: np.ndarray
    grad: tuple | None

    def W1(self) -> np.ndarray:
        return materialize(self.base, self.c, self.D)

    def dW1(self) -> np.ndarray | None:
        """dW[1] of the backward pass (None without one)."""
        if self.grad is None:
            return None
        return gradient_W1(self.base, *self.grad)

    def both(self) -> tuple[np.ndarray, np.ndarray | None]:
        """(W1(), dW1()) with one product over X^T for the two (X is read once)."""
        if self.grad is None:
            return self.W1(), None
        dZ, idx, l2, c, D = self.grad
        n, B = self.D.shape[0], self.base
        S = np.concatenate([self.D, _gradient_factor(dZ, idx, l2, D)]) @ B.X.T
        W, dW = S[:n], S[n:]
        np.subtract(B.W0 * self.c, W, out=W)
        _add_decay(dW, B, dZ.shape[1], l2, c)
        return W, dW


@dataclass(frozen=True, eq=False)
class DualCheckpoint:
    """Layer 1 at one iteration: W[1] = c base.W0 - D base.X^T. D: (n_1, m), a private copy."""

    base: DualBase
    c: float
    D: np.ndarray

    def W1(self) -> np.ndarray:
        return materialize(self.base, self.c, self.D)


class DualLayer:
    """The live layer 1 in dual form: the base, (c, D) now and before the last update.

    idx arguments are the batch's sorted example indices, None for the full batch.
    """

    def __init__(self, base: DualBase) -> None:
        self._start(base, 1.0, np.zeros((base.W0.shape[0], base.X.shape[1]), base.X.dtype))

    def _start(self, base: DualBase, c: float, D: np.ndarray) -> None:
        self.base, self.c, self.D = base, c, D
        self.c_prev, self.D_prev = c, D.copy()
        self.version = getattr(self, "version", 0) + 1
        self._W: tuple[int, np.ndarray] | None = None
        self._dW: tuple[tuple, np.ndarray] | None = None
        self._grad: tuple | None = None

    # ----- the iteration -----
    def forward(self, idx: np.ndarray | None) -> np.ndarray:
        """Z_lin = W[1] X_batch = c Z0[:, idx] - D G[:, idx]: (n_1, b), without touching X."""
        B = self.base
        if idx is None:
            Z = self.D @ B.G
            np.subtract(B.Z0 * self.c, Z, out=Z)
        else:
            Z = self.D @ B.G[idx].T  # G is symmetric: its rows are its columns
            np.subtract(B.Z0[:, idx] * self.c, Z, out=Z)
        return Z

    def norm2(self, idx: np.ndarray | None, Z_lin: np.ndarray) -> float:
        """||W[1]||_F^2; Z_lin: forward(idx)'s result (used for the full batch)."""
        B, c, D = self.base, self.c, self.D
        if idx is None:
            return c * c * B.w0_sq - c * _dot(B.Z0, D) - _dot(D, Z_lin)
        return c * c * B.w0_sq - 2 * c * _dot(B.Z0, D) + _dot(D, D @ B.G)

    def backward(self, dZ: np.ndarray, idx: np.ndarray | None, l2: float) -> None:
        """Keep what dW[1] needs (computed on demand by dW1): dZ (n_1, b) and this W[1]."""
        self._grad = (dZ, idx, l2, self.c, self.D)

    def update(self, lr: float, l2: float) -> None:
        """c := c' c, D := c' D + (lr / b) dZ[1] on the batch's columns, c' = 1 - lr l2 / b."""
        assert self._grad is not None, "update() before backward()"
        dZ, idx, _, _, _ = self._grad
        bs = dZ.shape[1]
        cp = 1.0 - lr * l2 / bs
        new = self.D_prev  # the spare buffer: the state before the last update is dropped
        np.multiply(self.D, cp, out=new)
        step = dZ * (lr / bs)
        if idx is None:
            new += step
        else:
            new[:, idx] += step
        self.c_prev, self.D_prev = self.c, self.D
        self.c, self.D = cp * self.c, new
        self.version += 1

    def rollback(self) -> None:
        """Back to the state before the last update (after a divergence)."""
        self.c, self.D, self.D_prev = self.c_prev, self.D_prev, self.D.copy()
        self.version += 1
        self._grad = None

    # ----- on demand -----
    def W1(self) -> np.ndarray:
        """The current W[1] (n_1, n_x), computed once per update (treat as read-only)."""
        if self._W is None or self._W[0] != self.version:
            self._W = (self.version, materialize(self.base, self.c, self.D))
        return self._W[1]

    def dW1(self) -> np.ndarray | None:
        """dW[1] of the last backward pass (n_1, n_x), computed once (see gradient_W1)."""
        g = self._grad
        if g is None:
            return None
        if self._dW is None or self._dW[0] is not g:
            self._dW = (g, gradient_W1(self.base, *g))
        return self._dW[1]

    def frozen(self) -> FrozenLayer1:
        """Layer 1 now, as private copies: W[1] and dW[1] can then be built on another thread
        while this layer trains on (D and dZ are small: n_1 x m)."""
        g, D = self._grad, self.D.copy()
        if g is None:
            return FrozenLayer1(self.base, self.c, D, None)
        dZ, idx, l2, c, Dg = g
        Dg = D if Dg is self.D else Dg.copy()  # after an update: the D of that pass
        return FrozenLayer1(self.base, self.c, D, (dZ.copy(), _copy(idx), l2, c, Dg))

    def clear_grad(self) -> None:
        self._grad = None

    # ----- states -----
    def checkpoint(self) -> DualCheckpoint:
        return DualCheckpoint(self.base, self.c, self.D.copy())

    def restore(self, ck: DualCheckpoint) -> None:
        """Continue from ck, on ck's base (shared, so a replay is bit for bit)."""
        self._start(ck.base, ck.c, ck.D.copy())

    def reset(self, W1: np.ndarray) -> None:
        """A new base: W0 := W1, c = 1, D = 0, Z0 recomputed (G is kept)."""
        base = DualBase.build(self.base.X, W1, self.base.G)
        self._start(base, 1.0, np.zeros_like(self.D))

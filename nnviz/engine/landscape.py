"""The loss landscape through the current parameters: J along a line and over a plane, for
cross-entropy and squared error side by side (why the course prefers cross-entropy).

Parameters θ = (W[1..L], b[1..L]); a direction d has the same shapes (a Params). The plane is
θ(α, β) = θ + α d1 + β d2, the line θ + α d1. Directions:
- the gradient: -∇J, filter-normalised;
- random: Gaussian, filter-normalised (Li et al., "Visualizing the Loss Landscape of Neural Nets",
  2018): each unit's incoming weights and bias (a row of [W[l] | b[l]]) scaled to the norm of that
  unit's row in θ, so α = 1 moves every unit by its own size;
- the first two principal directions of the run's path (θ_k − θ over its checkpoints k; unit
  vectors, with the path's coordinates in that plane);
- for logistic regression on 1-D or 2-D data, the parameter axes themselves (the exact surface).
Evaluation: Z[1] = W[1] X + b[1] is linear in θ, so W[1] X, D1 X and E1 X are computed once and
each point costs a combination of them plus the small later layers; the L2 term (λ/2m)Σ‖W‖² is a
quadratic in (α, β). The values equal the engine's J at θ(α, β) (float64).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.gradcheck_layers import Cancelled
from nnviz.engine.losses import cross_entropy, squared_error
from nnviz.engine.network import Architecture

LOSS_NAMES = ("cross-entropy", "squared-error")
MAX_EXAMPLES = 2000  # J over at most this many examples (the first ones)


@dataclass(frozen=True)
class Params:
    """W[l] (n_l, n_{l-1}) and b[l] (n_l, 1), float64, index 0 an empty placeholder."""

    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, W: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> Params:
        return cls(
            tuple(np.array(w, np.float64) for w in W), tuple(np.array(v, np.float64) for v in b)
        )

    def flat(self) -> np.ndarray:
        """All of it as one vector (W[1], b[1], W[2], …)."""
        return np.concatenate(
            [a.ravel() for l in range(1, len(self.W)) for a in (self.W[l], self.b[l])]
        )

    def like(self, v: np.ndarray) -> Params:
        """The vector v (as flat() gives) in these shapes."""
        W, b, at = [self.W[0]], [self.b[0]], 0
        for l in range(1, len(self.W)):
            for out, a in ((W, self.W[l]), (b, self.b[l])):
                out.append(v[at : at + a.size].reshape(a.shape))
                at += a.size
        return Params(tuple(W), tuple(b))


def filter_normalise(d: Params, theta: Params) -> Params:
    """d with each unit's row of [W[l] | b[l]] scaled to the norm of that row in theta (a unit
    whose row in theta is zero gets a zero row)."""
    W, b = [d.W[0]], [d.b[0]]
    for l in range(1, len(d.W)):
        row = np.hstack([d.W[l], d.b[l]])
        ref = np.linalg.norm(np.hstack([theta.W[l], theta.b[l]]), axis=1, keepdims=True)
        n = np.linalg.norm(row, axis=1, keepdims=True)
        scale = np.divide(ref, n, out=np.zeros_like(n), where=n > 0)
        W.append(d.W[l] * scale)
        b.append(d.b[l] * scale)
    return Params(tuple(W), tuple(b))


def random_direction(theta: Params, seed: int) -> Params:
    """A Gaussian direction, filter-normalised to theta."""
    rng = np.random.default_rng(seed)
    return filter_normalise(theta.like(rng.standard_normal(theta.flat().size)), theta)


def gradient_direction(theta: Params, grad: Params) -> Params:
    """-∇J, filter-normalised to theta (downhill for α > 0)."""
    if not np.any(grad.flat()):
        raise ValueError("the gradient is zero at these parameters: no direction to follow")
    return filter_normalise(grad.like(-grad.flat()), theta)


@dataclass(frozen=True)
class PathPlane:
    """The first two principal directions of a path and the path's coordinates in them."""

    d1: Params
    d2: Params
    coords: np.ndarray  # (k, 2): (α, β) of each path point, the centre at (0, 0)
    explained: tuple[float, float]  # share of the path's squared distance each direction holds


def path_plane(theta: Params, path: Sequence[Params]) -> PathPlane:
    """PCA of θ_k − θ over the path's points (at least 2 different from θ)."""
    M = np.stack([p.flat() - theta.flat() for p in path])
    M = M[np.any(M != 0, axis=1)]
    if M.shape[0] < 2:
        raise ValueError("the run's path has fewer than 2 points away from the shown parameters")
    _, s, Vt = np.linalg.svd(M, full_matrices=False)
    total = float(np.sum(s * s)) or 1.0
    d1, d2 = Vt[0], Vt[1]
    coords = np.stack([np.stack([p.flat() - theta.flat() for p in path]) @ d for d in (d1, d2)], 1)
    return PathPlane(
        theta.like(d1), theta.like(d2), coords, (float(s[0] ** 2 / total), float(s[1] ** 2 / total))
    )


def axes_directions(theta: Params) -> tuple[Params, Params, tuple[str, str], tuple[float, float]]:
    """Logistic regression on 1-D or 2-D data: the parameter axes (w, b) or (w₁, w₂), as
    (d1, d2, names, the centre's coordinates on them)."""
    if len(theta.W) != 2 or theta.W[1].shape[1] not in (1, 2):
        raise ValueError("the exact surface is for logistic regression on 1-D or 2-D data")
    zero = theta.like(np.zeros(theta.flat().size))
    e1 = zero.like(zero.flat().copy())
    e1.W[1][0, 0] = 1.0
    e2 = zero.like(zero.flat().copy())
    if theta.W[1].shape[1] == 1:
        e2.b[1][0, 0] = 1.0
        return e1, e2, ("w", "b"), (float(theta.W[1][0, 0]), float(theta.b[1][0, 0]))
    e2.W[1][0, 1] = 1.0
    return e1, e2, ("w₁", "w₂"), (float(theta.W[1][0, 0]), float(theta.W[1][0, 1]))


class Surface:
    """J of both losses at θ + α d1 + β d2 on X (n_x, m), Y (1, m); see the module docstring."""

    def __init__(
        self, arch: Architecture, theta: Params, d1: Params, d2: Params | None, X, Y, l2=0.0
    ) -> None:
        m = min(X.shape[1], MAX_EXAMPLES)
        X = np.asarray(X[:, :m], np.float64)
        self.Y = np.asarray(Y[:, :m], np.float64)
        self.arch, self.theta, self.d1, self.l2, self.m = arch, theta, d1, float(l2), m
        self.d2 = d2 if d2 is not None else theta.like(np.zeros(theta.flat().size))
        self.P = [p.W[1] @ X + p.b[1] for p in (theta, self.d1, self.d2)]
        Ws = [
            np.concatenate([p.W[l].ravel() for l in range(1, len(p.W))])
            for p in (theta, self.d1, self.d2)
        ]
        self.G = np.array([[float(a @ c) for c in Ws] for a in Ws])  # Gram matrix of the W parts

    def at(self, a: float, c: float) -> dict[str, float]:
        """{"cross-entropy": J, "squared-error": J} at θ + a d1 + c d2 (L2 term included)."""
        arch, t, d1, d2 = self.arch, self.theta, self.d1, self.d2
        Z = self.P[0] + a * self.P[1] + c * self.P[2]
        A = arch.activation(1).f(Z)
        for l in range(2, arch.L + 1):
            W = t.W[l] + a * d1.W[l] + c * d2.W[l]
            Z = W @ A + (t.b[l] + a * d1.b[l] + c * d2.b[l])
            A = arch.activation(l).f(Z)
        v = np.array([1.0, a, c])
        reg = self.l2 / (2 * self.m) * float(v @ self.G @ v) if self.l2 else 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            return {
                "cross-entropy": cross_entropy(Z, A, self.Y) + reg,
                "squared-error": squared_error(Z, A, self.Y) + reg,
            }

    def grid(
        self,
        alphas: np.ndarray,
        betas: np.ndarray,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, np.ndarray]:
        """{loss: (len(betas), len(alphas)) J}; row j is β = betas[j]."""
        out = {k: np.empty((len(betas), len(alphas))) for k in LOSS_NAMES}
        for j, c in enumerate(betas):
            if cancelled is not None and cancelled():
                raise Cancelled
            for i, a in enumerate(alphas):
                for k, v in self.at(float(a), float(c)).items():
                    out[k][j, i] = v
            if progress is not None:
                progress(j + 1, len(betas))
        return out


def second_differences(J: np.ndarray) -> dict[str, np.ndarray]:
    """Second differences of a grid J (rows β, columns α) on its interior points, along α ("a"),
    β ("b") and both diagonals ("d", "e"). A convex function has all four >= 0 everywhere (up to
    rounding); a negative one is a non-convex region."""
    c = J[1:-1, 1:-1]
    return {
        "a": J[1:-1, 2:] - 2 * c + J[1:-1, :-2],
        "b": J[2:, 1:-1] - 2 * c + J[:-2, 1:-1],
        "d": J[2:, 2:] - 2 * c + J[:-2, :-2],
        "e": J[2:, :-2] - 2 * c + J[:-2, 2:],
    }


def non_convex(J: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """(rows - 2, cols - 2) True where some second difference of J is below -tol·max|J|."""
    d = second_differences(J)
    limit = -tol * float(np.max(np.abs(J)))
    return np.logical_or.reduce([v < limit for v in d.values()])

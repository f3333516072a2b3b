"""The gradient norms of a run, per layer, over iterations (Qt-free), bounded.

GradNormHistory.add(snap) keeps, for a snapshot that holds the gradient of its own parameters
in every layer (the worker's snapshots while playing, the settled one at rest), its iteration,
‖dW[l]‖ and ‖W[l]‖ (Frobenius norms, l = 1..L). Skipped: a snapshot taken right after an update
phase without a forward pass of its own (its gradients are those the update applied, of the
parameters before; a settled snapshot at rest has its own z_out and gradients), one with some
layer's gradient missing, and an iteration not newer than the last one held. Up to `capacity`
points are kept; past that every other older point goes (as the cost history thins), so a run
of any length takes at most capacity x (1 + 2L) numbers.
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.snapshot import Snapshot

CAPACITY = 4096


def norm(a: np.ndarray) -> float:
    """‖a‖ (Frobenius), accumulated in float64 (inf for a diverging run, without a warning)."""
    flat = np.asarray(a).reshape(-1)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sqrt(float(np.dot(flat, flat)))) if flat.size else 0.0


class GradNormHistory:
    """iterations (n,), dW (n, L) = ‖dW[l]‖, W (n, L) = ‖W[l]‖, in increasing iteration order."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        if capacity < 16:
            raise ValueError(f"a gradient-norm history needs at least 16 points, got {capacity}")
        self.capacity = int(capacity)
        self.clear()

    def clear(self) -> None:
        self._it: list[int] = []
        self._dW: list[list[float]] = []
        self._W: list[list[float]] = []
        self.layers = 0  # L of the points held (0: none yet)

    def __len__(self) -> int:
        return len(self._it)

    @property
    def last_iteration(self) -> int:
        return self._it[-1] if self._it else -1

    @staticmethod
    def usable(snap: Snapshot) -> bool:
        """True when `snap` holds the gradient of its own parameters in every layer."""
        if snap.phase is not None and snap.phase.kind == "update" and snap.z_out.size == 0:
            return False  # taken right after an update: the gradients it applied
        return all(snap.has_grad(l) for l in range(1, snap.L + 1))

    def add(self, snap: Snapshot) -> bool:
        """Record `snap`'s norms; False when it is skipped (see the module's docstring)."""
        if not self.usable(snap) or snap.iteration <= self.last_iteration:
            return False
        if self.layers and self.layers != snap.L:
            self.clear()  # another network: start over
        self.layers = snap.L
        self._it.append(int(snap.iteration))
        self._dW.append([norm(snap.dW[l]) for l in range(1, snap.L + 1)])
        self._W.append([norm(snap.W[l]) for l in range(1, snap.L + 1)])
        if len(self._it) > self.capacity:
            keep = [*range(0, len(self._it) - 1, 2), len(self._it) - 1]
            self._it = [self._it[i] for i in keep]
            self._dW = [self._dW[i] for i in keep]
            self._W = [self._W[i] for i in keep]
        return True

    def truncate(self, iteration: int) -> None:
        """Forget the points after `iteration` (the run goes on from there)."""
        n = int(np.searchsorted(np.asarray(self._it, np.int64), iteration, side="right"))
        del self._it[n:], self._dW[n:], self._W[n:]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(iterations (n,), ‖dW[l]‖ (n, L), ‖W[l]‖ (n, L)) copies."""
        n, L = len(self._it), self.layers
        return (
            np.asarray(self._it, np.int64),
            np.asarray(self._dW, np.float64).reshape(n, L),
            np.asarray(self._W, np.float64).reshape(n, L),
        )

    def ratios(self) -> np.ndarray:
        """‖dW[l]‖ / ‖W[l]‖ (n, L) (inf where ‖W[l]‖ = 0)."""
        _, dW, W = self.arrays()
        with np.errstate(divide="ignore", invalid="ignore"):
            return dW / W

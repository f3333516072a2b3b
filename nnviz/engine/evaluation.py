"""Measures of one set of parameters beyond the training cost: accuracies and the test cost.

An Evaluation describes the network after `iteration` updates, like the cost J of that iteration
(the course's "Cost after iteration i"): train and test accuracy (share of examples with
(ŷ > 0.5) == y) and the test set's cost J_test (same loss as training, without the L2 term).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.losses import Loss
from nnviz.engine.network import Architecture, accuracy, forward


@dataclass(frozen=True)
class Evaluation:
    """Sampled measures at `iteration`: test cost, train and test accuracy in [0, 1] (None when
    there is no such data or the value is not finite)."""

    iteration: int
    test_cost: float | None
    train_accuracy: float | None
    test_accuracy: float | None


def _finite(v: float | None) -> float | None:
    return None if v is None or not np.isfinite(v) else float(v)


def evaluate(
    iteration: int,
    arch: Architecture,
    W: Sequence[np.ndarray],
    b: Sequence[np.ndarray],
    loss: Loss,
    X: np.ndarray,
    Y: np.ndarray,
    X_test: np.ndarray | None = None,
    Y_test: np.ndarray | None = None,
) -> Evaluation:
    """Evaluate W[l] (n_l, n_{l-1}), b[l] (n_l, 1) on X (n_x, m), Y (1, m) and the test set
    X_test (n_x, m_test), Y_test (1, m_test) (None or m_test = 0: no test figures)."""
    with np.errstate(over="ignore", invalid="ignore"):  # huge weights after a divergence
        train_acc = accuracy(arch, W, b, X, Y) if X.shape[1] else None
        test_cost = test_acc = None
        if X_test is not None and Y_test is not None and X_test.shape[1]:
            Z, A = forward(arch, W, b, X_test)
            test_cost = loss.cost(Z[-1], A[-1], Y_test)
            test_acc = float(np.mean((A[-1] > 0.5) == (Y_test > 0.5)))
    return Evaluation(int(iteration), _finite(test_cost), _finite(train_acc), _finite(test_acc))

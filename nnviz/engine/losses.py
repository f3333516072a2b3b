"""Losses of a sigmoid output unit, computed from its pre-activation Z[L] for stability.

Both take ZL, AL, Y of shape (1, m) and return the mean cost J (a Python float) and dZ[L],
the derivative of the per-example loss with respect to Z[L] (shape (1, m); the 1/m lives in dW, db).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def cross_entropy(ZL: np.ndarray, AL: np.ndarray, Y: np.ndarray) -> float:
    """J = -(1/m) sum(y log a + (1-y) log(1-a)), with a = sigma(z).

    Written as log(1 + e^z) - y z = max(z, 0) - y z + log1p(e^-|z|): no log(0), no overflow.
    """
    m = Y.shape[1]
    z = ZL
    per_example = np.maximum(z, 0) - Y * z + np.log1p(np.exp(-np.abs(z)))
    return float(np.sum(per_example, dtype=np.float64) / m)


def cross_entropy_dZ(ZL: np.ndarray, AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dZ[L] = A[L] - Y (the sigmoid's derivative cancels the loss's denominator)."""
    return AL - Y


def squared_error(ZL: np.ndarray, AL: np.ndarray, Y: np.ndarray) -> float:
    """J = (1/2m) sum (a - y)^2: non-convex in the weights when a = sigma(z)."""
    m = Y.shape[1]
    d = AL - Y
    return float(np.sum(d * d, dtype=np.float64) / (2 * m))


def squared_error_dZ(ZL: np.ndarray, AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dZ[L] = (A[L] - Y) * sigma'(Z[L]) = (A - Y) A (1 - A): vanishes when the unit saturates."""
    return (AL - Y) * AL * (1 - AL)


def cross_entropy_dA(AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dA[L] = -(y/a - (1-y)/(1-a)), for display; a is kept off 0 and 1 so it stays finite."""
    eps = np.finfo(AL.dtype).eps
    a = np.clip(AL, eps, 1 - eps)
    return -(Y / a - (1 - Y) / (1 - a))


def squared_error_dA(AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dA[L] = a - y."""
    return AL - Y


@dataclass(frozen=True)
class Loss:
    """cost(ZL, AL, Y) -> J; dZ(ZL, AL, Y) -> dZ[L]; dA(AL, Y) -> dA[L]; all arrays (1, m)."""

    name: str
    label: str
    cost: Callable[[np.ndarray, np.ndarray, np.ndarray], float]
    dZ: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
    dA: Callable[[np.ndarray, np.ndarray], np.ndarray]
    formula: str


LOSSES: dict[str, Loss] = {
    "cross-entropy": Loss(
        "cross-entropy",
        "cross-entropy",
        cross_entropy,
        cross_entropy_dZ,
        cross_entropy_dA,
        "J = -(1/m) Σ (y log a + (1 - y) log(1 - a))",
    ),
    "squared-error": Loss(
        "squared-error",
        "squared error",
        squared_error,
        squared_error_dZ,
        squared_error_dA,
        "J = (1/2m) Σ (a - y)²",
    ),
}


def get_loss(name: str) -> Loss:
    """The loss called `name` ("cross-entropy" or "squared-error"; "_" and "-" both accepted)."""
    key = name.strip().lower().replace("_", "-")
    key = {"ce": "cross-entropy", "mse": "squared-error", "squared": "squared-error"}.get(key, key)
    if key not in LOSSES:
        raise ValueError(f"unknown loss {name!r}: choose one of {', '.join(LOSSES)}")
    return LOSSES[key]

"""Activation functions g(z) and their derivatives g'(z), elementwise on arrays of any shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAK = 0.01


def sigmoid(z: np.ndarray) -> np.ndarray:
    """sigma(z) = 1 / (1 + exp(-z)), without overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


def _sigmoid_grad(z: np.ndarray) -> np.ndarray:
    s = sigmoid(z)
    return s * (1 - s)


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0)


def _relu_grad(z: np.ndarray) -> np.ndarray:
    return (z > 0).astype(z.dtype)


def leaky_relu(z: np.ndarray) -> np.ndarray:
    return np.where(z > 0, z, z * LEAK)


def _leaky_relu_grad(z: np.ndarray) -> np.ndarray:
    return np.where(z > 0, 1.0, LEAK).astype(z.dtype)


def _tanh_grad(z: np.ndarray) -> np.ndarray:
    t = np.tanh(z)
    return 1 - t * t


def linear(z: np.ndarray) -> np.ndarray:
    return z


def _linear_grad(z: np.ndarray) -> np.ndarray:
    return np.ones_like(z)


@dataclass(frozen=True)
class Activation:
    """A named activation: f is g(z), grad is g'(z); both elementwise, same shape and dtype as z."""

    name: str
    label: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("relu", "ReLU", relu, _relu_grad),
        Activation("leaky_relu", "leaky ReLU", leaky_relu, _leaky_relu_grad),
        Activation("tanh", "tanh", np.tanh, _tanh_grad),
        Activation("sigmoid", "sigmoid", sigmoid, _sigmoid_grad),
        Activation("linear", "linear", linear, _linear_grad),
    )
}
HIDDEN_ACTIVATIONS = tuple(ACTIVATIONS)
OUTPUT_ACTIVATION = "sigmoid"


def get_activation(name: str) -> Activation:
    """The activation called `name` (also accepts "leaky-relu"); ValueError names the choices."""
    key = name.strip().lower().replace("-", "_")
    if key not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}: choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[key]

"""The course's own L-layer network code, in plain numpy: the reference the engine is timed against.

A faithful, compact copy of the course's assignment functions (initialize_parameters_deep,
L_model_forward, compute_cost, L_model_backward, update_parameters): float64, full batch, caches
of (A_prev, W, b, Z) per layer, dA_prev = W^T dZ for every layer but the first (the course also
computes dA[0] = W[1]^T dZ[1], which nothing uses; it is left out here, as the issue asks).

course_model(X, Y, layer_dims, ...) runs it in process. As a script it is the whole-process
reference of `nnviz bench`: `python course.py TRAIN.h5 TEST.h5 [ITERATIONS]` loads the course's
files, trains the L-layer network (12288, 20, 7, 5, 1) with lr 0.0075 and prints the costs every
100 iterations and the accuracies, like the course's notebook. It imports only numpy and h5py, so
it times the course's code and nothing of nnviz.
"""

from __future__ import annotations

import sys

import numpy as np


def initialize_parameters_deep(layer_dims) -> dict:
    """W1..WL as the course draws them: np.random.seed(1), randn(n_l, n_{l-1}) / sqrt(n_{l-1})."""
    np.random.seed(1)
    p = {}
    for l in range(1, len(layer_dims)):
        p[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        p[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return p


def L_model_forward(X, p: dict) -> tuple[np.ndarray, list]:
    """ReLU layers then a sigmoid unit; returns AL (1, m) and the caches."""
    caches, A, L = [], X, len(p) // 2
    for l in range(1, L + 1):
        W, b = p[f"W{l}"], p[f"b{l}"]
        Z = np.dot(W, A) + b
        A_next = 1 / (1 + np.exp(-Z)) if l == L else np.maximum(0, Z)
        caches.append((A, W, b, Z))
        A = A_next
    return A, caches


def compute_cost(AL, Y) -> float:
    m = Y.shape[1]
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    return float(np.squeeze(cost))


def L_model_backward(AL, Y, caches) -> dict:
    """Gradients dW1..dWL, db1..dbL (no dA0)."""
    grads, L = {}, len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in range(L, 0, -1):
        A_prev, W, _b, Z = caches[l - 1]
        m = A_prev.shape[1]
        if l == L:
            s = 1 / (1 + np.exp(-Z))
            dZ = dA * s * (1 - s)
        else:
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
        grads[f"dW{l}"] = 1.0 / m * np.dot(dZ, A_prev.T)
        grads[f"db{l}"] = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(W.T, dZ)
    return grads


def update_parameters(p: dict, grads: dict, lr: float) -> dict:
    for l in range(1, len(p) // 2 + 1):
        p[f"W{l}"] = p[f"W{l}"] - lr * grads[f"dW{l}"]
        p[f"b{l}"] = p[f"b{l}"] - lr * grads[f"db{l}"]
    return p


def course_model(X, Y, layer_dims, lr: float = 0.0075, iterations: int = 2500, every: int = 0):
    """The course's L_layer_model: (parameters, costs); prints every `every` iterations if > 0."""
    p, costs = initialize_parameters_deep(layer_dims), []
    for i in range(iterations):
        AL, caches = L_model_forward(X, p)
        cost = compute_cost(AL, Y)
        p = update_parameters(p, L_model_backward(AL, Y, caches), lr)
        if every and (i % every == 0 or i == iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}", flush=True)
        costs.append(cost)
    return p, costs


def predict_accuracy(X, Y, p: dict) -> float:
    AL, _ = L_model_forward(X, p)
    return float(np.mean((AL > 0.5) == Y))


def _load(path: str, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    import h5py

    with h5py.File(path, "r") as f:
        x, y = np.array(f[f"{prefix}_set_x"][:]), np.array(f[f"{prefix}_set_y"][:])
    return x.reshape(x.shape[0], -1).T / 255.0, y.reshape(1, -1)


def main(argv: list[str]) -> int:
    train, test = argv[0], argv[1]
    iterations = int(argv[2]) if len(argv) > 2 else 2500
    X, Y = _load(train, "train")
    Xt, Yt = _load(test, "test")
    p, _ = course_model(X, Y, (X.shape[0], 20, 7, 5, 1), 0.0075, iterations, every=100)
    print(f"Train accuracy: {predict_accuracy(X, Y, p):.4f}")
    print(f"Test accuracy: {predict_accuracy(Xt, Yt, p):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

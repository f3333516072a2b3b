"""Weight initialisations. Biases start at zero; W[l] is (n_l, n_{l-1}).

`course` and `small` draw exactly as the course does: numpy's legacy RandomState(seed).randn for
W1, W2, ... in order and nothing else, always in float64 (then cast), so float32 and float64 runs
start from the same numbers and float64 runs reproduce the course's printed costs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

INITS = ("course", "small", "he", "xavier", "zeros")


def _scale(method: str, n_prev: int, n: int) -> float:
    if method == "course":
        return 1.0 / np.sqrt(n_prev)
    if method == "small":
        return 0.01
    if method == "he":
        return np.sqrt(2.0 / n_prev)
    if method == "xavier":
        return np.sqrt(2.0 / (n_prev + n))
    raise ValueError(f"unknown initialisation {method!r}: choose one of {', '.join(INITS)}")


def initialize(
    layer_dims: Sequence[int],
    method: str = "course",
    seed: int = 1,
    dtype: np.dtype | type = np.float32,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Return (W, b) for layer_dims = [n_x, n_1, ..., n_L].

    W[l] is (n_l, n_{l-1}) and b[l] is (n_l, 1) for l = 1..L; index 0 of both lists is a (0, 0)
    placeholder so that indices match the course's layer numbers.
    """
    method = method.strip().lower()
    if method not in INITS:
        raise ValueError(f"unknown initialisation {method!r}: choose one of {', '.join(INITS)}")
    rng = np.random.RandomState(seed)
    W = [np.zeros((0, 0), dtype=dtype)]
    b = [np.zeros((0, 0), dtype=dtype)]
    for l in range(1, len(layer_dims)):
        n_prev, n = int(layer_dims[l - 1]), int(layer_dims[l])
        if method == "zeros":
            w = np.zeros((n, n_prev))
        elif method == "course":
            w = rng.randn(n, n_prev) / np.sqrt(n_prev)  # exactly the course's expression
        else:
            w = rng.randn(n, n_prev) * _scale(method, n_prev, n)
        W.append(np.ascontiguousarray(w, dtype=dtype))
        b.append(np.zeros((n, 1), dtype=dtype))
    return W, b

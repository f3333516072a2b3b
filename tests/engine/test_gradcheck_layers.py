"""The gradient check layer by layer: every activation and loss passes; a broken backprop fails."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import ACTIVATIONS, LOSSES, Architecture, get_loss, initialize
from nnviz.engine.gradcheck import gradient_check
from nnviz.engine.gradcheck_layers import check_layers, relative_difference, verdict
from nnviz.engine.network import backward, forward


def small_case(activation: str, seed: int = 7):
    rng = np.random.default_rng(seed)
    arch = Architecture((5, 4, 3, 1), activation)
    W, b = initialize(arch.layer_dims, "he", seed=2, dtype=np.float64)
    b = [v + rng.normal(scale=0.1, size=v.shape) for v in b]
    X = rng.normal(size=(5, 9))
    Y = (rng.random((1, 9)) > 0.5).astype(float)
    return arch, W, b, X, Y


@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_every_layer_is_good_for_every_activation_and_loss(activation, loss):
    arch, W, b, X, Y = small_case(activation)
    r = check_layers(arch, W, b, X, Y, get_loss(loss), l2=0.3)
    assert r.difference < 1e-7 and r.verdict == "good", f"{activation}/{loss}: {r}"
    assert all(c.difference < 1e-7 and c.checked_w == c.total_w for c in r.layers)
    whole = gradient_check(arch, W, b, X, Y, get_loss(loss), l2=0.3)  # the full-pass reference
    assert abs(r.difference - whole) < 1e-7


def test_a_dropped_activation_derivative_is_wrong_in_its_layer():
    arch, W, b, X, Y = small_case("tanh")
    loss = get_loss("cross-entropy")
    Z, A = forward(arch, W, b, X)
    g = backward(arch, W, Z, A, Y, loss)
    # layer 2's dZ without g'(Z[2]): dW[2] = (1/m) dA[2] A[1]^T, and layer 1 inherits the error
    dZ2 = g["dA"][2]
    broken = {"dW": list(g["dW"]), "db": list(g["db"])}
    broken["dW"][2] = dZ2 @ A[1].T / X.shape[1]
    broken["db"][2] = dZ2.mean(axis=1, keepdims=True)
    r = check_layers(arch, W, b, X, Y, loss, grads=broken)
    by_layer = {c.layer: c for c in r.layers}
    assert by_layer[2].difference > 1e-3 and by_layer[2].verdict == "wrong"
    assert by_layer[3].verdict == "good" and r.verdict == "wrong"


def test_a_large_first_layer_is_sampled_and_says_so():
    rng = np.random.default_rng(0)
    arch = Architecture((300, 8, 1), "relu")
    W, b = initialize(arch.layer_dims, "course", seed=1, dtype=np.float32)  # float32 run
    X = rng.random((300, 40)).astype(np.float32)
    Y = (rng.random((1, 40)) > 0.5).astype(np.float32)
    r = check_layers(arch, W, b, X, Y, get_loss("cross-entropy"), sample=500)
    first = r.layers[0]
    assert (first.checked_w, first.total_w, first.sampled) == (500, 2400, True)
    assert r.layers[1].checked_w == 8 and r.difference < 1e-7


def test_the_verdicts_and_the_difference():
    assert verdict(1e-9) == "good" and verdict(1e-5) == "look closer" and verdict(0.1) == "wrong"
    assert verdict(float("nan")) == "wrong"
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_difference(np.array([1.0, 0]), np.array([0, 1.0])) == pytest.approx(2**0.5 / 2)

"""The broken backprop: the gradient check calls it wrong, and training with it goes astray."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import ACTIVATIONS, Architecture, get_loss, initialize
from nnviz.engine.broken_backprop import broken_backward, descend
from nnviz.engine.gradcheck_layers import check_layers
from nnviz.engine.network import backward, forward


def case(activation: str):
    rng = np.random.default_rng(7)
    arch = Architecture((5, 4, 3, 1), activation)
    W, b = initialize(arch.layer_dims, "he", seed=2, dtype=np.float64)
    b = [v + rng.normal(scale=0.1, size=v.shape) for v in b]
    X = rng.normal(size=(5, 9))
    Y = (rng.random((1, 9)) > 0.5).astype(float)
    return arch, W, b, X, Y


@pytest.mark.parametrize("activation", [a for a in ACTIVATIONS if a != "linear"])
@pytest.mark.parametrize("loss", ["cross-entropy", "squared-error"])
def test_the_check_finds_the_broken_layer(activation, loss):
    arch, W, b, X, Y = case(activation)
    lo = get_loss(loss)
    Z, A = forward(arch, W, b, X)
    ok = broken_backward(arch, W, Z, A, Y, lo, 0.2, None)
    ref = backward(arch, W, Z, A, Y, lo, 0.2)
    for l in range(1, arch.L + 1):
        np.testing.assert_array_equal(ok["dW"][l], ref["dW"][l])
    for broken in range(1, arch.L + 1):
        g = broken_backward(arch, W, Z, A, Y, lo, 0.2, broken)
        r = check_layers(arch, W, b, X, Y, lo, 0.2, grads=g)
        by = {c.layer: c for c in r.layers}
        assert by[broken].difference > 1e-3 and r.verdict == "wrong", (broken, r)
        assert all(by[l].difference < 1e-7 for l in range(broken + 1, arch.L + 1))


def test_training_with_the_bug_differs_from_training_without_it():
    arch, W, b, X, Y = case("sigmoid")
    lo = get_loss("cross-entropy")
    good = descend(arch, W, b, X, Y, lo, lr=0.5, steps=50)
    bad = descend(arch, W, b, X, Y, lo, lr=0.5, steps=50, broken=2)
    assert good.shape == (51,) and good[-1] < good[0]
    assert bad[0] == good[0] and not np.allclose(bad[1:], good[1:])

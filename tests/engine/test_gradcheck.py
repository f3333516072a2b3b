"""Backprop against centred finite differences, in float64, for every activation and loss."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import ACTIVATIONS, LOSSES, Architecture, get_loss, initialize
from nnviz.engine.gradcheck import gradient_check


@pytest.mark.parametrize("loss", list(LOSSES))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_backprop_matches_finite_differences(activation, loss):
    rng = np.random.default_rng(7)
    arch = Architecture((5, 4, 3, 1), activation)
    W, b = initialize(arch.layer_dims, "he", seed=2, dtype=np.float64)
    b = [v + rng.normal(scale=0.1, size=v.shape) for v in b]
    X = rng.normal(size=(5, 9))
    Y = (rng.random((1, 9)) > 0.5).astype(float)
    diff = gradient_check(arch, W, b, X, Y, get_loss(loss), l2=0.3)
    assert diff < 2e-7, f"{activation}/{loss}: difference {diff:.2e}"

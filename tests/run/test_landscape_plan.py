"""The "gradient + random" plane's α range: the widest span where J stays within three times the
shown cost on both sides of ✚, uphill (α < 0) and downhill (α > 0), so a step along −∇J that
overshoots the valley does not squeeze the valley into a stripe at the picture's edge."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import Architecture, get_loss, initialize
from nnviz.engine.landscape import Params, Surface, gradient_direction, random_direction
from nnviz.engine.network import backward, forward
from nnviz.engine.snapshot import Snapshot
from nnviz.run.landscape_plan import SPANS, _gradient, compute

LOSS = "cross-entropy"


def trained(seed: int, dims: tuple[int, ...], steps: int):
    """A small relu network after `steps` steps of gradient descent (rate 0.5) on a linear rule."""
    rng = np.random.default_rng(seed)
    arch = Architecture(dims, "relu")
    W, b = initialize(dims, "he", seed=seed, dtype=np.float64)
    X = rng.normal(size=(dims[0], 60))
    Y = (X[0:1] + 0.5 * X[1:2] > 0).astype(float)
    for _ in range(steps):
        Z, A = forward(arch, W, b, X)
        g = backward(arch, W, Z, A, Y, get_loss(LOSS), 0.0)
        W = [W[0]] + [W[l] - 0.5 * g["dW"][l] for l in range(1, len(W))]
        b = [b[0]] + [b[l] - 0.5 * g["db"][l] for l in range(1, len(b))]
    snap = Snapshot(steps, dims, "relu", LOSS, 0.5, tuple(W), tuple(b), (), (), np.empty(0), None)
    return snap, X, Y


def surface_line(snap, X, Y):
    """J(α) along the gradient direction compute() uses (β = 0)."""
    arch = Architecture(snap.layer_dims, snap.activation)
    theta = Params.of(snap.W, snap.b)
    d1 = gradient_direction(theta, _gradient(arch, theta, X, Y, LOSS, 0.0))
    surface = Surface(arch, theta, d1, random_direction(theta, 2), X, Y)
    return lambda a: surface.at(a, 0.0)[LOSS]


def test_a_step_downhill_that_overshoots_narrows_the_gradient_planes_span():
    snap, X, Y = trained(seed=2, dims=(4, 5, 3, 1), steps=20)
    r = compute("gradient", snap, X, Y, n=9)
    J0 = float(np.interp(0.0, r.line_alphas, r.line[LOSS]))
    assert r.alphas[0] == -r.alphas[-1] == pytest.approx(-0.5)
    # J over the whole shown line stays within 3·J0, both ends included, and ✚ is in a valley
    assert r.line[LOSS].max() <= 3 * J0
    assert r.line[LOSS][0] > J0 and r.line[LOSS].min() < J0
    # the span 1 was refused because of the downhill side alone: back uphill J stays within
    # 3·J0 (all the former rule looked at), a step of 1 along −∇J overshoots past it
    J = surface_line(snap, X, Y)
    assert J(-1.0) <= 3 * J0 < J(1.0)


@pytest.mark.parametrize(
    ("seed", "dims", "steps", "span"),
    [
        (0, (2, 1), 0, 1.0),  # both sides gentle: the widest span
        (0, (2, 4, 1), 20, 0.5),  # held back by the uphill side, as before
        (2, (4, 5, 3, 1), 20, 0.5),  # held back by the downhill side
        (3, (4, 5, 3, 1), 200, 0.05),  # both sides steep far out
    ],
)
def test_the_span_is_the_widest_with_both_sides_within_three_times_the_cost(
    seed, dims, steps, span
):
    snap, X, Y = trained(seed, dims, steps)
    r = compute("gradient", snap, X, Y, n=5)
    assert r.alphas[-1] == -r.alphas[0] == pytest.approx(span)
    J = surface_line(snap, X, Y)
    bound = 3 * J(0.0)
    assert all(J(a) <= bound for a in (-span, -span / 2, span / 2, span))
    if span != SPANS[0]:
        wider = SPANS[SPANS.index(span) - 1]
        assert any(J(a) > bound for a in (-wider, -wider / 2, wider / 2, wider))

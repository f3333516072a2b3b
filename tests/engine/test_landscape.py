"""The loss landscape: its values are the engine's J; squared error is non-convex, cross-entropy
is convex for logistic regression; the directions and the path's principal plane."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import Architecture, get_loss, initialize
from nnviz.engine.gradcheck import cost_of
from nnviz.engine.landscape import (
    Params,
    Surface,
    axes_directions,
    gradient_direction,
    non_convex,
    path_plane,
    random_direction,
    second_differences,
)
from nnviz.engine.network import backward, forward


def small_case(l2: float = 0.0):
    rng = np.random.default_rng(3)
    arch = Architecture((6, 5, 3, 1), "relu")
    W, b = initialize(arch.layer_dims, "he", seed=2, dtype=np.float32)
    b = [v + rng.normal(scale=0.1, size=v.shape).astype(np.float32) for v in b]
    X = rng.normal(size=(6, 30))
    Y = (rng.random((1, 30)) > 0.5).astype(float)
    return arch, Params.of(W, b), X, Y


@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_the_surface_is_the_engines_cost_at_sampled_points(l2):
    arch, theta, X, Y = small_case()
    d1, d2 = random_direction(theta, 1), random_direction(theta, 2)
    s = Surface(arch, theta, d1, d2, X, Y, l2)
    grid = s.grid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 4))
    for j, c in enumerate(np.linspace(-1, 1, 4)):
        for i, a in [(0, -1.0), (3, 0.5), (4, 1.0)]:
            p = theta.like(theta.flat() + a * d1.flat() + c * d2.flat())
            for name in ("cross-entropy", "squared-error"):
                J = cost_of(arch, list(p.W), list(p.b), X, Y, get_loss(name), l2)
                assert grid[name][j, i] == pytest.approx(J, rel=1e-12, abs=1e-12)


def test_filter_normalised_directions_have_each_units_size():
    arch, theta, X, Y = small_case()
    d = random_direction(theta, 5)
    for l in range(1, arch.L + 1):
        got = np.linalg.norm(np.hstack([d.W[l], d.b[l]]), axis=1)
        want = np.linalg.norm(np.hstack([theta.W[l], theta.b[l]]), axis=1)
        np.testing.assert_allclose(got, want)
    Z, A = forward(arch, list(theta.W), list(theta.b), X)
    g = backward(arch, list(theta.W), Z, A, Y, get_loss("cross-entropy"))
    down = gradient_direction(theta, Params.of(g["dW"], g["db"]))
    s = Surface(arch, theta, down, None, X, Y)
    assert s.at(0.01, 0)["cross-entropy"] < s.at(0, 0)["cross-entropy"]  # downhill
    with pytest.raises(ValueError, match="gradient is zero"):
        gradient_direction(theta, theta.like(np.zeros(theta.flat().size)))


def test_the_paths_principal_plane_holds_a_straight_path():
    theta = small_case()[1]
    u, v = random_direction(theta, 1).flat(), random_direction(theta, 2).flat()
    path = [theta.like(theta.flat() + t * u + t * t * v) for t in np.linspace(-1, 0, 8)]
    plane = path_plane(theta, path)
    assert sum(plane.explained) == pytest.approx(1.0)
    rebuilt = plane.coords[:, :1] * plane.d1.flat() + plane.coords[:, 1:] * plane.d2.flat()
    np.testing.assert_allclose(rebuilt, [p.flat() - theta.flat() for p in path], atol=1e-9)
    assert np.allclose(plane.coords[-1], 0)


def test_logistic_regression_squared_error_is_non_convex_and_cross_entropy_convex():
    x = np.linspace(-2, 2, 40)[None, :]
    Y = (x > 0).astype(float)  # separable 1-D data
    arch = Architecture((1, 1))
    theta = Params.of(*initialize((1, 1), "zeros", dtype=np.float64))
    d1, d2, names, centre = axes_directions(theta)
    assert names == ("w", "b") and centre == (0.0, 0.0)
    s = Surface(arch, theta, d1, d2, x, Y)
    ws, bs = np.linspace(-12, 12, 41), np.linspace(-12, 12, 41)
    grid = s.grid(ws, bs)
    se, ce = non_convex(grid["squared-error"]), non_convex(grid["cross-entropy"])
    assert se.mean() > 0.2  # a large non-convex region (the flat, saturated plateaus)
    assert not ce.any()  # cross-entropy: convex everywhere
    assert second_differences(grid["squared-error"])["a"].min() < -1e-3

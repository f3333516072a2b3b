"""The engine's math: shapes, activations, losses, initialisations, stepping and divergence."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import (
    ACTIVATIONS,
    Architecture,
    Phase,
    TrainConfig,
    Trainer,
    TrainingDiverged,
    forward,
    get_loss,
    initialize,
    phases,
)
from nnviz.engine.activations import sigmoid
from nnviz.engine.losses import cross_entropy


def toy(n_x: int = 12, m: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.random((n_x, m))
    Y = (X[:3].sum(axis=0, keepdims=True) > 1.5).astype(float)
    return X, Y


def test_forward_shapes_follow_the_course():
    X, Y = toy(12, 40)
    t = Trainer(TrainConfig(hidden_layers=(5, 3)), X, Y)
    t.step()
    dims = (12, 5, 3, 1)
    for l in range(1, 4):
        assert t.W[l].shape == (dims[l], dims[l - 1])
        assert t.b[l].shape == (dims[l], 1)
        assert t.Z[l].shape == t.A[l].shape == t.dZ[l].shape == (dims[l], 40)
        assert t.dW[l].shape == t.W[l].shape and t.db[l].shape == t.b[l].shape
    assert t.dA[0] is None, "no gradient is computed for the input layer"
    assert t.dA[1].shape == (5, 40) and t.dA[3].shape == (1, 40)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_derivatives_match_finite_differences(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-4, 4, 81) + 0.013  # avoid the kink at 0
    h = 1e-6
    numeric = (act.f(z + h) - act.f(z - h)) / (2 * h)
    np.testing.assert_allclose(act.grad(z), numeric, atol=1e-6)


def test_sigmoid_does_not_overflow():
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        s = sigmoid(z)
    assert s[0] == 0.0 and s[2] == 0.5 and s[-1] == 1.0


def test_cross_entropy_is_stable_for_large_z():
    Z = np.array([[800.0, -800.0]])
    A = sigmoid(Z)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        confident_right = cross_entropy(Z, A, np.array([[1.0, 0.0]]))
        confident_wrong = cross_entropy(Z, A, np.array([[0.0, 1.0]]))
    assert confident_right == 0.0
    assert confident_wrong == pytest.approx(800.0)


def test_cross_entropy_equals_the_course_formula():
    rng = np.random.default_rng(3)
    Z = rng.normal(size=(1, 30))
    A = sigmoid(Z)
    Y = (rng.random((1, 30)) > 0.5).astype(float)
    course = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert cross_entropy(Z, A, Y) == pytest.approx(course, rel=1e-12)


def test_squared_error_gradient_vanishes_when_saturated():
    loss = get_loss("squared-error")
    Z = np.array([[-12.0]])
    A = sigmoid(Z)
    Y = np.array([[1.0]])
    assert loss.cost(Z, A, Y) == pytest.approx(0.5, abs=1e-5)  # completely wrong...
    assert abs(loss.dZ(Z, A, Y)[0, 0]) < 1e-5  # ...yet almost no gradient
    assert get_loss("cross-entropy").dZ(Z, A, Y)[0, 0] == pytest.approx(-1.0, abs=1e-5)


def test_course_init_draws_like_the_course():
    W, b = initialize((12288, 20, 7, 5, 1), "course", seed=1, dtype=np.float64)
    np.random.seed(1)  # the course's own code, on the legacy global generator
    for l, (n, n_prev) in enumerate([(20, 12288), (7, 20), (5, 7), (1, 5)], start=1):
        expected = np.random.randn(n, n_prev) / np.sqrt(n_prev)
        np.testing.assert_array_equal(W[l], expected)
        np.testing.assert_array_equal(b[l], np.zeros((n, 1)))


def test_small_init_draws_like_the_two_layer_course_model():
    W, _ = initialize((12288, 7, 1), "small", seed=1, dtype=np.float64)
    np.random.seed(1)
    np.testing.assert_array_equal(W[1], np.random.randn(7, 12288) * 0.01)
    np.testing.assert_array_equal(W[2], np.random.randn(1, 7) * 0.01)


def test_init_does_not_touch_the_global_rng():
    np.random.seed(5)
    before = np.random.get_state()[1].copy()
    initialize((10, 4, 1), "he", seed=1)
    np.testing.assert_array_equal(np.random.get_state()[1], before)


def test_float32_and_float64_start_from_the_same_draws():
    W32, _ = initialize((30, 4, 1), "course", 1, np.float32)
    W64, _ = initialize((30, 4, 1), "course", 1, np.float64)
    assert W32[1].dtype == np.float32
    np.testing.assert_array_equal(W32[1], W64[1].astype(np.float32))


def test_zeros_init_keeps_hidden_units_identical():
    X, Y = toy()
    t = Trainer(TrainConfig(hidden_layers=(4,), init="zeros", activation="tanh"), X, Y)
    t.run(20)
    assert np.allclose(t.W[1], t.W[1][0])  # the symmetry is never broken


def test_phases_run_in_the_course_order():
    X, Y = toy()
    t = Trainer(TrainConfig(hidden_layers=(4, 3)), X, Y)
    seen = [t.step_phase() for _ in range(len(phases(3)))]
    assert seen == phases(3)
    assert [str(p) for p in seen[:4]] == [
        "forward through layer 1",
        "forward through layer 2",
        "forward through layer 3",
        "cost",
    ]
    assert seen[-1] == Phase("update") and t.iteration == 1 and not t.mid_iteration


def test_stepping_phases_equals_whole_iterations_bit_for_bit():
    X, Y = toy()
    cfg = TrainConfig(hidden_layers=(6, 3), batch_size=16, l2=0.1)
    a, b = Trainer(cfg, X, Y), Trainer(cfg, X, Y)
    a.run(5)
    for _ in range(5 * len(phases(3))):
        b.step_phase()
    assert a.costs == b.costs
    for l in range(1, 4):
        np.testing.assert_array_equal(a.W[l], b.W[l])
        np.testing.assert_array_equal(a.b[l], b.b[l])


def test_step_finishes_an_iteration_in_progress():
    X, Y = toy()
    t = Trainer(TrainConfig(hidden_layers=(3,)), X, Y)
    t.step_phase()
    t.step_phase()
    t.step()
    assert t.iteration == 1 and len(t.costs) == 1


def test_run_stops_between_iterations():
    X, Y = toy()
    t = Trainer(TrainConfig(hidden_layers=(3,)), X, Y)
    done = t.run(1000, should_stop=lambda: t.iteration >= 7)
    assert done == 7 and t.iteration == 7 and not t.mid_iteration


def test_training_lowers_the_cost_and_minibatches_are_seeded():
    X, Y = toy(m=64)
    cfg = TrainConfig(hidden_layers=(8,), lr=0.5, batch_size=16, seed=3)
    a, b = Trainer(cfg, X, Y), Trainer(cfg, X, Y)
    a.run(200)
    b.run(200)
    assert a.costs == b.costs
    assert np.mean(a.costs[-16:]) < 0.8 * np.mean(a.costs[:16])


def test_learning_rate_changes_live():
    X, Y = toy()
    t = Trainer(TrainConfig(hidden_layers=(3,)), X, Y)
    t.step()
    w = t.W[1].copy()
    t.lr = 0.0
    t.step()
    np.testing.assert_array_equal(t.W[1], w)


def test_divergence_stops_and_keeps_the_last_finite_parameters():
    X, Y = toy()
    X = X * 50
    cfg = TrainConfig(hidden_layers=(5,), activation="linear", lr=10.0, dtype="float64")
    t = Trainer(cfg, X, Y)
    kept = {}

    def remember(tr):
        kept[tr.iteration] = [w.copy() for w in tr.W]

    remember(t)
    with pytest.raises(
        TrainingDiverged, match=r"at iteration (\d+): the learning rate 10 is too large"
    ):
        t.run(10_000, on_iteration=remember)
    i = t.iteration
    assert np.isfinite(t.costs).all() and len(t.costs) == i
    for l in (1, 2):
        np.testing.assert_array_equal(t.W[l], kept[i][l])
    assert t.step_phase() == Phase("forward", 1)  # training can continue from there


def test_invalid_configs_are_refused_with_the_value():
    for bad, match in [
        ({"lr": -1}, "learning rate"),
        ({"lr": float("nan")}, "learning rate"),
        ({"batch_size": 0}, "mini-batch"),
        ({"l2": -0.1}, "L2"),
        ({"dtype": "float16"}, "dtype"),
        ({"loss": "hinge"}, "hinge"),
    ]:
        with pytest.raises(ValueError, match=match):
            TrainConfig(**bad)
    with pytest.raises(ValueError, match="swish"):
        Architecture((4, 2, 1), "swish")
    with pytest.raises(ValueError, match="positive"):
        Architecture((4, 0, 1))


def test_logistic_regression_is_the_no_hidden_layer_case():
    X, Y = toy()
    t = Trainer(TrainConfig(hidden_layers=(), init="zeros", lr=0.1), X, Y)
    assert t.arch.L == 1 and t.costs == []
    t.run(3)
    _Z, A = forward(t.arch, t.W, t.b, t.X)
    assert A[1].shape == (1, 40)

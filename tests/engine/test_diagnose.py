"""The diagnosis numbers (nnviz.engine.diagnose) against the engine's own predictions and
against finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import diagnose as dg
from nnviz.engine.evaluation import evaluate
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, predict_proba


def _net(dims, hidden="relu", seed=0):
    rng = np.random.default_rng(seed)
    arch = Architecture(tuple(dims), hidden)
    W = [np.zeros((0, 0))] + [
        rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        for l in range(1, len(dims))
    ]
    b = [np.zeros((0, 0))] + [rng.standard_normal((dims[l], 1)) * 0.1 for l in range(1, len(dims))]
    return arch, W, b


def test_confusion_matches_the_engines_predictions_and_accuracy():
    rng = np.random.default_rng(1)
    arch, W, b = _net((12, 6, 3, 1))
    X = rng.standard_normal((12, 80))
    Y = (rng.random((1, 80)) > 0.4).astype(float)
    P = dg.probabilities(arch, W, b, X)
    np.testing.assert_array_equal(P, predict_proba(arch, W, b, X).reshape(-1))
    cm = dg.confusion(Y, P)
    pred = (P > 0.5).astype(int)
    y = Y.reshape(-1).astype(int)
    for a in (0, 1):
        for q in (0, 1):
            expect = np.flatnonzero((y == a) & (pred == q))
            np.testing.assert_array_equal(cm.examples(a, q), expect)
            assert cm.counts[a, q] == len(expect)
    assert cm.m == 80
    ev = evaluate(0, arch, W, b, get_loss("cross-entropy"), X, Y)
    assert cm.accuracy() == pytest.approx(ev.train_accuracy)
    tp, fp, fn = (
        np.sum((pred == 1) & (y == 1)),
        np.sum((pred == 1) & (y == 0)),
        np.sum((pred == 0) & (y == 1)),
    )
    assert cm.precision(1) == pytest.approx(tp / (tp + fp))
    assert cm.recall(1) == pytest.approx(tp / (tp + fn))
    np.testing.assert_allclose(cm.rates().sum(axis=1), 1.0)


def test_confusion_of_nothing_and_of_one_class():
    cm = dg.confusion(np.zeros((1, 0)), np.zeros(0))
    assert cm.m == 0 and np.isnan(cm.accuracy()) and np.isnan(cm.recall(1))
    cm = dg.confusion(np.ones(3), np.array([0.9, 0.2, 0.7]))
    assert cm.counts.tolist() == [[0, 0], [1, 2]]
    assert np.isnan(cm.recall(0)) and cm.precision(1) == 1.0 and cm.precision(0) == 0.0
    with pytest.raises(ValueError, match="3 labels but 2 predictions"):
        dg.confusion(np.ones(3), np.ones(2))


def test_misclassified_sorted_by_how_wrong():
    Y = np.array([[1, 0, 1, 0, 1, 0]])
    P = np.array([0.4, 0.9, 0.05, 0.1, 0.8, 0.51])
    assert dg.misclassified(Y, P).tolist() == [2, 1, 0, 5]
    np.testing.assert_allclose(dg.wrongness(Y, P), [0.6, 0.9, 0.95, 0.1, 0.2, 0.51])
    assert dg.misclassified(Y, np.array([np.nan, 0, 1, 0, 1, 0])).tolist() == [0]


@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_input_gradient_equals_finite_differences(hidden):
    arch, W, b = _net((30, 8, 5, 1), hidden, seed=3)
    x = np.random.default_rng(4).random(30)
    yhat, g = dg.input_gradient(arch, W, b, x)
    assert yhat == pytest.approx(float(predict_proba(arch, W, b, x[:, None])[0, 0]))
    fd = dg.finite_difference(arch, W, b, x, np.arange(30))
    np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-9)


def test_input_gradient_of_logistic_regression_is_sigma_prime_times_w():
    arch, W, b = _net((5, 1), seed=2)
    x = np.arange(5) / 5
    yhat, g = dg.input_gradient(arch, W, b, x)
    np.testing.assert_allclose(g, yhat * (1 - yhat) * W[1].reshape(-1))


def test_pixel_maps_sum_channels_in_course_order():
    shape = (2, 3, 3)
    grad = np.arange(18, dtype=float) - 9
    x = np.linspace(0, 1, 18)
    signed, weighted = dg.pixel_maps(grad, x, shape)
    assert signed.shape == weighted.shape == (2, 3)
    np.testing.assert_allclose(signed, grad.reshape(shape).sum(-1))
    np.testing.assert_allclose(weighted, (np.abs(grad) * x).reshape(shape).sum(-1))

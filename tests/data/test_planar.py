"""Playground's 2-D datasets (nnviz.data.planar): shapes, balance, noise, split, features, specs,
and the per-dataset defaults reaching the issue's test accuracies within 2000 iterations."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.data.errors import DataError
from nnviz.data.planar import (
    DEFAULTS,
    FEATURE_KEYS,
    PLANAR,
    PlanarSpec,
    default_spec,
    features_of,
    is_planar,
    load_planar,
    make_planar,
    parse_spec,
    plane_points,
)
from nnviz.engine.network import accuracy
from nnviz.engine.trainer import TrainConfig, Trainer

TARGET = {"circle": 0.95, "xor": 0.95, "gaussian": 0.95, "spiral": 0.90}


@pytest.mark.parametrize("kind", list(PLANAR))
def test_shapes_balance_and_split(kind):
    ds = make_planar(default_spec(kind))
    n_x = len(DEFAULTS[kind].features)
    assert ds.X.shape == (n_x, 250) and ds.X_test.shape == (n_x, 250)
    assert ds.Y.shape == (1, 250) and ds.Y_test.shape == (1, 250)
    assert ds.points.shape == (2, 250) and ds.points_test.shape == (2, 250)
    assert ds.image_shape is None and ds.class_names == ("orange", "blue")
    y = np.concatenate([ds.Y[0], ds.Y_test[0]])
    assert set(np.unique(y)) == {0.0, 1.0}
    assert 0.4 <= y.mean() <= 0.6  # about balanced, as Playground draws them
    assert 0.3 <= ds.Y.mean() <= 0.7 and 0.3 <= ds.Y_test.mean() <= 0.7  # both halves
    assert np.abs(ds.points).max() < 6.5  # inside the plane shown
    np.testing.assert_allclose(ds.X[0], ds.points[0], rtol=1e-6)  # x1 is the first feature
    again = make_planar(default_spec(kind))
    np.testing.assert_array_equal(ds.points, again.points)  # the same spec, the same points


def test_playground_geometry_without_noise():
    c = make_planar(PlanarSpec("circle"))
    r = np.hypot(*c.points)
    assert np.all(r[c.Y[0] == 1] <= 2.5) and np.all(r[c.Y[0] == 0] >= 3.5)
    x = make_planar(PlanarSpec("xor"))
    assert np.all((x.points[0] * x.points[1] >= 0) == (x.Y[0] == 1))
    assert np.all(np.abs(x.points) >= 0.3)
    g = make_planar(PlanarSpec("gaussian"))
    assert g.points[:, g.Y[0] == 1].mean(axis=1) == pytest.approx([2, 2], abs=0.3)
    assert g.points[:, g.Y[0] == 0].mean(axis=1) == pytest.approx([-2, -2], abs=0.3)
    s = make_planar(PlanarSpec("spiral"))
    assert np.hypot(*s.points).max() <= 5.0


def test_noise_ratio_and_seed():
    clean = make_planar(PlanarSpec("xor"))
    noisy = make_planar(PlanarSpec("xor", noise=0.5))
    wrong = np.mean((noisy.points[0] * noisy.points[1] >= 0) != (noisy.Y[0] == 1))
    assert wrong > 0.1 and np.all((clean.points[0] * clean.points[1] >= 0) == (clean.Y[0] == 1))
    g0, g5 = make_planar(PlanarSpec("gaussian")), make_planar(PlanarSpec("gaussian", noise=0.5))
    assert g5.points.std() > g0.points.std()
    r = make_planar(PlanarSpec("circle", ratio=0.1))
    assert (r.m, r.m_test) == (50, 450)
    other = make_planar(PlanarSpec("circle", seed=2))
    assert not np.array_equal(other.points, make_planar(PlanarSpec("circle")).points)


def test_features_are_computed_from_the_points():
    spec = PlanarSpec("spiral", features=FEATURE_KEYS)
    ds = make_planar(spec)
    x1, x2 = ds.points
    want = np.stack([x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)])
    np.testing.assert_allclose(ds.X, want.astype(np.float32), rtol=1e-6)
    assert spec.labels == ("x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂")
    order = PlanarSpec("circle", features=("sin2", "x1")).features
    assert order == ("x1", "sin2")  # canonical order, whatever the order given
    grid = np.array([[0.0, 1.0], [2.0, 3.0]])
    np.testing.assert_allclose(features_of(ds, grid)[6], np.sin(grid[1]))
    points, test = plane_points(ds)
    assert points is ds.points and test is ds.points_test


def test_specs_as_text_and_their_errors():
    assert is_planar("Spiral") and is_planar("xor:noise=10") and not is_planar("cats")
    spec = parse_spec("circle:noise=20,ratio=70,seed=3,features=x1sq+x2sq")
    assert (spec.noise, spec.ratio, spec.seed, spec.features) == (0.2, 0.7, 3, ("x1sq", "x2sq"))
    assert parse_spec(spec.text()) == spec
    assert load_planar("spiral").source == default_spec("spiral").text()
    for bad, words in [
        ("moon", "no 2-D dataset"),
        ("circle:noise=60", "noise must be 0 to 50"),
        ("circle:ratio=5", "10 to 90"),
        ("circle:seed=x", "is not setting=number"),
        ("circle:colour=3", "unknown setting"),
        ("circle:features=x3", "features must be some of"),
        ("circle:features=", "features must be some of"),
    ]:
        with pytest.raises(DataError, match=words):
            parse_spec(bad)


@pytest.mark.parametrize("kind", list(PLANAR))
def test_defaults_reach_the_target_test_accuracy_within_2000_iterations(kind):
    d = DEFAULTS[kind]
    ds = load_planar(kind)
    X, Y, X_test, Y_test = ds.as_dtype("float64")
    cfg = TrainConfig(hidden_layers=d.hidden_layers, activation=d.activation, lr=d.lr)
    t = Trainer(cfg, X, Y)
    t.run(2000)
    assert accuracy(t.arch, t.W, t.b, X_test, Y_test) >= TARGET[kind]


def test_the_cli_takes_the_datasets_defaults_unless_given():
    from types import SimpleNamespace

    from nnviz.data.planar import cli_config

    ds = load_planar("spiral")
    base = TrainConfig()
    cfg = cli_config(ds, base, SimpleNamespace(layers=None, activation=None, lr=base.lr))
    assert (cfg.hidden_layers, cfg.activation, cfg.lr) == ((8, 8, 8, 8), "tanh", 0.1)
    mine = cli_config(ds, base.with_(lr=0.5), SimpleNamespace(layers="3", activation=None, lr=0.5))
    assert (mine.hidden_layers, mine.activation, mine.lr) == ((20, 7, 5), "tanh", 0.5)
    from nnviz.data import load_dataset

    cats = load_dataset("cats")
    assert cli_config(cats, base, SimpleNamespace(layers=None, activation=None, lr=0.0075)) is base


def test_names_reopen_the_same_data():
    assert load_planar("xor").name == "xor"  # the chooser's name at the defaults
    ds = load_planar("xor:noise=20,seed=4")
    assert ds.name == ds.source == ds.spec.text()  # else the whole spec, which reopens it
    again = load_planar(ds.name)
    np.testing.assert_array_equal(again.points, ds.points)

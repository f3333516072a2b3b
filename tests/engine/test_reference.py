"""The course's printed costs and accuracies, reproduced with the DEFAULT settings on the course's
own data (skips without it): float64 is the default, and layer 1 runs in dual form."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

from nnviz.engine import TrainConfig, Trainer, accuracy


def _split(path, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    with h5py.File(path, "r") as f:
        x, y = f[f"{prefix}_set_x"][:], f[f"{prefix}_set_y"][:]
    return x.reshape(x.shape[0], -1).T / 255.0, y.reshape(1, -1)


@pytest.fixture(scope="module")
def course_data(catvnoncat):
    return (
        *_split(catvnoncat / "train_catvnoncat.h5", "train"),
        *_split(catvnoncat / "test_catvnoncat.h5", "test"),
    )


# (config, iterations, {iteration: printed cost}, train accuracy, test accuracy)
COURSE = [
    (TrainConfig(), 2500, {0: 0.771749, 100: 0.672053, 2400: 0.092878}, 0.9856, 0.80),
    (
        TrainConfig(hidden_layers=(7,), init="small"),
        2500,
        {0: 0.693050, 100: 0.646432, 2400: 0.048555},
        1.00,
        0.72,
    ),
    (
        TrainConfig(hidden_layers=(), init="zeros", lr=0.005),
        2000,
        {0: 0.693147, 100: 0.584508, 1900: 0.140872},
        0.9904,
        0.70,
    ),
]


@pytest.mark.parametrize(("config", "n", "costs", "train", "test"), COURSE)
def test_the_course_runs_with_the_defaults(course_data, config, n, costs, train, test):
    X, Y, Xt, Yt = course_data
    t = Trainer(config, X, Y)
    assert t.config.dtype == "float64" and t.form == "dual"
    t.run(n)
    for i, c in costs.items():
        assert abs(t.costs[i] - c) <= 1.5e-6, f"cost after iteration {i}: {t.costs[i]}"
    assert round(accuracy(t.arch, t.W, t.b, X, Y), 4) == train
    assert round(accuracy(t.arch, t.W, t.b, Xt, Yt), 2) == test

"""The course's runs: its data recognised by content, its settings matched, its printed costs."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.course_runs import RUNS, content_sha256, course_run, is_course_data


def test_the_three_runs_are_the_courses_settings_and_printed_costs():
    lr, two, deep = RUNS
    assert lr.matches(TrainConfig(hidden_layers=(), init="zeros", lr=0.005, seed=7))
    assert two.matches(TrainConfig(hidden_layers=(7,), init="small", lr=0.0075))
    assert deep.matches(TrainConfig()) and deep.matches(TrainConfig(dtype="float32"))
    for cfg in (
        TrainConfig(lr=0.01),
        TrainConfig(seed=2),
        TrainConfig(l2=0.1),
        TrainConfig(loss="squared-error"),
        TrainConfig(batch_size=64),
        TrainConfig(activation="tanh"),
    ):
        assert not any(r.matches(cfg) for r in RUNS), cfg
    # the figures data/README.md of the reference data gives: J at 0 / 100 / last printed
    assert (lr.costs[0], lr.costs[1], lr.costs[19]) == (0.693147181, 0.584508364, 0.140872076)
    assert (two.costs[0], two.costs[1], two.costs[24]) == (0.693049736, 0.646432095, 0.048554786)
    assert (deep.costs[0], deep.costs[1], deep.costs[24]) == (0.771749328, 0.67205344, 0.092878215)
    np.testing.assert_array_equal(deep.iterations()[[0, -1]], [0, 2400])
    assert (deep.train_accuracy, deep.test_accuracy) == (0.9856, 0.80)


def test_other_data_is_not_the_courses():
    from nnviz.data import load_dataset

    ds = load_dataset("cats")
    assert not is_course_data(ds) and course_run(ds, TrainConfig()) is None
    assert content_sha256(None, ds.Y) is None


def test_the_courses_data_is_recognised_and_training_repeats_its_costs(catvnoncat):
    from nnviz.data import load_dataset

    ds = load_dataset(str(catvnoncat / "train_catvnoncat.h5"))
    assert is_course_data(ds) and course_run(ds, TrainConfig()) is RUNS[2]
    X, Y, _, _ = ds.as_dtype("float64")
    t = Trainer(TrainConfig(hidden_layers=(7,), init="small"), X, Y)
    t.run(101)
    costs = t.costs.view()
    assert costs[0] == pytest.approx(RUNS[1].costs[0], abs=1e-9)
    assert costs[100] == pytest.approx(RUNS[1].costs[1], abs=1e-9)

"""The course's printed costs, reproduced on the course's own data (skips without it)."""

from __future__ import annotations

import h5py
import pytest

from nnviz.engine import TrainConfig, Trainer


@pytest.fixture(scope="module")
def course_xy(catvnoncat):
    with h5py.File(catvnoncat / "train_catvnoncat.h5", "r") as f:
        x, y = f["train_set_x"][:], f["train_set_y"][:]
    return x.reshape(x.shape[0], -1).T / 255.0, y.reshape(1, -1)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (TrainConfig(dtype="float64"), (0.771749, 0.672053)),
        (TrainConfig(hidden_layers=(7,), init="small", dtype="float64"), (0.693050, 0.646432)),
        (
            TrainConfig(hidden_layers=(), init="zeros", lr=0.005, dtype="float64"),
            (0.693147, 0.584508),
        ),
    ],
)
def test_first_costs_match_the_course(course_xy, config, expected):
    t = Trainer(config, *course_xy)
    t.run(101)
    assert round(t.costs[0], 6) == expected[0]
    assert round(t.costs[100], 6) == expected[1]

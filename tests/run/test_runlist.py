"""The session's run list: runs start with their settings and history, the current one grows."""

from __future__ import annotations

import numpy as np

from nnviz.engine.evaluation import Evaluation
from nnviz.engine.trainer import TrainConfig
from nnviz.run.runlist import RunList


def test_runs_start_grow_and_keep_their_figures():
    rl = RunList(max_runs=3)
    a = rl.start("start", TrainConfig(), "cats")
    rl.add_costs(np.arange(5), np.linspace(0.7, 0.5, 5))
    rl.add_costs(np.array([3, 4, 5]), np.array([9.0, 9.0, 0.45]))  # only the newer one counts
    rl.add_evaluation(Evaluation(5, 0.6, 0.8, 0.7))
    rl.learning_rate(0.0075)
    rl.learning_rate(0.02)
    assert a.final() == {"iteration": 5, "J": 0.45, "train_accuracy": 0.8, "test_accuracy": 0.7}
    assert a.settings()["lr"] == "0.0075 → 0.02" and a.settings()["batch"] == "all"
    b = rl.start(
        "continued from run 1 at iteration 3",
        TrainConfig(lr=0.02),
        "cats",
        *a.costs.arrays(upto=3),
        a.evaluations.items,
    )
    assert rl.current is b and b.number == 2 and b.final()["iteration"] == 3
    assert a.final()["iteration"] == 5  # the old run keeps what it had
    rl.start("reset", TrainConfig(hidden_layers=(4,)), "cats")
    rl.start("reset", TrainConfig(), "cats")  # run 3 never trained: it gives way
    assert [r.number for r in rl.runs] == [1, 2, 4] and rl.find(3) is None
    rl.add_costs(np.arange(3), np.ones(3))
    rl.start("reset", TrainConfig(), "cats")  # at most 3 runs: the oldest goes
    assert [r.number for r in rl.runs] == [2, 4, 5] and rl.find(1) is None
    assert rl.current.final() == {
        "iteration": None,
        "J": None,
        "train_accuracy": None,
        "test_accuracy": None,
    }


def test_a_run_that_never_trained_gives_way():
    rl = RunList()
    rl.start("start", TrainConfig(), "cats", np.array([0]), np.array([0.7]))
    rl.start("opened session s.nnviz", TrainConfig(), "cats", np.arange(3), np.ones(3))
    assert [r.how for r in rl.runs] == ["opened session s.nnviz"] and rl.current.number == 2
    rl.add_side("sweep: α = 0.1", TrainConfig(lr=0.1), "cats")
    rl.start("reset", TrainConfig(), "cats")
    assert [r.how for r in rl.runs] == ["opened session s.nnviz", "sweep: α = 0.1", "reset"]

"""`nnviz train` says when training stalled on dead ReLUs (with the remedy), and its --report
collects the logged costs itself instead of reading back the trainer's (bounded) cost log."""

from __future__ import annotations

import json

import pytest

import nnviz.engine
from nnviz.cli import main
from nnviz.cli_train import _Log
from nnviz.engine.costlog import CostLog


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_alpha_5_on_the_builtin_cats_says_every_relu_died_and_the_remedy(capsys, tmp_path):
    report = tmp_path / "r.json"
    code, out, err = run(
        capsys, "train", "--lr", "5", "--iterations", "30", "--print-every", "10",
        "--report", str(report),
    )  # fmt: skip
    assert code == 0, err
    costs = [float(line.split(": ")[1]) for line in out.splitlines() if line.startswith("Cost")]
    assert costs[-1] == costs[-2] == pytest.approx(0.673, abs=5e-4)  # flat: J of a constant ŷ
    lines = [line for line in err.splitlines() if "stalled" in line]
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("nnviz: training has stalled: every ReLU is dead")
    assert "layer 1: 20/20, layer 2: 7/7, layer 3: 5/5" in line and "J stays at 0.673" in line
    for remedy in ("smaller learning rate", "leaky ReLU", "He initialisation"):
        assert remedy in line
    assert "Train accuracy" in out  # the course's log is still all there, on stdout
    r = json.loads(report.read_text())
    assert r["outcome"] == "completed" and line.removeprefix("nnviz: ") in r["warnings"]


def test_a_healthy_run_says_nothing_about_dead_units(capsys, tmp_path):
    report = tmp_path / "r.json"
    code, out, err = run(capsys, "train", "--iterations", "300", "--report", str(report))
    assert code == 0, err
    assert "Cost after iteration 299" in out
    assert "stalled" not in err and "dead" not in err.lower() and "Remedy" not in err
    assert json.loads(report.read_text())["warnings"] == []


def test_zeros_initialisation_with_relu_is_called_a_dead_network(capsys):
    code, _out, err = run(capsys, "train", "--init", "zeros", "--iterations", "5")
    assert code == 0
    assert "training has stalled: Dead network" in err and "random initialisation" in err


def test_the_report_never_reads_the_trainers_cost_log(capsys, tmp_path, monkeypatch):
    """Iterating the trainer's log gives only the costs it still keeps: --report must not."""

    class NoIteration(CostLog):
        def __iter__(self):
            raise AssertionError("nnviz train iterated the trainer's cost log")

    class Trainer(nnviz.engine.Trainer):
        def __post_init__(self) -> None:
            super().__post_init__()
            self.costs = NoIteration(self.costs)

    monkeypatch.setattr(nnviz.engine, "Trainer", Trainer)
    report = tmp_path / "r.json"
    code, out, err = run(
        capsys, "train", "--iterations", "205", "--print-every", "100", "--report", str(report)
    )
    assert code == 0, err
    printed = {
        line.split(":")[0].split()[-1]: float(line.split(": ")[1])
        for line in out.splitlines()
        if line.startswith("Cost after iteration")
    }
    costs = json.loads(report.read_text())["costs"]
    assert set(costs) == set(printed) == {"0", "100", "200", "204"}
    assert all(costs[k] == pytest.approx(printed[k], abs=1e-6) for k in costs)


def test_the_logged_costs_follow_a_rollback():
    log = _Log(n=250, every=0)
    for i in range(250):
        log(i, 1.0 / (i + 1))
    assert list(log.report(250)) == ["0", "100", "200", "249"]
    assert log.report(250)["249"] == 1 / 250
    # a divergence at iteration 249 takes back iteration 248: the log's last cost is 247's
    log = _Log(n=300, every=0)
    for i in range(249):
        log(i, float(i))
    assert log.report(248) == {"0": 0.0, "100": 100.0, "200": 200.0, "247": 247.0}
    assert _Log(n=5, every=0).report(0) == {}

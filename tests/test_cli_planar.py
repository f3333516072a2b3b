"""`nnviz train --dataset circle|xor|gaussian|spiral`: Playground's 2-D data from the CLI, with
each dataset's defaults, reaching the issue's test accuracies within 2000 iterations."""

from __future__ import annotations

import json

import pytest

from nnviz.cli import main

TARGET = {"circle": 0.95, "xor": 0.95, "gaussian": 0.95, "spiral": 0.90}


@pytest.mark.parametrize("kind", list(TARGET))
def test_train_reaches_the_target_from_the_cli(kind, tmp_path, capsys):
    report = tmp_path / "r.json"
    argv = ["train", "--dataset", kind, "--iterations", "2000", "--print-every", "0"]
    assert main([*argv, "--report", str(report)]) == 0
    r = json.loads(report.read_text())
    assert r["test_accuracy"] >= TARGET[kind]
    assert r["examples"] == {"train": 250, "test": 250}
    if kind == "spiral":
        assert r["settings"]["layers"] == [8, 8, 8, 8] and r["settings"]["activation"] == "tanh"


def test_options_and_a_spec_win_over_the_defaults(tmp_path, capsys):
    report = tmp_path / "r.json"
    argv = ["train", "--dataset", "xor:noise=10,features=x1+x2+x1x2", "--layers", "3"]
    assert main([*argv, "--iterations", "5", "--print-every", "0", "--report", str(report)]) == 0
    r = json.loads(report.read_text())
    assert r["settings"]["layers"] == [3] and r["settings"]["lr"] == 0.1
    assert r["settings"]["layer_dims"][0] == 3  # three features
    assert main(["train", "--dataset", "xor:noise=80", "--iterations", "1"]) != 0
    assert "noise must be 0 to 50 %" in capsys.readouterr().err

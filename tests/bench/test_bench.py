"""The engine benchmark runs and reports its figures (no timing assertions)."""

from __future__ import annotations

import json

import numpy as np

from nnviz.bench import course
from nnviz.bench.engine import matches_course, run_engine_bench, synthetic_data
from nnviz.cli import main
from nnviz.engine import TrainConfig, Trainer


def test_run_engine_bench_smoke():
    r = run_engine_bench(seconds=0.01, iterations=3)
    assert r["form"] == "dual"
    for key in ("chosen_ms", "primal_ms", "course_ms", "speedup_vs_primal", "speedup_vs_course"):
        assert r[key] > 0


def test_the_course_reference_computes_what_the_engine_does():
    X, Y = synthetic_data()
    X, Y = X[:300], Y
    _, costs = course.course_model(X, Y, (300, 20, 7, 5, 1), 0.0075, 5)
    t = Trainer(TrainConfig(), X, Y)
    t.run(5)
    np.testing.assert_allclose(costs, t.costs, rtol=1e-12)


def test_matches_course_reads_the_train_log():
    log = "\n".join(
        [
            "Cost after iteration 0: 0.771749",
            "Cost after iteration 100: 0.672053",
            "Cost after iteration 2400: 0.092878",
            "Train accuracy: 0.9856",
            "Test accuracy: 0.8000",
        ]
    )
    assert matches_course(log)
    assert not matches_course(log.replace("0.092878", "0.102082"))


def test_bench_command_writes_json(tmp_path, capsys, monkeypatch):
    import nnviz.bench.engine as bench

    real = bench.run_engine_bench
    monkeypatch.setattr(bench, "run_engine_bench", lambda seconds: real(seconds, iterations=3))
    monkeypatch.setattr(bench, "run_train_bench", lambda: {"train_skipped": "not in this test"})
    out = tmp_path / "bench.json"
    assert main(["bench", "--seconds", "0.01", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["form"] == "dual" and data["speedup_vs_primal"] > 0
    text = capsys.readouterr().out
    assert "speedup_vs_primal" in text and "target >= 30" in text and "skipped" in text

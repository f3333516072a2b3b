"""A sweep's runs equal single runs with the same settings; values parsed with clear messages;
cancel stops every run."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.evaluation import evaluate
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.sweep import Sweep, describe, sweep_configs


def _data(dtype):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(16, 60)).astype(dtype)
    Y = (X[:1] + X[1:2] > 0).astype(dtype)
    return X, Y, X[:, :20].copy(), Y[:, :20].copy()


def test_values_parsed_per_setting():
    base = TrainConfig(hidden_layers=(6, 3))
    assert [c.lr for c in sweep_configs(base, "lr", "0.001, 0.01;0.1")] == [0.001, 0.01, 0.1]
    layers = sweep_configs(base, "layers", "8, 4; 5 ; 3 3 3")
    assert [c.hidden_layers for c in layers] == [(8, 4), (5,), (3, 3, 3)]
    assert [c.init for c in sweep_configs(base, "init", "he, Xavier")] == ["he", "xavier"]
    assert [c.seed for c in sweep_configs(base, "seed", "1, 2")] == [1, 2]
    assert sweep_configs(base, "l2", "0, 0.7")[1].l2 == 0.7
    for setting, text, msg in (
        ("lr", "0.1, fast", "“fast” is not a number"),
        ("lr", " , ", "give a few values"),
        ("init", "random", "“random” is not one of"),
        ("seed", "-1", "seed"),
        ("lr", ",".join(["0.1"] * 9), "at most 8"),
        ("dtype", "float32", "a sweep varies one of"),
    ):
        with pytest.raises(ValueError, match=msg):
            sweep_configs(base, setting, text)
    assert describe("lr", sweep_configs(base, "lr", "0.01")[0]) == "α = 0.01"
    assert describe("layers", layers[0]) == "layers 8, 4"
    assert describe("init", sweep_configs(base, "init", "he")[0]) == "init he"


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_sweeps_runs_equal_single_runs(dtype):
    base = TrainConfig(hidden_layers=(6, 3), dtype=dtype)
    configs = sweep_configs(base, "lr", "0.01, 0.1, 0.3")
    done = []
    runs = Sweep(configs, _data, 130).run(progress=lambda d, t: done.append((d, t)))
    assert done[-1][1] == 390 and all(r.ended == "done" for r in runs)
    for r, cfg in zip(runs, configs, strict=True):
        X, Y, Xt, Yt = _data(cfg.dtype)
        t = Trainer(cfg, X, Y)
        t.run(130)
        assert r.costs[:130] == list(t.costs)  # bit for bit
        assert len(r.costs) == 131  # and J(130), of the last parameters
        assert [e.iteration for e in r.evaluations] == [100, 130]
        assert r.evaluations[-1] == evaluate(130, t.arch, t.W, t.b, t.loss, X, Y, Xt, Yt)


def test_cancel_stops_every_run_and_a_divergence_ends_one():
    base = TrainConfig(hidden_layers=(6, 3))
    calls = []
    runs = Sweep(sweep_configs(base, "lr", "0.01, 0.02"), _data, 10_000).run(
        should_stop=lambda: calls.append(1) or len(calls) > 3
    )
    assert all(r.ended == "cancelled" for r in runs) and len(runs[0].costs) < 10_000
    runs = Sweep(sweep_configs(base, "lr", "0.01, 1e300"), _data, 60).run()
    assert runs[0].ended == "done" and runs[1].ended.startswith("diverged")

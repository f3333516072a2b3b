"""The engine benchmark runs and reports its figures (no timing assertions)."""

from __future__ import annotations

import json

from nnviz.bench.engine import DTYPES, run_engine_bench
from nnviz.cli import main


def test_run_engine_bench_smoke():
    r = run_engine_bench(seconds=0.01, repeats=3)
    for key in ("iterations_per_second", "efficiency", "engine_ms", "matmul_ms"):
        assert set(r[key]) == set(DTYPES)
        assert all(v > 0 for v in r[key].values())
    assert r["layer_dims"] == [12288, 20, 7, 5, 1] and r["m"] == 209


def test_bench_command_writes_json(tmp_path, capsys, monkeypatch):
    import nnviz.bench.engine as bench

    real = bench.run_engine_bench
    monkeypatch.setattr(bench, "run_engine_bench", lambda seconds: real(seconds, repeats=3))
    out = tmp_path / "bench.json"
    assert main(["bench", "--seconds", "0.01", "--json", str(out)]) == 0
    data = json.loads(out.read_text())
    assert set(data["iterations_per_second"]) == {"float32", "float64"}
    assert set(data["efficiency"]) == {"float32", "float64"}
    text = capsys.readouterr().out
    assert "float32:" in text and "iterations/s" in text and "efficiency" in text

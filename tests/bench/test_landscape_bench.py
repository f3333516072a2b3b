"""The landscape benchmark reports the 41×41 time for the cat network."""

from __future__ import annotations

from nnviz.bench.landscape import TARGETS, main, run_landscape_bench


def test_the_landscape_benchmark_reports_its_figure(capsys):
    result = run_landscape_bench(n=5)
    assert result["landscape_points"] == 25 and result["landscape_41x41_s"] > 0
    assert set(TARGETS) <= set(result)
    assert main([]) == 0
    assert "landscape_41x41_s" in capsys.readouterr().out

"""The landscape benchmark reports the 41×41 time for the cat network."""

from __future__ import annotations

import json

from nnviz.bench.landscape import TARGETS, main, run_landscape_bench


def test_the_landscape_benchmark_reports_its_figure(capsys, tmp_path):
    result = run_landscape_bench(n=5)
    assert result["landscape_points"] == 25 and result["landscape_41x41_s"] > 0
    assert set(TARGETS) <= set(result)
    out = tmp_path / "b.json"
    assert main(["--json", str(out)]) == 0
    assert "landscape_41x41_s" in capsys.readouterr().out
    assert json.loads(out.read_text())["landscape_points"] == 41 * 41

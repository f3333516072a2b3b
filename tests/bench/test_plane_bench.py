"""`nnviz bench gui`'s 2-D part: fps_2d and heatmap_hz from the window training the spiral."""

from __future__ import annotations

from nnviz.bench.gui import TARGETS, plane_run


def test_plane_run_reports_fps_2d_and_heatmap_hz(qtbot):
    r = plane_run(0.5, warmup=0.2)
    assert r["fps_2d"] > 0 and r["heatmap_hz"] > 0 and r["iterations_2d"] > 0
    assert TARGETS["fps_2d"] == (">=", 55) and TARGETS["heatmap_hz"] == (">=", 10)
    assert TARGETS["fps"] == (">=", 55)  # the cat run's fps is still there


def test_the_report_of_the_plane_run_alone_says_its_figures_and_the_load():
    from nnviz.bench.gui import report

    text = report({"fps_2d": 58.0, "heatmap_hz": 14.0, "iterations_2d": 9, "load_1min": [1, 2]})
    assert "fps_2d" in text and "heatmap_hz" in text and "train_ratio" not in text
    assert "load average over 1 min: 1.00 at the start, 2.00 at the end" in text

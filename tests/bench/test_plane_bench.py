"""`nnviz bench gui`'s 2-D part: fps_2d and heatmap_hz from the window training the spiral."""

from __future__ import annotations

from nnviz.bench.gui import TARGETS, plane_run


def test_plane_run_reports_fps_2d_and_heatmap_hz(qtbot):
    r = plane_run(0.5, warmup=0.2)
    assert r["fps_2d"] > 0 and r["heatmap_hz"] > 0 and r["iterations_2d"] > 0
    assert TARGETS["fps_2d"] == (">=", 55) and TARGETS["heatmap_hz"] == (">=", 10)
    assert TARGETS["fps"] == (">=", 55)  # the cat run's fps is still there

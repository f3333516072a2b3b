"""The Landscape tab: planes through the shown parameters in the background, both losses."""

from __future__ import annotations

import numpy as np
import pytest
from ui_waits import train_to


def wait_result(qtbot, view) -> None:
    qtbot.waitUntil(
        lambda: not view.job.running() and view.compute_button.isEnabled(), timeout=60_000
    )


def test_random_and_path_planes_centre_on_the_runs_cost(qtbot, make_window, tmp_path):
    w, c = make_window("flower")
    view = w.lessons.landscape
    train_to(qtbot, c, 12)
    w.places.show_tab(view)
    assert view.compute("random")
    wait_result(qtbot, view)
    state = w.dump_state(tmp_path / "state.json")["landscape"]
    assert state["shown"] and state["iteration"] == 12 and state["grid"] == [41, 41]
    assert state["centre"]["cross-entropy"] == pytest.approx(c.record.J(), rel=1e-9)
    assert "Iteration 12" in view.caption.text()
    assert view.compute("path")
    wait_result(qtbot, view)
    r = view.result
    assert r.mode == "path" and r.path is not None and np.allclose(r.path[-1], 0)
    assert r.alphas[0] <= r.path[:, 0].min() and r.path[:, 0].max() <= r.alphas[-1]
    big = view.enlarge()
    assert big.isVisible() and view.big_plots.images["squared-error"].image is not None
    big.close()


def test_the_exact_surface_is_offered_for_logistic_regression_only(qtbot, make_window):
    w, c = make_window("flower")
    view = w.lessons.landscape
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    assert not view.compute("exact") and "logistic regression" in view.caption.text()
    assert not view.compute("path") and "no path yet" in view.caption.text()
    c.apply_config(c.config.with_(hidden_layers=()))
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.L == 1, timeout=30_000)
    assert view.compute("exact")
    wait_result(qtbot, view)
    assert view.result.names == ("w₁", "w₂") and view.result.grids["squared-error"].shape == (
        41,
        41,
    )


def test_a_landscape_can_be_cancelled(qtbot, make_window):
    w, c = make_window()
    view = w.lessons.landscape
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    assert view.compute("random")
    view.cancel_button.click()
    wait_result(qtbot, view)
    assert view.result is None and view.caption.text() == "Cancelled."

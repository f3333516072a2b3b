"""The Gradients tab: the norms recorded from the run's snapshots, per layer, on a log axis;
‖dW‖/‖W‖; reset and branch; the shown iteration marked."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnviz.ui.diagnose.norms import positive


def test_positive_leaves_gaps_for_a_log_axis():
    out = positive(np.array([1.0, 0.0, -2.0, np.inf, np.nan, 3e-9]))
    assert np.isnan(out[1:5]).all() and out[0] == 1.0 and out[5] == 3e-9


def test_gradient_norms_recorded_while_training_and_shown(make_window, qtbot, tmp_path):
    w, c = make_window()
    d = w.diagnose.evolution
    d.show_norms.trigger()  # View ▸ Gradient norms per layer
    view = d.norms
    assert w.places.tab_shown(view)
    assert view.readout.text().startswith("No gradients recorded yet")
    c.set_speed(200)
    c.play(until=200)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == 200, timeout=30000)
    qtbot.waitUntil(lambda: view.shown_iteration == 200, timeout=5000)
    h = d.norms_history
    its, dW, W = h.arrays()
    assert len(its) >= 5 and np.all(np.diff(its) > 0) and its[-1] == 200
    live = c.record.live
    assert dW.shape == (len(its), live.L)
    for l in range(1, live.L + 1):  # the settled snapshot at rest: its own gradients
        assert dW[-1, l - 1] == pytest.approx(np.linalg.norm(live.dW[l]), rel=1e-9)
        assert W[-1, l - 1] == pytest.approx(np.linalg.norm(live.W[l]), rel=1e-9)
    assert view.plot.getAxis("left").logMode
    xs, _ = view.curves[0].getData()
    assert len(xs) == len(its)
    state = w.dump_state(tmp_path / "s.json")["gradient_norms"]
    assert state["shown"] and state["iteration"] == 200 and state["mode"] == "norm"
    assert state["points"] == len(its) and state["values"] == dW[-1].tolist()
    # ‖dW‖ / ‖W‖
    qtbot.mouseClick(view.ratio_button, Qt.MouseButton.LeftButton)
    state = w.dump_state(tmp_path / "t.json")["gradient_norms"]
    assert state["mode"] == "ratio"
    np.testing.assert_allclose(state["values"], dW[-1] / W[-1])
    assert "‖dW[1]‖/‖W[1]‖" in view.readout.text()
    # a past iteration: marked, its point (or the nearest before) read out
    k = int(its[len(its) // 2]) + 1
    qtbot.waitUntil(lambda: w.timeline.bar.slider.maximum() == 200, timeout=10000)
    w.timeline.show_iteration(k)
    qtbot.waitUntil(lambda: view.shown_iteration == k, timeout=10000)
    assert view.marker.value() == k and view.state()["at_iteration"] == int(its[len(its) // 2])
    assert len(d.norms_history) == len(its)  # a past view records nothing
    # continue from there: the later points go
    c.confirm_reset = lambda _question: True
    assert w.timeline.continue_from_here()
    assert d.norms_history.last_iteration == int(its[len(its) // 2])

    # Reset: the history starts over
    c.reset()
    qtbot.waitUntil(lambda: c.record.live is not None, timeout=10000)
    assert d.norms_history.last_iteration <= 0

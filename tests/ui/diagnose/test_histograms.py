"""The Histograms tab: recorded from the run in the background, drawn as bands or a ridge for a
chosen tensor, layer and range; its dump against numpy on the shown parameters."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.run.histograms import PERCENTILES
from nnviz.ui.diagnose.histograms import pick


def test_pick_spreads_evenly_keeping_both_ends():
    assert pick(5, 14) == [0, 1, 2, 3, 4]
    p = pick(100, 14)
    assert p[0] == 0 and p[-1] == 99 and len(p) == 14 and p == sorted(set(p))


def test_histograms_recorded_while_training_and_shown(make_window, qtbot, tmp_path):
    w, c = make_window()
    ev = w.diagnose.evolution
    view = ev.histograms
    c.set_speed(200)
    c.play(until=200)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == 200, timeout=30000)
    qtbot.waitUntil(lambda: ev.hist_history.last_iteration == 200, timeout=5000)  # in background
    h = ev.hist_history
    assert len(h) >= 3
    ev.show_histograms.trigger()  # View ▸ Histograms over time
    assert w.places.tab_shown(view)
    live = c.record.live
    state = w.dump_state(tmp_path / "s.json")["histograms"]
    assert state["shown"] and state["iteration"] == 200 and state["tensor"] == "W"
    assert state["layer"] == 1 and state["last_iteration"] == 200
    np.testing.assert_allclose(state["percentiles"], np.percentile(live.W[1], PERCENTILES))
    counts, _ = np.histogram(live.W[1], bins=len(state["counts"]))
    assert state["counts"] == counts.tolist()
    assert state["points"] == len(h)
    # dW of layer 2, from iteration 50 on, as a ridge
    view.choose("dW", 2)
    view.set_range(50, None)
    qtbot.mouseClick(view.hist_button, Qt.MouseButton.LeftButton)
    state = view.state()
    its, _ = h.series("dW", 2, 50)
    assert state["mode"] == "histogram" and state["points"] == len(its) > 0
    assert state["first_iteration"] >= 50
    np.testing.assert_allclose(state["percentiles"], np.percentile(live.dW[2], PERCENTILES))
    assert state["ridge"] == [int(its[i]) for i in pick(len(its))]
    assert view.readout.text().startswith("dW[2] at iteration 200")
    view.set_range(0, 40)
    assert view.state()["last_iteration"] <= 40
    # Reset: the history starts over
    c.reset()
    qtbot.waitUntil(lambda: c.record.live is not None, timeout=10000)
    qtbot.waitUntil(lambda: ev.recorder.idle(), timeout=5000)
    assert h.last_iteration <= 0

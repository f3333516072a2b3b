"""The Runs tab: each Reset and Continue from here starts a run with its settings; ticked runs are
overlaid; the table's figures are the record's."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt


def _train(qtbot, c, n: int) -> None:
    c.play(until=n)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == n, timeout=30000)


def test_runs_side_by_side(make_window, qtbot, tmp_path):
    w, c = make_window()
    c.confirm_reset = lambda _question: True
    feature = w.diagnose.runs
    view = feature.view
    _train(qtbot, c, 30)
    J30, ev30 = c.record.J(30), c.record.evaluation(30)
    c.apply_config(c.config.with_(hidden_layers=(6,), lr=0.01))  # resets: run 2
    _train(qtbot, c, 40)
    feature.show_runs.trigger()  # View ▸ Runs side by side
    assert w.places.tab_shown(view)
    state = w.dump_state(tmp_path / "s.json")["runs"]
    assert state["shown"] and state["iteration"] == 40
    one, two = state["runs"]
    assert (one["how"], two["how"]) == ("start", "reset")
    assert one["settings"]["hidden_layers"] == [20, 7, 5] and two["settings"]["hidden_layers"] == [
        6
    ]
    assert two["settings"]["lr"] == "0.01"
    assert one["final"]["iteration"] == 30 and one["final"]["J"] == J30
    assert one["final"]["test_accuracy"] == ev30.test_accuracy
    assert two["final"]["J"] == c.record.J(40) and state["overlaid"] == [1, 2]
    _, J = c.record.costs.arrays()
    run2 = feature.runs.current
    np.testing.assert_array_equal(run2.costs.arrays()[1], J)
    assert view.table.rowCount() == 2 and view.table.item(1, 9).text() == f"{c.record.J(40):.6f}"
    assert len(view.cost_plot.getPlotItem().listDataItems()) == 2
    # untick run 1 with its check box: only run 2 is overlaid
    rect = view.table.visualItemRect(view.table.item(0, 0))
    box = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert view.state()["overlaid"] == [2]
    assert len(view.cost_plot.getPlotItem().listDataItems()) == 1
    view.tick(1, True)
    assert view.ticked == {1, 2}
    # continue from iteration 20: run 3 holds run 2's history up to 20
    qtbot.waitUntil(lambda: w.timeline.bar.slider.maximum() == 40, timeout=10000)
    w.timeline.show_iteration(20)
    qtbot.waitUntil(lambda: c.record.iteration == 20, timeout=10000)
    assert w.timeline.continue_from_here()
    _train(qtbot, c, 25)
    state = w.dump_state(tmp_path / "t.json")["runs"]
    three = state["runs"][2]
    assert three["how"] == "continued from run 2 at iteration 20" and three["ticked"]
    its3, J3 = feature.runs.current.costs.arrays()
    np.testing.assert_array_equal(J3[:21], J[:21])
    assert its3[-1] == 25 and state["runs"][1]["final"]["iteration"] == 40

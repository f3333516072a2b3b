"""The sweep in the window: its runs come in beside the window's run and equal single runs with
the same settings; wrong values are named; Cancel stops it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nnviz.engine.trainer import Trainer


def test_sweep_runs_equal_single_runs_and_cancel_stops(make_window, qtbot, tmp_path):
    w, c = make_window()
    feature = w.diagnose.runs
    feature.show_runs.trigger()
    panel = feature.panel
    panel.choose("lr", "0.01, fast", 60)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "learning rate: “fast” is not a number"
    assert not feature.job.running() and len(feature.runs.runs) == 1
    panel.choose("layers", "6; 4, 3", 60)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert feature.job.running() and not panel.run_button.isEnabled()
    with qtbot.waitSignal(feature.job.finished, timeout=30000):
        pass
    assert panel.message.text() == "Sweep done: 2 runs"
    state = w.dump_state(tmp_path / "s.json")["runs"]
    assert [r["how"] for r in state["runs"]] == ["start", "sweep: layers 6", "sweep: layers 4, 3"]
    assert state["sweep"]["runs"] == [2, 3] and state["overlaid"] == [1, 2, 3]
    assert feature.runs.current.number == 1  # the window's own run goes on as run 1
    X, Y, _, _ = c.dataset.as_dtype(c.config.dtype)
    for entry in feature.sweep_entries:
        t = Trainer(entry.config, X, Y)
        t.run(60)
        its, J = entry.costs.arrays()
        assert its.tolist() == list(range(61))
        assert J[:60].tolist() == list(t.costs)  # the same numbers as a single run
        assert entry.evaluations.latest().iteration == 60
    assert len(feature.view.cost_plot.getPlotItem().listDataItems()) == 3
    # a long sweep, cancelled
    panel.choose("seed", "1, 2, 3", 100_000)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(feature.sweep_entries[0].costs) > 0, timeout=10000)
    with qtbot.waitSignal(feature.job.finished, timeout=10000) as blocker:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True] and panel.message.text() == "Sweep cancelled (3 runs)"
    assert all(len(e.costs) < 100_000 for e in feature.sweep_entries)
    assert all(e.how.endswith("· cancelled") for e in feature.sweep_entries)

    # closing the window stops a sweep
    panel.choose("seed", "1, 2", 100_000)
    panel.run_button.click()
    assert feature.job.running()
    w.close()
    qtbot.waitUntil(lambda: not feature.job.running(), timeout=10000)

"""The main window with its training thread (pytest-qt, offscreen): transport, settings, closing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.data import load_dataset
from nnviz.engine.trainer import TrainConfig


def trainer_of(controller):
    return controller.worker._trainer  # test-only peek at the worker's state


def wait_iteration(qtbot, controller, n: int, timeout: int = 60_000):
    with qtbot.waitSignal(
        controller.snapshotChanged, timeout=timeout, check_params_cb=lambda s: s.iteration >= n
    ):
        pass


def test_window_opens_untrained_on_the_builtin_cats(make_window):
    window, c = make_window()
    assert window.windowTitle().startswith("nnviz")
    assert c.dataset.name == "cats"
    assert c.config == TrainConfig()
    assert not c.is_playing
    assert window.transport.play.isEnabled()


def test_launch_shows_the_canvas_first_then_builds_plots_and_features(qtbot, make_window):
    """As a user starts it: the window shows before the plots exist (they need pyqtgraph);
    right after its first paint they are built in the right column and the session starts."""
    window, c = make_window(launched=True)
    assert not window.ready and window.isVisible()
    with qtbot.waitSignal(window.canvas.painted, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.ready and window.session.started, timeout=10_000)
    assert window.cost_plot.isVisible() and window.sigmoid_plot.isVisible()
    assert window.log_action.isCheckable() and window.predictions is not None
    # the evaluation of iteration 0 came before the plots: they have it all the same
    qtbot.waitUntil(lambda: window.cost_plot.evals()[0].tolist() == [0], timeout=10_000)
    assert window.record.evaluations.array(1)[0].tolist() == [0]
    c.step()  # J(0) and J(1): the costs of the parameters shown at iterations 0 and 1
    qtbot.waitUntil(lambda: len(window.cost_plot.costs()[0]) == 2, timeout=10_000)


def test_play_lowers_the_cost_and_pause_stops_within_one_iteration(qtbot, make_window):
    """In the window's own training thread (the hand-off to the training process is tested in
    tests/ui/run/test_handoff.py)."""
    window, c = make_window()
    c.worker.handoff_s = None
    costs = []
    c.costsAppended.connect(lambda it, cs: costs.extend(cs))
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=lambda p: p):
        window.transport.play.trigger()
    wait_iteration(qtbot, c, 60)
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=lambda p: not p):
        window.transport.play.trigger()
        at_pause = trainer_of(c).iteration  # read once the pause flag is set
    stopped_at = trainer_of(c).iteration
    assert stopped_at <= at_pause + 1
    qtbot.waitUntil(lambda: c.snapshot.iteration == stopped_at)
    assert len(costs) == stopped_at, "every iteration's cost reaches the plot"
    assert costs[-1] < costs[0]
    assert c.snapshot.W[1].flags.writeable is False
    # plots are throttled; they hold J(0) … J(stopped_at): the last is the shown network's
    qtbot.waitUntil(lambda: len(window.cost_plot.costs()[1]) == stopped_at + 1)
    np.testing.assert_array_equal(window.cost_plot.costs()[1][:-1], costs)
    assert window.cost_plot.costs()[1][-1] == c.snapshot.cost


def test_step_advances_exactly_one_iteration_and_reset_resets(qtbot, make_window):
    window, c = make_window()
    for expected in (1, 2, 3):
        window.transport.step.trigger()
        wait_iteration(qtbot, c, expected)
        assert c.snapshot.iteration == expected == trainer_of(c).iteration
    first_w = c.snapshot.W[1].copy()
    asked = []
    c.confirm_reset = lambda question: asked.append(question) or True
    window.transport.reset.trigger()
    assert asked and "3 iterations" in asked[0]  # Reset asks before losing progress
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 0)
    assert not np.array_equal(first_w, c.snapshot.W[1])  # back to the initial weights
    qtbot.waitUntil(lambda: len(window.cost_plot.costs()[1]) == 1)  # J(0) alone


def test_learning_rate_changes_live_while_training(qtbot, make_window):
    window, c = make_window()
    c.play()
    wait_iteration(qtbot, c, 5)
    window.controls.lr.setText("0.02")
    window.controls.lr.editingFinished.emit()
    qtbot.waitUntil(lambda: trainer_of(c).lr == 0.02)
    assert c.is_playing or trainer_of(c).iteration > 5  # no reset happened
    assert c.snapshot.iteration >= 5


def test_architecture_change_resets_after_asking(qtbot, make_window):
    window, c = make_window()
    window.transport.step.trigger()
    wait_iteration(qtbot, c, 1)
    asked = []
    c.confirm_reset = lambda q: asked.append(q) or False
    window.controls.layers.setText("8")
    window.controls.layers.editingFinished.emit()
    assert asked and c.config.hidden_layers == (20, 7, 5)  # declined: nothing changed
    assert window.controls.layers.text() == "20, 7, 5"
    c.confirm_reset = lambda q: True
    window.controls.layers.setText("8")
    window.controls.layers.editingFinished.emit()
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.layer_dims == (12288, 8, 1))
    assert c.snapshot.iteration == 0


def test_invalid_values_disable_play_with_the_reason(qtbot, make_window):
    window, _c = make_window()
    window.controls.layers.setText("20, x")
    assert not window.transport.play.isEnabled()
    assert "“x” is not a whole number" in window.transport.play.toolTip()
    assert window.controls.layers_error.isVisibleTo(window)
    window.controls.layers.setText("20, 7")
    window.controls.lr.setText("-1")
    assert not window.transport.play.isEnabled()
    assert "learning rate" in window.transport.play.toolTip()
    window.controls.lr.setText("0.01")
    assert window.transport.play.isEnabled()


def test_closing_while_training_stops_the_thread(qtbot, make_window):
    window, c = make_window()
    c.play()
    wait_iteration(qtbot, c, 3)
    window.close()
    assert c.thread.isFinished()


def test_a_dataset_that_fails_to_load_is_reported_and_the_window_lives(tmp_path, make_window):
    bad = tmp_path / "broken.h5"
    bad.write_bytes(b"not hdf5")
    window, c = make_window(str(bad))
    assert c.dataset.name == "cats"
    assert "broken.h5" in window.banner.text.text()


def test_space_types_into_the_layers_field_instead_of_playing(qtbot, make_window):
    window, c = make_window()
    field = window.controls.layers
    field.setFocus()
    field.setText("20,")
    qtbot.keyClick(field, Qt.Key_Space)
    assert field.text() == "20, "
    assert not c.is_playing


def test_flower_dataset_trains_a_small_network(qtbot, make_window):
    _window, c = make_window("flower")
    ds = load_dataset("flower")
    assert c.dataset.n_x == ds.n_x == 2
    c.play(until=20)
    wait_iteration(qtbot, c, 20)
    assert c.snapshot.layer_dims[0] == 2


def test_the_example_bar_follows_an_example_chosen_elsewhere(qtbot, make_window):
    window, c = make_window()
    c.set_example("test", 41)  # as the Mistakes gallery or a confusion cell does
    assert window.examples.which == "test" and window.examples.index == 41
    assert window.examples.spin.text().startswith("example 42 /")

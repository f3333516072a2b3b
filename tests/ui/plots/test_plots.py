"""The plots: cost plot data and hover readout, the interactive sigmoid, the shapes table."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from nnviz.engine.activations import sigmoid
from nnviz.ui.plots import CostPlot, DimsTable, SigmoidPlot


@pytest.fixture
def cost_plot(qtbot) -> CostPlot:
    w = CostPlot()
    qtbot.addWidget(w)
    w.resize(500, 300)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def sigmoid_plot(qtbot) -> SigmoidPlot:
    w = SigmoidPlot()
    qtbot.addWidget(w)
    w.resize(500, 300)
    w.show()
    qtbot.waitExposed(w)
    return w


def _view_pos(view, plot_item, x: float, y: float) -> QPoint:
    """Widget (viewport) pixel of data point (x, y) in plot_item."""
    scene_pt = plot_item.vb.mapViewToScene(QPointF(x, y))
    return view.mapFromScene(scene_pt)


def test_append_concatenates_batches(cost_plot: CostPlot) -> None:
    rng = np.random.default_rng(0)
    batches = [(np.arange(s, s + k), rng.random(k)) for s, k in ((0, 3), (3, 250), (253, 1))]
    for it, c in batches:
        cost_plot.append(it, c)
    its, cs = cost_plot.costs()
    np.testing.assert_array_equal(its, np.arange(254))
    np.testing.assert_array_equal(cs, np.concatenate([c for _, c in batches]))
    x, y = cost_plot._train_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, its)
    np.testing.assert_array_equal(y, cs)
    # capacity doubling keeps earlier values when the buffer grows
    cost_plot.append(np.arange(254, 10_254), np.full(10_000, 0.5))
    its, cs = cost_plot.costs()
    assert len(its) == 10_254 and cs[253] == batches[2][1][0] and cs[-1] == 0.5
    with pytest.raises(ValueError, match="iterations must increase"):
        cost_plot.append(np.array([5]), np.array([0.1]))
    with pytest.raises(ValueError, match="2 iterations but 1 costs"):
        cost_plot.append(np.array([1, 2]), np.array([0.1]))


def test_reset_empties_and_log_toggle(cost_plot: CostPlot) -> None:
    cost_plot.append(np.arange(10), np.linspace(1.0, 0.1, 10))
    cost_plot.add_eval(5, 0.6, 0.7, 0.65)
    cost_plot.set_log(True)
    assert cost_plot.is_log() and cost_plot._log_box.isChecked()
    assert cost_plot._cost_plot.getAxis("left").logMode
    _x, y = cost_plot._train_curve.getData()  # displayed data are log10(cost)
    np.testing.assert_allclose(y, np.log10(np.linspace(1.0, 0.1, 10)))
    cost_plot._log_box.click()  # the check box drives the same switch
    assert not cost_plot.is_log() and not cost_plot._cost_plot.getAxis("left").logMode
    cost_plot.reset()
    its, cs = cost_plot.costs()
    assert its.size == 0 and cs.size == 0
    assert cost_plot._train_curve.getData() == (None, None)
    assert cost_plot.evals()[0].size == 0
    cost_plot.append(np.array([0]), np.array([0.7]))  # starting over is allowed after reset
    assert cost_plot.costs()[0].tolist() == [0]


def test_add_eval_draws_test_cost_and_accuracy(cost_plot: CostPlot) -> None:
    cost_plot.add_eval(0, 0.7, 0.5, 0.4)
    cost_plot.add_eval(100, None, 0.9, 0.8)
    cost_plot.flush()  # evaluations are drawn with the next batch of costs, or on flush
    it, test_cost, _tr, _te = cost_plot.evals()
    assert it.tolist() == [0, 100]
    assert test_cost[0] == 0.7 and np.isnan(test_cost[1])
    np.testing.assert_allclose(cost_plot._train_acc_curve.getData()[1], [50.0, 90.0])
    np.testing.assert_allclose(cost_plot._test_acc_curve.getData()[1], [40.0, 80.0])
    with pytest.raises(ValueError, match="test_acc = 88"):
        cost_plot.add_eval(200, 0.5, 0.9, 88)


def test_hover_readout_at_mouse_position(cost_plot: CostPlot, qtbot) -> None:
    its = np.arange(0, 1000)
    cost_plot.append(its, 1.0 / (1.0 + its))
    cost_plot.add_eval(800, 0.52, 0.91, 0.88)
    cost_plot.set_marker(500)
    qtbot.wait(1)  # let the view auto-range to the data
    cost_plot._cost_plot.vb.autoRange()
    view = cost_plot._view
    pos = _view_pos(view, cost_plot._cost_plot, 812.2, 0.01)
    with qtbot.waitSignal(cost_plot.hovered) as sig:
        qtbot.mouseMove(view.viewport(), pos)
    text = sig.args[0]
    # a pixel is a few iterations wide: read the iteration back from the text
    it = int(text.split()[1])
    assert abs(it - 812) <= 3
    assert text == f"iteration {it} · cost {1 / (1 + it):.4f} (test 0.52) · acc 91 % / 88 %"
    assert cost_plot.readout() == text
    assert cost_plot._crosshairs[0].isVisible() and cost_plot._crosshairs[0].value() == it
    assert cost_plot.marker() == 500
    cost_plot.set_marker(None)
    assert cost_plot.marker() is None


def test_sigmoid_marker_drag_updates_readout(sigmoid_plot: SigmoidPlot, qtbot) -> None:
    view, plot = sigmoid_plot._plot_widget, sigmoid_plot._plot
    sigmoid_plot.set_marker(0.0)
    start = _view_pos(view, plot, 0.0, 0.5)
    end = _view_pos(view, plot, 1.5, 0.5)
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):  # a few steps, so pyqtgraph sees a drag
        qtbot.mouseMove(vp, start + (end - start) * (k / 5))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    z, s, ds = sigmoid_plot.marker_values()
    assert z == pytest.approx(1.5, abs=0.06)  # within a pixel of the drop point
    sigmoid_plot.set_marker(1.5)
    z, s, ds = sigmoid_plot.marker_values()
    assert (round(s, 4), round(ds, 4)) == (0.8176, 0.1491)
    assert sigmoid_plot.readout() == "z = 1.50 · σ(z) = 0.818 · σ'(z) = 0.149"


def test_set_output_point_ticks_and_off_scale(sigmoid_plot: SigmoidPlot) -> None:
    z_all = np.concatenate([np.linspace(-5, 5, 997), [-12.0, 11.0, 30.0]])
    sigmoid_plot.set_output(2.0, z_all)
    x, y = sigmoid_plot.points()
    assert x.tolist() == [2.0] and y[0] == pytest.approx(float(sigmoid(np.array([2.0]))[0]))
    assert sigmoid_plot.tick_count() == len(z_all)
    assert sigmoid_plot._edge_text[0].toPlainText() == "◀ 1 below −10"
    assert sigmoid_plot._edge_text[1].toPlainText() == "2 above 10 ▶"
    sigmoid_plot.set_output(-25.0, None)  # off-scale: clamped to the edge, drawn as a triangle
    x, y = sigmoid_plot.points()
    assert x.tolist() == [-10.0] and y[0] == pytest.approx(0.0, abs=1e-9)
    assert sigmoid_plot._points.data["symbol"][0] == "t3"
    assert sigmoid_plot.tick_count() == 0 and not sigmoid_plot._edge_text[0].isVisible()
    sigmoid_plot.set_output(None, None)
    assert sigmoid_plot.points()[0].size == 0


def test_hidden_switch_draws_relu(sigmoid_plot: SigmoidPlot, qtbot) -> None:
    sigmoid_plot.set_output(1.0, np.zeros(50))
    sigmoid_plot.set_hidden_z(np.array([-2.0, 0.5, 3.0]))
    with qtbot.waitSignal(sigmoid_plot.view_changed) as sig:
        sigmoid_plot._buttons.button(1).click()
    assert sig.args == ["hidden"] and sigmoid_plot.view() == "hidden"
    z, g = sigmoid_plot._f_curve.getData()
    np.testing.assert_array_equal(g, np.maximum(z, 0))
    np.testing.assert_array_equal(sigmoid_plot._grad_curve.getData()[1], (z > 0).astype(float))
    x, y = sigmoid_plot.points()
    assert x.tolist() == [-2.0, 0.5, 3.0] and y.tolist() == [0.0, 0.5, 3.0]
    assert sigmoid_plot.tick_count() == 0  # output ticks belong to the output view
    sigmoid_plot.set_marker(1.5)
    assert sigmoid_plot.readout() == "z = 1.50 · g(z) = 1.500 · g'(z) = 1.000"
    assert sigmoid_plot._buttons.button(1).text() == "hidden: ReLU"
    sigmoid_plot.set_hidden_activation("tanh")
    assert sigmoid_plot._buttons.button(1).text() == "hidden: tanh"
    np.testing.assert_allclose(sigmoid_plot.points()[1], np.tanh([-2.0, 0.5, 3.0]))
    sigmoid_plot.set_view("output")
    assert sigmoid_plot.tick_count() == 50
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        sigmoid_plot.set_hidden_activation("swish")


def test_dims_table_course_network_and_logistic_regression(qtbot) -> None:
    t = DimsTable()
    qtbot.addWidget(t)
    t.set_architecture((12288, 20, 7, 5, 1), 209)
    cols = range(t.table().columnCount())
    rows = [[t.text(r, c) for c in cols] for r in range(t.table().rowCount())]
    assert rows[0][4] == "(12288, 209)"
    assert rows[1][1:] == ["(20, 12288)", "(20, 1)", "(20, 209)", "(20, 209)", "245,780"]
    assert rows[2][1:] == ["(7, 20)", "(7, 1)", "(7, 209)", "(7, 209)", "147"]
    assert rows[4][1:] == ["(1, 5)", "(1, 1)", "(1, 209)", "(1, 209)", "6"]
    assert rows[5][0] == "total" and rows[5][-1] == "245,973"
    t.set_m(64)
    assert t.text(0, 4) == "(12288, 64)" and t.text(3, 3) == "(5, 64)"
    t.set_architecture((12288, 1), 209)  # logistic regression
    assert t.table().rowCount() == 3
    assert [t.text(1, c) for c in cols][1:] == [
        "(1, 12288)",
        "(1, 1)",
        "(1, 209)",
        "(1, 209)",
        "12,289",
    ]
    assert t.table().horizontalHeaderItem(1).toolTip().startswith("Weights W[l]")
    with pytest.raises(ValueError, match="m = 0"):
        t.set_m(0)
    with pytest.raises(ValueError, match="at least 2 positive sizes"):
        t.set_architecture((12288,), 209)


def test_a_long_run_draws_evaluations_as_lines_and_ranges_step(cost_plot: CostPlot) -> None:
    from nnviz.ui.plots.cost_plot import SYMBOL_LIMIT

    for k in range(SYMBOL_LIMIT):
        cost_plot.add_eval(10 * k, 0.5, 0.8, 0.7)
    cost_plot.flush()
    assert cost_plot._test_curve.opts["symbol"] == "o"
    cost_plot.add_eval(10 * SYMBOL_LIMIT, 0.5, 0.8, 0.7)
    cost_plot.flush()
    assert cost_plot._test_curve.opts["symbol"] is None  # thousands of dots would cost a lot
    cost_plot.append(np.arange(0, 1000), np.linspace(0.7, 0.1, 1000))
    (x0, x1), (y0, y1) = cost_plot._cost_plot.vb.viewRange()
    assert (x0, y0) == (0, 0) and 1000 <= x1 <= 1300 and 0.7 <= y1 <= 0.8
    assert cost_plot.following()


def test_evaluations_that_come_alone_are_drawn(cost_plot: CostPlot, qtbot) -> None:
    """A pause or a step sends an evaluation with no cost batch after it: the plot still draws
    it (it once waited for the next batch, which never came)."""
    cost_plot.append(np.arange(3), np.array([0.7, 0.6, 0.5]))
    cost_plot.add_eval(2, 0.65, 0.6, 0.55)
    qtbot.waitUntil(lambda: len(cost_plot._test_curve.getOriginalDataset()[0] or ()) == 1)
    x, y = cost_plot._test_acc_curve.getOriginalDataset()
    assert list(x) == [2.0] and y[0] == pytest.approx(55.0)


def test_narrow_readout_breaks_in_lines_beside_the_log_box(cost_plot: CostPlot, qtbot) -> None:
    """In a 1024-pixel window the plot is ~250 px wide: the hint and the readout break after a
    separator instead of running under the log-scale box, in a label whose height (set by the
    widest readout) does not change while hovering."""
    cost_plot.resize(250, 300)
    its = np.arange(0, 1000)
    cost_plot.append(its, 1.0 / (1.0 + its))
    cost_plot.add_eval(800, 0.52, 0.91, 0.88)
    qtbot.waitUntil(lambda: cost_plot._readout.width() < 200)
    label, box = cost_plot._readout, cost_plot._log_box
    height = label.height()
    assert label.geometry().right() < box.geometry().left()
    assert label.text().replace("\n", " ") == "hover to read J and accuracy"
    assert "\n" in label.text()
    cost_plot._cost_plot.vb.autoRange()
    pos = _view_pos(cost_plot._view, cost_plot._cost_plot, 812.2, 0.01)
    with qtbot.waitSignal(cost_plot.hovered) as sig:
        qtbot.mouseMove(cost_plot._view.viewport(), pos)
    assert "\n" not in sig.args[0] and label.text().count("\n") >= 1
    assert label.text().replace("\n", " · ") == sig.args[0]
    for line in label.text().split("\n"):
        assert label.fontMetrics().horizontalAdvance(line) <= label.width()
    assert label.height() == height

"""The sigmoid plot's words never overlap or get cut: the marker's readout and the output / hidden
switch, the example's "ŷ = … P(cat) …" label and the legend, the off-scale counts (pytest-qt,
offscreen), at the plot's sizes in windows from 1024×768 to 2560×1440."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from nnviz.ui.plots import SigmoidPlot
from nnviz.ui.plots.label_place import BELOW_RIGHT, BLOCKED, place_label

# the plot's size in the window's right column at 1024×700, 1024×768, 1280×720, 1600×900 and
# 2560×1440, and two sizes a dragged splitter gives
SIZES = [(256, 174), (256, 194), (490, 180), (500, 232), (500, 386), (330, 200), (680, 300)]
Z = [-14.0, -4.0, -0.8, 0.22, 1.7, 6.0, 12.0]


@pytest.fixture
def plot(qtbot) -> SigmoidPlot:
    w = SigmoidPlot()
    qtbot.addWidget(w)
    w.set_class_names(("non-cat", "cat"))
    w.show()
    qtbot.waitExposed(w)
    return w


def _laid_out(plot: SigmoidPlot, size: tuple[int, int]) -> None:
    plot.resize(*size)
    QApplication.processEvents()


@pytest.mark.parametrize("size", SIZES)
def test_readout_and_switch_never_overlap_or_cut(plot: SigmoidPlot, size) -> None:
    _laid_out(plot, size)
    for activation in ("relu", "leaky_relu", "linear", "tanh"):
        plot.set_hidden_activation(activation)
        for view in ("output", "hidden"):
            plot.set_view(view)
            for z in (-10.0, -1.5, 0.0, 10.0):
                plot.set_marker(z)
                QApplication.processEvents()
                header = plot._header
                assert not header.readout.geometry().intersects(header.switch.geometry())
                assert plot.overlapping_texts() == [], (size, activation, view, z)
    assert plot.readout().startswith("z = 10.00 · g(z) = ")  # the text itself is one line


def test_the_readout_shares_the_row_only_when_it_fits(plot: SigmoidPlot) -> None:
    _laid_out(plot, (680, 300))
    assert plot._header.one_row()
    _laid_out(plot, (256, 300))
    assert not plot._header.one_row()
    assert plot._header.readout.geometry().top() >= plot._header.switch.geometry().bottom()


@pytest.mark.parametrize("size", SIZES)
def test_the_examples_label_keeps_off_the_legend_and_inside_the_plot(plot, size) -> None:
    _laid_out(plot, size)
    z_all = np.random.default_rng(0).normal(0.0, 6.0, 300)  # some beyond ±10: the counts show
    for z in Z:
        plot.set_output(z, z_all)
        QApplication.processEvents()
        label = plot.point_label()
        assert "P(cat) = " in label and label.startswith("ŷ = "), label
        assert plot.overlapping_texts() == [], (size, z, label)
        legend = plot._legend.sceneBoundingRect()
        assert not plot._point_text.sceneBoundingRect().intersects(legend)


def test_the_label_names_the_positive_class_and_leaves_the_hidden_view(plot) -> None:
    _laid_out(plot, (490, 290))
    plot.set_output(0.22, None)
    assert plot.point_label() == "ŷ = σ(0.22) = P(cat) = 0.555"
    plot.set_class_names(("orange", "blue"))
    assert plot.point_label() == "ŷ = σ(0.22) = P(blue) = 0.555"
    plot.set_view("hidden")
    assert plot.point_label() == ""


def test_place_label_slides_into_the_plot_and_avoids_the_legend() -> None:
    box, legend = (0.0, 0.0, 200.0, 80.0), (8.0, 6.0, 70.0, 50.0)
    points = np.zeros((0, 3))
    (x, y, w, h), score = place_label((150.0, 30.0), (120.0, 20.0), box, [legend], points)
    assert score < BLOCKED
    assert x >= 0 and x + w <= 200 and y >= 0 and y + h <= 80
    assert x >= 78 or y >= 56 or y + h <= 6  # off the legend
    # a spot that fits as it is wins over the others, in the caller's order
    r, score = place_label((40.0, 30.0), (20.0, 10.0), box, [], points, (BELOW_RIGHT,))
    assert r == (46.0, 36.0, 20.0, 10.0) and score < 1


def test_in_the_window_at_1024x768_the_label_names_the_positive_class(qtbot, make_window):
    w, c = make_window(size=(1024, 768))
    c.confirm_reset = lambda question: True
    with qtbot.waitSignal(c.snapshotChanged, timeout=20_000):
        c.step()
    w.flush_views()
    assert w.sigmoid_plot.point_label().startswith("ŷ = "), w.sigmoid_plot.point_label()
    assert "P(cat) = " in w.sigmoid_plot.point_label()
    assert w.sigmoid_plot.overlapping_texts() == []
    with qtbot.waitSignal(c.runReset, timeout=20_000):
        c.choose_positive("non-cat")  # ŷ is now P(non-cat)
    with qtbot.waitSignal(c.snapshotChanged, timeout=20_000):
        c.step()
    w.flush_views()
    assert "P(non-cat) = " in w.sigmoid_plot.point_label()
    w.sigmoid_plot.set_hidden_activation("leaky_relu")  # the longest switch
    w.sigmoid_plot.set_view("hidden")
    QApplication.processEvents()
    assert w.sigmoid_plot.overlapping_texts() == []

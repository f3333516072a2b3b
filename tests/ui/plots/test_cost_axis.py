"""The cost plot reads plainly: ticks in plain numbers on linear and log axes, no SI prefix in
the axis title, and a legend that moves off the newest points."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from nnviz.ui.plots import CostPlot
from nnviz.ui.plots._common import CostAxis, plain_number


@pytest.fixture
def cost_plot(qtbot) -> CostPlot:
    w = CostPlot()
    qtbot.addWidget(w)
    w.resize(500, 320)
    w.show()
    qtbot.waitExposed(w)
    return w


def shown_ticks(axis: CostAxis, plot) -> list[str]:
    """The labelled tick strings the axis draws for its current range."""
    lo, hi = plot.vb.viewRange()[1]
    out = []
    for spacing, values in axis.tickValues(lo, hi, axis.height())[:1]:
        out += axis.tickStrings(values, axis.autoSIPrefixScale, spacing)
    return out


def test_plain_numbers():
    assert [plain_number(v) for v in (0.1, 0.25, 1.0, 200.0, 0.001, 0.0)] == [
        "0.1", "0.25", "1", "200", "0.001", "0",
    ]  # fmt: skip
    assert plain_number(0.3, 1) == "0.3" and plain_number(0.35, 2) == "0.35"


def test_linear_ticks_are_plain_costs(cost_plot, qtbot):
    cost_plot.append(np.arange(1, 201), np.linspace(0.7, 0.1, 200))
    QApplication.processEvents()
    plot = cost_plot._cost_plot
    axis = plot.getAxis("left")
    ticks = shown_ticks(axis, plot)
    assert ticks and all(0 <= float(t) <= 1 for t in ticks)
    assert any(t in ticks for t in ("0.2", "0.4", "0.6", "0.5"))
    assert "x0.001" not in axis.labelString() and "0.001" not in axis.labelString()


def test_log_ticks_are_plain_costs(cost_plot):
    cost_plot.append(np.arange(1, 401), np.geomspace(0.9, 0.005, 400))
    cost_plot.set_log(True)
    QApplication.processEvents()
    axis = cost_plot._cost_plot.getAxis("left")
    assert axis.logMode
    assert axis.tickStrings([-2.0, -1.0, 0.0], 1.0, 1.0) == ["0.01", "0.1", "1"]
    plot = cost_plot._cost_plot
    lo, hi = plot.vb.viewRange()[1]
    labelled = axis.tickValues(lo, hi, axis.height())[0][1]
    strings = axis.tickStrings(labelled, axis.autoSIPrefixScale, 1.0)
    assert strings and all("10" not in s or float(s) >= 10 for s in strings)
    assert all(
        float(s) == pytest.approx(10**v, rel=1e-6) for s, v in zip(strings, labelled, strict=True)
    )


def _newest_under_legend(cost_plot) -> bool:
    plot = cost_plot._cost_plot
    x, y = cost_plot._train_curve.getData()
    newest = plot.vb.mapViewToScene(QPointF(float(x[-1]), float(y[-1])))
    return cost_plot._legend.sceneBoundingRect().contains(newest)


def test_the_legend_moves_off_the_newest_points(cost_plot):
    plot = cost_plot._cost_plot
    # a cost that climbs to the top right corner (a diverging run), where the legend starts
    cost_plot.append(np.arange(1, 101), np.linspace(0.1, 0.7, 100))
    plot.setRange(xRange=(0, 100), yRange=(0, 0.7), padding=0)
    QApplication.processEvents()
    assert not _newest_under_legend(cost_plot)
    assert cost_plot._dodger.corner != (-1, 1)  # left the top right
    # a falling cost leaves the top right free again: the legend may stay where it went, but
    # never sits on the newest point
    cost_plot.append(np.arange(101, 301), np.linspace(0.6, 0.05, 200))
    plot.setRange(xRange=(0, 300), yRange=(0, 0.7), padding=0)
    QApplication.processEvents()
    assert not _newest_under_legend(cost_plot)

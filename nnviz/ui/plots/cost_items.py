"""The cost plot's pyqtgraph items: the two x-linked plots' style, the curves (train cost, test
cost, train and test accuracy), the legend that dodges the newest points, the marker and the
hover crosshair lines."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg

from nnviz.ui.common import theme
from nnviz.ui.plots._common import LegendDodger, make_legend, pen, style_plot_item

AXIS_WIDTH = 46


def style_cost_plots(cost: pg.PlotItem, acc: pg.PlotItem) -> None:
    """Cost J on top, accuracy (%) in a strip below, sharing the iteration axis."""
    style_plot_item(cost, left="cost J")
    style_plot_item(acc, left="acc %", bottom="iteration")
    acc.setXLink(cost)
    cost.getAxis("bottom").setStyle(showValues=False)
    for plot in (cost, acc):
        plot.getAxis("left").setWidth(AXIS_WIDTH)
        plot.hideButtons()
    acc.setMouseEnabled(x=True, y=False)
    acc.enableAutoRange(y=False)
    acc.setYRange(-10, 110, padding=0)
    acc.getAxis("left").setTicks([[(0, "0"), (50, "50"), (100, "100")]])
    acc.getAxis("left").setStyle(hideOverlappingLabels=False)
    cost.disableAutoRange()


@dataclass
class CostItems:
    legend: pg.LegendItem
    dodger: LegendDodger
    train: pg.PlotDataItem
    test: pg.PlotDataItem
    train_acc: pg.PlotDataItem
    test_acc: pg.PlotDataItem
    markers: list[pg.InfiniteLine]  # the timeline's iteration, one per plot
    crosshairs: list[pg.InfiniteLine]  # the hovered iteration, one per plot


def make_cost_items(cost: pg.PlotItem, acc: pg.PlotItem) -> CostItems:
    legend = make_legend(cost)
    # peak downsampling to ~1 min/max pair per pixel column and a thin pen: noisy mini-batch
    # costs stay cheap to paint (about 2x faster than pyqtgraph's default 5 samples per pixel)
    train = cost.plot(pen=pen(theme.TRAIN, 1.2), name="train", autoDownsampleFactor=1.0)
    train.setDownsampling(auto=True, method="peak")
    train.setClipToView(True)
    test_style = {
        "pen": pen(theme.TEST, 1.6),
        "symbol": "o",
        "symbolSize": 5,
        "symbolBrush": theme.TEST,
        "symbolPen": None,
    }
    test = cost.plot(name="test", **test_style)
    dodger = LegendDodger(cost, legend, (train, test))
    train_acc = acc.plot(
        pen=pen(theme.TRAIN, 1.6), symbol="o", symbolSize=4, symbolBrush=theme.TRAIN,
        symbolPen=None,
    )  # fmt: skip
    test_acc = acc.plot(**test_style)
    markers: list[pg.InfiniteLine] = []
    crosshairs: list[pg.InfiniteLine] = []
    for plot in (cost, acc):
        marker = pg.InfiniteLine(angle=90, movable=False, pen=pen(theme.TEXT, 1.5, alpha=150))
        marker.setZValue(20)
        marker.hide()
        plot.addItem(marker, ignoreBounds=True)
        markers.append(marker)
        cross = pg.InfiniteLine(angle=90, movable=False, pen=pen(theme.TEXT_MUTED, 1, dash=True))
        cross.setZValue(30)
        cross.hide()
        plot.addItem(cross, ignoreBounds=True)
        crosshairs.append(cross)
    return CostItems(legend, dodger, train, test, train_acc, test_acc, markers, crosshairs)

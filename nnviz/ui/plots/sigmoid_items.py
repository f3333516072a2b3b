"""The sigmoid plot's pyqtgraph items: the plot's style, the legend, the g and g' curves, the
per-example ticks, the off-scale counts, the example's point and its label, and the draggable
marker with its dots. Made once; the plot updates them in place."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg

from nnviz.ui.common import theme
from nnviz.ui.plots._common import FONT_PT, color, make_legend, pen, style_plot_item, ui_font

Z_MAX = 10.0
AXIS_WIDTH = 34


@dataclass
class SigmoidItems:
    legend: pg.LegendItem
    f_curve: pg.PlotDataItem
    grad_curve: pg.PlotDataItem
    ticks: pg.PlotCurveItem  # every training example's z, one vertical segment each
    edge_text: list[pg.TextItem]  # "◀ n below −10", "n above 10 ▶", under the plot's ends
    points: pg.ScatterPlotItem  # the shown example (or layer 1's units in the hidden view)
    point_text: pg.TextItem  # "ŷ = σ(z) = P(cat) = p" beside the example's point
    marker: pg.InfiniteLine  # draggable: reads out z, g(z), g'(z)
    marker_dots: pg.ScatterPlotItem  # where the marker crosses the curves


def style_sigmoid_plot(p: pg.PlotItem) -> None:
    """z on the bottom axis, fixed ranges (no mouse zoom), no buttons."""
    style_plot_item(p, bottom="z")
    p.setMouseEnabled(x=False, y=False)
    p.hideButtons()
    p.getAxis("left").setWidth(AXIS_WIDTH)


def make_sigmoid_items(p: pg.PlotItem) -> SigmoidItems:
    legend = make_legend(p, offset=(8, 6))
    f_curve = p.plot(pen=pen(theme.ACCENT, 2.2))
    grad_curve = p.plot(pen=pen(theme.GRAD_POSITIVE, 2.0, dash=True))
    # one path of vertical segments; no antialiasing (vertical lines need none; 4x cheaper)
    ticks = pg.PlotCurveItem(connect="pairs", pen=pen(theme.TEXT, 1.0, alpha=70), antialias=False)
    p.addItem(ticks)
    edge_text = [
        pg.TextItem(color=theme.TEXT_MUTED, anchor=(0, 1)),
        pg.TextItem(color=theme.TEXT_MUTED, anchor=(1, 1)),
    ]
    for t in edge_text:  # under the plot, on the axis title's line (sigmoid_texts.py)
        t.setFont(ui_font(FONT_PT - 0.5))
        t.setParentItem(p)
    points = pg.ScatterPlotItem(
        size=11, pen=pg.mkPen(theme.SURFACE, width=1.5), brush=pg.mkBrush(theme.TEST)
    )
    points.setZValue(40)
    p.addItem(points)
    # on a light card, so a line passing under it does not cross the words
    point_text = pg.TextItem(
        color=theme.TEXT, anchor=(0, 1.1), fill=pg.mkBrush(color(theme.SURFACE, 225))
    )
    point_text.setFont(ui_font(FONT_PT))
    point_text.setZValue(41)
    p.addItem(point_text, ignoreBounds=True)

    marker = pg.InfiniteLine(
        pos=1.5,
        angle=90,
        movable=True,
        bounds=(-Z_MAX, Z_MAX),
        pen=pen(theme.TEXT_MUTED, 1.5),
        hoverPen=pen(theme.TEXT, 2.5),
    )
    marker.setZValue(30)
    marker.setToolTip("drag to read z, g(z) and g'(z)")
    p.addItem(marker, ignoreBounds=True)
    marker_dots = pg.ScatterPlotItem(size=7, pen=None)
    marker_dots.setZValue(31)
    p.addItem(marker_dots)
    return SigmoidItems(
        legend, f_curve, grad_curve, ticks, edge_text, points, point_text, marker, marker_dots
    )

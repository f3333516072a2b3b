"""Shared pieces of the plots: the light pyqtgraph style (fonts, pens, axes), a growable buffer,
the cost axis's plain-number ticks and a legend that keeps out of the data's way."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem, QLabel, QSizePolicy

from nnviz.ui.common import theme

FONT_PT = 9


def ui_font(pt: float = FONT_PT) -> QFont:
    """The plots' proportional font (theme.FONT_FAMILY) at `pt` points."""
    font = QFont(theme.FONT_FAMILY)
    font.setPointSizeF(pt)
    return font


def mono_font(pt: float = FONT_PT) -> QFont:
    """The plots' monospace font for numbers (theme.MONO_FAMILY) at `pt` points."""
    font = QFont(theme.MONO_FAMILY)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(pt)
    return font


def color(hex_color: str, alpha: int = 255) -> QColor:
    """A QColor from a theme hex string, with alpha 0..255."""
    c = QColor(hex_color)
    c.setAlpha(alpha)
    return c


def pen(hex_color: str, width: float = 2.0, alpha: int = 255, dash: bool = False) -> pg.QtGui.QPen:
    """A cosmetic pen of `width` pixels; dashed when `dash`."""
    p = pg.mkPen(color(hex_color, alpha), width=width)
    if dash:
        p.setStyle(Qt.PenStyle.DashLine)
    return p


def style_plot_item(plot: pg.PlotItem, left: str | None = None, bottom: str | None = None) -> None:
    """Light look for a PlotItem: muted axes and tick labels, soft grid, no context menu.

    The context menu is off because its export dialog offers SVG, which fails on PySide6 >= 6.11
    (pyqtgraph issue 3495).
    """
    plot.setMenuEnabled(False)
    plot.showGrid(x=True, y=True, alpha=0.12)
    label_style = {"color": theme.TEXT_MUTED, "font-size": f"{FONT_PT}pt"}
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(theme.BORDER))
        axis.setTextPen(pg.mkPen(theme.TEXT_MUTED))
        axis.setTickFont(ui_font(FONT_PT - 0.5))
        axis.setStyle(tickLength=-4)
        # Replayed from a pixmap until its range or look changes: live data repaints the plot
        # many times a second, and replaying the axis (ticks, labels, grid) was the largest part.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    if left is not None:
        plot.setLabel("left", left, **label_style)
    if bottom is not None:
        plot.setLabel("bottom", bottom, **label_style)


def make_legend(plot: pg.PlotItem, offset: tuple[int, int] = (-8, 6)) -> pg.LegendItem:
    """A compact legend in the plot's top-right corner on a translucent white card."""
    return plot.addLegend(
        offset=offset,
        brush=pg.mkBrush(color(theme.SURFACE, 220)),
        pen=pg.mkPen(theme.BORDER),
        labelTextColor=theme.TEXT,
        labelTextSize=f"{FONT_PT}pt",
        verSpacing=-6,
    )


def readout_label(text: str = "") -> QLabel:
    """A one-line monospace readout that never asks the layout for more width."""
    label = QLabel(text)
    label.setFont(mono_font(FONT_PT))
    label.setStyleSheet(f"color: {theme.TEXT};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setMinimumWidth(10)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def caption_label(text: str = "") -> QLabel:
    """A small muted caption under a plot, wrapping."""
    label = QLabel(text)
    label.setFont(ui_font(FONT_PT - 0.5))
    label.setStyleSheet(f"color: {theme.TEXT_MUTED};")
    label.setWordWrap(True)
    return label


class GrowBuffer:
    """Rows of float64 columns that grow by amortised O(batch) appends (capacity doubling).

    data: (n_columns, capacity); view(i) is the filled part of column i, shape (n,), without a copy.
    """

    def __init__(self, n_columns: int, capacity: int = 1024) -> None:
        self._data = np.empty((n_columns, max(1, capacity)), dtype=np.float64)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, *columns: np.ndarray | float) -> None:
        """Append one value or one equal-length 1-D array per column."""
        cols = [np.atleast_1d(np.asarray(c, dtype=np.float64)) for c in columns]
        k = len(cols[0])
        need = self._n + k
        if need > self._data.shape[1]:
            cap = self._data.shape[1]
            while cap < need:
                cap *= 2
            grown = np.empty((self._data.shape[0], cap), dtype=np.float64)
            grown[:, : self._n] = self._data[:, : self._n]
            self._data = grown
        for i, c in enumerate(cols):
            self._data[i, self._n : need] = c
        self._n = need

    def view(self, column: int) -> np.ndarray:
        """The filled part of `column`, shape (n,), a view that later appends do not change."""
        return self._data[column, : self._n]

    def clear(self) -> None:
        """Forget the values (keeps the capacity)."""
        self._n = 0


def plain_number(v: float, places: int | None = None) -> str:
    """A tick label people read without a key: 0.1, 0.25, 1, 200 (never "x0.001" or "10^-1").
    places: fixed decimals; None: as few as 3 significant digits need."""
    if places is not None:
        return f"{v:.{max(0, places)}f}"
    if v == 0 or not math.isfinite(v):
        return "0" if v == 0 else str(v)
    return np.format_float_positional(float(f"{v:.3g}"), trim="-")


class CostAxis(pg.AxisItem):
    """Left axis of cost J in plain numbers: linear ticks 0.1 ... 0.7 (no SI prefix such as
    "x0.001" with 100 ... 700); log ticks 0.01, 0.1, 1 (not 10^k), labelling only 1, 2 and
    5 x 10^k (other multiples stay unlabelled)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            return self.logTickStrings(values, scale, spacing)
        places = math.ceil(-math.log10(spacing)) if spacing > 0 else 0
        return [plain_number(v, places) for v in values]

    def logTickStrings(self, values, scale, spacing):
        return [plain_number(10.0 ** float(v)) for v in values]

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not ticks or ticks[-1][0] is not None:
            return ticks
        values = np.asarray(ticks[-1][1], dtype=float)
        mantissa = np.round(10 ** (values - np.floor(values + 1e-9)))
        keep = np.isin(mantissa, (1, 2, 5))
        return [*ticks[:-1], (None, list(values[keep])), (None, list(values[~keep]))]


CORNERS = ((-1, 1), (1, -1), (-1, -1), (1, 1))  # (x, y) signs: top-right, bottom-left, ...


class LegendDodger:
    """Moves a plot's legend to the corner of the view that hides the fewest points of `curves`
    (the newest point counts as many), re-checked whenever their data or the view changes. Ties
    keep the legend where it is, so it does not jump about; corners in CORNERS order otherwise.
    margin: (x, y) px from the view's edges."""

    def __init__(self, plot: pg.PlotItem, legend: pg.LegendItem, curves, margin=(8, 6)) -> None:
        self.plot, self.legend, self.curves, self.margin = plot, legend, list(curves), margin
        self.corner = (-1, 1)
        plot.vb.sigRangeChanged.connect(self.update)
        plot.vb.sigResized.connect(self.update)
        for c in self.curves:
            c.sigPlotChanged.connect(self.update)

    def hidden(self, corner: tuple[int, int]) -> float:
        """How many points the legend would hide in `corner` (the newest weighs 1000)."""
        vb = self.plot.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        if vb.width() <= 0 or vb.height() <= 0:
            return 0.0
        sx, sy = (x1 - x0) / vb.width(), (y1 - y0) / vb.height()
        rect = self.legend.boundingRect()
        w = (rect.width() + self.margin[0]) * sx
        h = (rect.height() + self.margin[1]) * sy
        lx = (x1 - w, x1) if corner[0] < 0 else (x0, x0 + w)
        ly = (y1 - h, y1) if corner[1] > 0 else (y0, y0 + h)
        total = 0.0
        for c in self.curves:
            x, y = c.getData()
            if x is None or not len(x):
                continue
            inside = (x >= lx[0]) & (x <= lx[1]) & (y >= ly[0]) & (y <= ly[1])
            total += float(np.count_nonzero(inside)) + 999.0 * bool(inside[-1])
        return total

    def update(self, *_) -> None:
        counts = {c: self.hidden(c) for c in CORNERS}
        best = min(CORNERS, key=lambda c: counts[c])
        if counts[best] < counts[self.corner]:
            self.corner = best
            mx, my = self.margin
            self.legend.setOffset((mx * best[0], my * best[1]))

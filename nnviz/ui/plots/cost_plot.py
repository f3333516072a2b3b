"""The live cost plot: train cost J every iteration, sampled test cost, and train / test accuracy.

Two x-linked pyqtgraph plots share the iteration axis: cost J on top (optionally log scale) and
accuracy (0-100 %) in a short strip below, so the two y scales never share one axis. Costs go into
growable numpy buffers (O(batch) per append; cost_data.py) and are drawn with clipToView + peak
downsampling, so 100k iterations stay cheap to paint. While it follows the run, the ranges step
(ranges.py) rather than creep, so the cached axes are not redrawn with every batch; evaluations
are drawn with the next batch of costs (one repaint, not two). Zooming or panning stops the
following; a double click resumes it. Hovering reads out J and accuracy (cost_hover.py).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from nnviz.ui.common import theme
from nnviz.ui.plots._common import CostAxis, pen, ui_font
from nnviz.ui.plots.cost_data import CostSeries
from nnviz.ui.plots.cost_hover import CostHover
from nnviz.ui.plots.cost_items import make_cost_items, style_cost_plots
from nnviz.ui.plots.ranges import Follower

SYMBOL_LIMIT = 60  # evaluations drawn as dots up to this many, then as lines
EVAL_DRAW_MS = 200  # an evaluation with no costs following it is drawn after this long


class CostPlot(QWidget):
    """Train cost per iteration, sampled test cost and accuracies, with a hover readout.

    hovered(str) carries the readout text while the mouse is over the plots ("" when it leaves).
    """

    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = CostSeries()  # what is drawn: J per iteration, the evaluations
        self._train, self._eval = self._data.train, self._data.evals
        self._ranges = Follower(self._set_ranges)  # stepped, until the user zooms or pans
        self._evals_pending = QTimer(self, singleShot=True, interval=EVAL_DRAW_MS)
        self._evals_pending.timeout.connect(self._evals_due)

        self._log_box = QCheckBox("log scale")
        self._log_box.setFont(ui_font())
        self._log_box.setToolTip("Show cost J on a logarithmic axis")
        self._log_box.toggled.connect(self.set_log)

        self._view = pg.GraphicsLayoutWidget()
        self._view.setBackground(theme.SURFACE)
        self._view.ci.setContentsMargins(2, 4, 8, 2)
        self._view.ci.setSpacing(2)
        self._cost_plot = self._view.addPlot(row=0, col=0, axisItems={"left": CostAxis("left")})
        self._acc_plot = self._view.addPlot(row=1, col=0)
        self._view.ci.layout.setRowStretchFactor(0, 3)
        self._view.ci.layout.setRowStretchFactor(1, 1)
        style_cost_plots(self._cost_plot, self._acc_plot)
        items = make_cost_items(self._cost_plot, self._acc_plot)
        self._legend, self._dodger = items.legend, items.dodger
        self._train_curve, self._test_curve = items.train, items.test
        self._train_acc_curve, self._test_acc_curve = items.train_acc, items.test_acc
        self._markers, self._crosshairs = items.markers, items.crosshairs
        self._ghost: tuple[pg.PlotDataItem, pg.ScatterPlotItem] | None = None
        self._hover = CostHover(
            self,
            self._view,
            (self._cost_plot, self._acc_plot),
            self._crosshairs,
            self.readout_at,
            self.hovered.emit,
            self.follow,
        )
        self._readout = self._hover.label
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 6, 0)
        header.addWidget(self._readout, 1)
        header.addWidget(self._log_box)
        self._fit()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self._view, 1)
        self.setStyleSheet(f"background: {theme.SURFACE};")

        for plot in (self._cost_plot, self._acc_plot):
            plot.vb.sigRangeChangedManually.connect(lambda *_: self._ranges.stop())

    # -- data -------------------------------------------------------------------------------

    def show_history(self, generation: int, iterations, costs, evals: np.ndarray) -> None:
        """Draw a run's history as its record holds it: J of `iterations` (n,), and evals (4, k)
        rows iteration, test cost, train accuracy, test accuracy (NaN where missing). A new
        `generation` (a reset, a branch) or a history that no longer extends what is drawn (a
        thinned one) is drawn anew; otherwise only the new points are added."""
        it = np.asarray(iterations, np.float64).ravel()
        J = np.asarray(costs, np.float64).ravel()
        ev = np.asarray(evals, np.float64).reshape(4, -1)
        n, k = len(self._train), len(self._eval)
        extends = self._data.extends(generation, it, ev)
        if not extends and generation == self._data.generation:
            self._replace(it, J, ev)
            return
        if not extends:
            self.reset()
            self._data.generation = generation
            n = k = 0
        if it.size > n:
            self.append(it[n:], J[n:])
        for col in ev[:, k:].T:
            self.add_eval(int(col[0]), *(None if math.isnan(v) else float(v) for v in col[1:]))

    def _replace(self, it: np.ndarray, J: np.ndarray, ev: np.ndarray) -> None:
        self._data.replace(it, J, ev)
        self._train_curve.setData(self._train.view(0), self._train.view(1))
        self._evals_pending.stop()
        self._draw_evals()
        self._ranges.clear()
        self._ranges.widen(np.concatenate([self._train.view(1), self._eval.view(1)]))
        self._fit()

    def append(self, iterations: np.ndarray, costs: np.ndarray) -> None:
        """Append a batch of train costs: iterations (k,) strictly increasing, costs (k,)."""
        it = np.asarray(iterations, dtype=np.float64).ravel()
        c = np.asarray(costs, dtype=np.float64).ravel()
        self._data.add_costs(it, c)
        if it.size == 0:
            return
        self._ranges.widen(c)
        self._train_curve.setData(self._train.view(0), self._train.view(1))
        self.flush()  # evaluations waiting go with this batch; then the ranges

    def add_eval(
        self,
        iteration: int,
        test_cost: float | None,
        train_acc: float | None,
        test_acc: float | None,
    ) -> None:
        """Add a sampled evaluation; accuracies are fractions 0..1, None when not measured."""
        vals = [math.nan if v is None else float(v) for v in (test_cost, train_acc, test_acc)]
        if not self._data.add_eval(iteration, vals):
            return  # that iteration is already shown (a pause re-reports it)
        self._ranges.widen(np.array(vals[:1]))
        if not self._evals_pending.isActive():
            self._evals_pending.start()

    def flush(self) -> None:
        """Draw the evaluations not drawn yet, and step the ranges if the data outgrew them."""
        if self._evals_pending.isActive():
            self._evals_pending.stop()
            self._draw_evals()
        self._fit()

    def _evals_due(self) -> None:
        """Evaluations came without a cost batch to carry them (a pause, a step): draw them."""
        self._draw_evals()
        self._fit()

    def _draw_evals(self) -> None:
        x = self._eval.view(0)
        dots = len(x) <= SYMBOL_LIMIT  # a long run: lines only (thousands of dots cost a lot)
        curves = (self._test_curve, self._train_acc_curve, self._test_acc_curve)
        for curve, y in zip(
            curves,
            (self._eval.view(1), 100.0 * self._eval.view(2), 100.0 * self._eval.view(3)),
            strict=True,
        ):
            if (curve.opts["symbol"] is not None) != dots:
                curve.setSymbol("o" if dots else None)
            curve.setData(x, y)

    def reset(self) -> None:
        """Forget every cost and evaluation (the marker stays as set)."""
        self._data.clear()
        self._evals_pending.stop()
        self._ranges.reset()
        self._fit()
        for curve in (
            self._train_curve,
            self._test_curve,
            self._train_acc_curve,
            self._test_acc_curve,
        ):
            curve.setData([], [])
        self._hover.show(None)

    # -- ranges -----------------------------------------------------------------------------

    def _fit(self) -> None:
        """Follow the data with stepped ranges (ranges.Follower); nothing when they still fit."""
        self._ranges.fit(self._data.last_iteration(), self.is_log())

    def _set_ranges(self, x: tuple[float, float], y: tuple[float, float]) -> None:
        self._cost_plot.setRange(xRange=x, yRange=y, padding=0)

    def follow(self) -> None:
        """Let the ranges follow the data again (after a zoom or pan)."""
        self._ranges.resume()
        self._fit()

    def following(self) -> bool:
        """True while the ranges follow the data."""
        return self._ranges.following

    def shown_point(self) -> dict:
        """The point the plot marks: the marker's iteration while looking back, else the newest
        train cost drawn; {"iteration", "J", "marker", "points"} (None where there is none)."""
        return self._data.shown_point(self.marker())

    def costs(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of (iterations (n,) int64, train costs (n,) float64)."""
        return self._data.costs()

    def evals(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Copies of (iterations (e,) int64, test cost, train acc, test acc), NaN where missing."""
        return self._data.eval_arrays()

    def set_ghost(self, iterations=(), costs=(), label: str = "", accuracies=()) -> None:
        """A faint dashed reference line under the train cost (e.g. the course's printed J) and
        faint stars in the accuracy strip at accuracies [(iteration, fraction), …]; empty: none."""
        if self._ghost is None:
            line = self._cost_plot.plot(
                pen=pen(theme.TEXT_MUTED, 1.4, alpha=140, dash=True),
                symbol="o", symbolSize=4, symbolBrush=theme.TEXT_MUTED, symbolPen=None,
            )  # fmt: skip
            stars = pg.ScatterPlotItem(symbol="star", size=10, pen=None, brush=theme.TEXT_MUTED)
            line.setZValue(-5)
            self._acc_plot.addItem(stars)
            self._ghost = (line, stars)
        line, stars = self._ghost
        line.setData(np.asarray(iterations, np.float64), np.asarray(costs, np.float64))
        stars.setData([a[0] for a in accuracies], [100.0 * a[1] for a in accuracies])
        self._legend.removeItem(line)
        if label and len(line.xData):
            self._legend.addItem(line, label)

    def ghost(self) -> tuple[np.ndarray, np.ndarray]:
        """The reference line's (iterations, J), empty when there is none."""
        if self._ghost is None or self._ghost[0].xData is None:
            return np.zeros(0), np.zeros(0)
        return self._ghost[0].xData.copy(), self._ghost[0].yData.copy()

    # -- view options -----------------------------------------------------------------------

    def set_log(self, on: bool) -> None:
        """Show cost J on a log10 axis (accuracy stays linear)."""
        on = bool(on)
        if self._log_box.isChecked() != on:
            self._log_box.blockSignals(True)
            self._log_box.setChecked(on)
            self._log_box.blockSignals(False)
        self._cost_plot.setLogMode(x=False, y=on)
        # on a log axis label only 1, 2, 5 x 10^k (see CostAxis), or labels collide
        self._cost_plot.getAxis("left").setStyle(maxTextLevel=0 if on else 2)
        self._ranges.refresh()
        self._fit()

    def is_log(self) -> bool:
        """True when cost J is drawn on a log axis."""
        return self._log_box.isChecked()

    def set_marker(self, iteration: int | None) -> None:
        """Mark `iteration` with a vertical line on both plots; None hides it."""
        for m in self._markers:
            if iteration is None:
                m.hide()
            else:
                m.setValue(float(iteration))
                m.show()

    def marker(self) -> int | None:
        """The marked iteration, or None."""
        m = self._markers[0]
        return int(m.value()) if m.isVisible() else None

    # -- hover ------------------------------------------------------------------------------

    def readout(self) -> str:
        """The readout text currently shown above the plot."""
        return self._readout.text()

    def readout_at(self, x: float) -> tuple[int, str] | None:
        """(nearest train iteration to x, its readout text), or None without data."""
        return self._data.readout_at(x)

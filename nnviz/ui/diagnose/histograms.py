"""The "Histograms" tab: how W[l], b[l] or dW[l] of one layer is distributed, over the
iterations, as TensorBoard shows it. Distribution mode: percentile bands against the iteration
(min–max, ±1.5σ, ±1σ, ±0.5σ of a normal, and the median). Histogram mode: a ridge of the
histograms of up to RIDGE iterations, the oldest at the back (top), the newest in front.
Any range of the run: "from" and "to" iterations (to = the newest follows training).

[iteration 200 · J = 0.4838]                                  [bands | ridge]
[W ▾] [layer 1 ▾]  from [0] to [newest]
[plot]
[at iteration 200 (12 points from 0 to 200): median 0.0012, 16–84 %: −0.11 … 0.11]
The history is nnviz.run.histograms.HistogramHistory, which the feature fills.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from nnviz.run.histograms import TENSORS, HistogramHistory, Summary
from nnviz.ui.common import theme
from nnviz.ui.diagnose.confusion import split_buttons
from nnviz.ui.plots._common import color, pen, style_plot_item

RIDGE = 14  # histograms in the ridge at most
BAND_ALPHA = (40, 70, 100, 130)  # min–max, 7–93 %, 16–84 %, 31–69 %


class _PlotWidget(pg.PlotWidget):
    def sizeHint(self) -> QSize:
        return QSize(320, 120)


def pick(n: int, k: int = RIDGE) -> list[int]:
    """At most k indices of 0..n-1 spread evenly, always the first and the last."""
    if n <= k:
        return list(range(n))
    return sorted({int(i) for i in np.rint(np.linspace(0, n - 1, k))})


class HistogramsView(QWidget):
    """Draws a HistogramHistory; its controls choose the tensor, layer, mode and range."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: HistogramHistory | None = None
        self.mode = "distribution"
        self.title = QLabel("iteration – · J = –")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.tensor = QComboBox()
        self.tensor.addItems(["W", "b", "dW"])
        self.tensor.setToolTip("The weights W[l], the biases b[l] or the gradient dW[l]")
        self.layer = QComboBox()
        self.layer.setToolTip("The layer")
        self.group, self.dist_button, self.hist_button = split_buttons(
            self, "Distribution: percentile bands over the iterations; histogram: a ridge"
        )
        self.dist_button.setText("bands")
        self.hist_button.setText("ridge")
        self.first = QSpinBox()
        self.last = QSpinBox()
        for box, tip in ((self.first, "From this iteration"), (self.last, "To this iteration")):
            box.setRange(0, 10**9)
            box.setGroupSeparatorShown(True)
            box.setToolTip(tip)
            box.setMaximumWidth(96)
        self.last.setSpecialValueText("newest")  # 0 (its minimum) means: follow the newest
        self.plot_widget = _PlotWidget(background=theme.SURFACE)
        self.plot = self.plot_widget.getPlotItem()
        style_plot_item(self.plot, bottom="iteration")
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot_widget.setMinimumHeight(80)
        self.readout = QLabel()
        self.readout.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.readout.setWordWrap(True)
        self._make_items()
        self._layout()
        self.tensor.currentIndexChanged.connect(lambda _i: self._draw())
        self.layer.currentIndexChanged.connect(lambda _i: self._draw())
        self.group.idClicked.connect(lambda i: self.set_mode(("distribution", "histogram")[i]))
        self.first.valueChanged.connect(lambda _v: self._draw())
        self.last.valueChanged.connect(lambda _v: self._draw())

    def _layout(self) -> None:
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.dist_button)
        top.addWidget(self.hist_button)
        col.addLayout(top)
        rng = QHBoxLayout()
        rng.addWidget(self.tensor)
        rng.addWidget(self.layer)
        rng.addSpacing(8)
        for w in (QLabel("from"), self.first, QLabel("to"), self.last):
            rng.addWidget(w)
        rng.addStretch(1)
        col.addLayout(rng)
        col.addWidget(self.plot_widget, 1)
        col.addWidget(self.readout)

    # ----- what the feature and the user set -----
    def set_mode(self, mode: str) -> None:
        """ "distribution" (percentile bands) or "histogram" (a ridge)."""
        if mode not in ("distribution", "histogram"):
            raise ValueError(f"mode must be distribution or histogram, got {mode!r}")
        self.mode = mode
        (self.dist_button if mode == "distribution" else self.hist_button).setChecked(True)
        self._draw()

    def choose(self, tensor: str, layer: int) -> None:
        """Show `tensor` ("W", "b", "dW") of `layer` (1..L), as the combos do."""
        self.tensor.setCurrentIndex(TENSORS.index(tensor))
        self.layer.setCurrentIndex(layer - 1)

    def set_range(self, first: int, last: int | None) -> None:
        """Iterations first..last (None: up to the newest), as the spin boxes do."""
        self.first.setValue(first)
        self.last.setValue(0 if last is None else last)

    def show_history(self, history: HistogramHistory, iteration: int | None, J) -> None:
        self.history = history
        J_text = "–" if J is None else f"{J:.6f}"
        self.title.setText(
            f"iteration {'–' if iteration is None else f'{iteration:,}'} · J = {J_text}"
        )
        L = history.layers
        if L and self.layer.count() != L:
            keep = min(max(self.layer.currentIndex(), 0), L - 1)
            self.layer.blockSignals(True)
            self.layer.clear()
            self.layer.addItems([f"layer {l}" for l in range(1, L + 1)])
            self.layer.setCurrentIndex(keep)
            self.layer.blockSignals(False)
        self._draw()

    def series(self) -> tuple[np.ndarray, list[Summary]]:
        """The points shown: (iterations, summaries) of the chosen tensor, layer and range."""
        if self.history is None or self.layer.currentIndex() < 0:
            return np.zeros(0, np.int64), []
        last = self.last.value() or None
        return self.history.series(
            self.tensor.currentText(), self.layer.currentIndex() + 1, self.first.value(), last
        )

    # ----- drawing (items made once, then only given new data) -----
    def _make_items(self) -> None:
        p = self.plot
        self._bands_items: list = []
        for alpha in BAND_ALPHA:
            lo = p.plot(pen=pg.mkPen(None))
            hi = p.plot(pen=pg.mkPen(None))
            fill = pg.FillBetweenItem(lo, hi, brush=pg.mkBrush(color(theme.ACCENT, alpha)))
            p.addItem(fill)
            self._bands_items += [lo, hi, fill]
        self._median = p.plot(pen=pen(theme.ACCENT, 1.8))
        self._bands_items.append(self._median)
        self._ridge_items: list[pg.PlotDataItem] = []
        for k in range(RIDGE):  # the oldest first: drawn at the back, highest
            curve = p.plot(pen=pen(theme.ACCENT, 1.2), fillBrush=color(theme.SURFACE, 235))
            curve.setZValue(k)
            self._ridge_items.append(curve)
        self._drawn: tuple | None = None

    def _draw(self) -> None:
        its, sums = self.series()
        h = self.history
        key = (
            id(h),
            len(h) if h is not None else 0,
            h.last_iteration if h is not None else -1,
            self.mode,
            self.tensor.currentIndex(),
            self.layer.currentIndex(),
            self.first.value(),
            self.last.value(),
            len(sums),
        )
        if key == self._drawn:
            return  # nothing new to draw
        self._drawn = key
        name = f"{self.tensor.currentText()}[{self.layer.currentIndex() + 1}]"
        bands = self.mode == "distribution" and bool(sums)
        for item in self._bands_items:
            item.setVisible(bands)
        self._ridge_rows = 0 if self.mode == "distribution" else len(pick(len(sums)))
        for k, curve in enumerate(self._ridge_items):
            curve.setVisible(k < self._ridge_rows)
        if not sums:
            self.readout.setText(
                f"No {name} recorded in this range yet: they are recorded while training runs"
            )
            return
        if bands:
            self._bands(its, sums)
        else:
            self._ridge(its, sums)
        p = sums[-1].percentiles
        self.readout.setText(
            f"{name} at iteration {int(its[-1]):,} ({len(its)} points, {int(its[0]):,} to "
            f"{int(its[-1]):,}): median {p[4]:.3g}, 16–84 %: {p[2]:.3g} … {p[6]:.3g}, "
            f"min {p[0]:.3g}, max {p[8]:.3g}"
        )

    def _bands(self, its: np.ndarray, sums: list[Summary]) -> None:
        self.plot.setLabel("bottom", "iteration")
        self.plot.setLabel("left", "value")
        self.plot.getAxis("left").setTicks(None)
        x = its.astype(np.float64)
        P = np.array([s.percentiles for s in sums])  # (k, 9)
        for band in range(len(BAND_ALPHA)):
            lo, hi = self._bands_items[3 * band], self._bands_items[3 * band + 1]
            lo.setData(x, P[:, band])
            hi.setData(x, P[:, 8 - band])
        self._median.setData(x, P[:, 4])

    def _ridge(self, its: np.ndarray, sums: list[Summary]) -> None:
        self.plot.setLabel("bottom", f"{self.tensor.currentText()} value")
        self.plot.setLabel("left", "iteration")
        rows = pick(len(sums))
        n = len(rows)
        for k, i in enumerate(rows):
            s = sums[i]
            centres = (s.edges[:-1] + s.edges[1:]) / 2
            top = max(int(s.counts.max()), 1)
            base = float(n - 1 - k)
            curve = self._ridge_items[k]
            curve.setPen(pen(theme.ACCENT, 1.2, alpha=int(90 + 165 * (k + 1) / n)))
            curve.setFillLevel(base)  # filled down to its base: hides the older ones behind
            curve.setData(centres, base + 1.6 * s.counts / top)
        ticks = [(float(n - 1 - k), f"{int(its[i]):,}") for k, i in enumerate(rows)]
        self.plot.getAxis("left").setTicks([ticks[:: -(-n // 4)]])  # at most 4 labels

    def state(self) -> dict:
        its, sums = self.series()
        out: dict = {
            "tensor": self.tensor.currentText(),
            "layer": self.layer.currentIndex() + 1,
            "mode": self.mode,
            "from": self.first.value(),
            "to": self.last.value() or None,
            "points": len(sums),
        }
        if sums:
            out.update(
                first_iteration=int(its[0]),
                last_iteration=int(its[-1]),
                percentiles=[float(v) for v in sums[-1].percentiles],
                counts=sums[-1].counts.tolist(),
                edges=[float(sums[-1].edges[0]), float(sums[-1].edges[-1])],
                ridge=[int(its[i]) for i in pick(len(sums))] if self.mode == "histogram" else None,
            )
        return out

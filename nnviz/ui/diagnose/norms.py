"""The "Gradients" tab: ‖dW[l]‖ per layer over the iterations, or ‖dW[l]‖ / ‖W[l]‖ (how large a
step the gradient is next to the weights), on a log axis: vanishing gradients show as the first
layers' curves lying decades below the last's (try sigmoid hidden units with 6 layers), exploding
ones as curves shooting up. A vertical line marks the shown iteration.

[iteration 200 · J = 0.4838]                              [‖dW‖ | ‖dW‖/‖W‖]
[plot: one curve per layer, log y, iteration x]
[at iteration 200: ‖dW[1]‖ 3.1e-3 · … (the shown iteration's, or the nearest before; each
 layer's name in its curve's colour: the legend)]
The numbers come from nnviz.run.gradnorms.GradNormHistory, which the feature fills.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.run.gradnorms import GradNormHistory
from nnviz.ui.common import theme
from nnviz.ui.diagnose.confusion import split_buttons
from nnviz.ui.plots._common import pen, style_plot_item

LAYER_COLOURS = (
    "#2b6cb0",
    "#dd6b20",
    "#2f855a",
    "#805ad5",
    "#c53030",
    "#2c9a8f",
    "#b7791f",
    "#4a5568",
)
MODES = ("norm", "ratio")


def layer_colour(l: int) -> str:
    """The colour of layer l (1-based), cycling."""
    return LAYER_COLOURS[(l - 1) % len(LAYER_COLOURS)]


def positive(a: np.ndarray) -> np.ndarray:
    """a with the values a log axis cannot show (≤ 0, inf, NaN) as NaN (gaps in the curve)."""
    a = np.asarray(a, np.float64)
    return np.where(np.isfinite(a) & (a > 0), a, np.nan)


class _PlotWidget(pg.PlotWidget):
    """A plot that asks for little height, so the tab's word-wrapped readout fits a short window
    (a layout with a word-wrapped label sizes by the other widgets' size hints)."""

    def sizeHint(self) -> QSize:
        return QSize(320, 110)


class GradNormsView(QWidget):
    """Draws a GradNormHistory (show_history); modeChanged is not needed: it redraws itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = "norm"
        self.history: GradNormHistory | None = None
        self.shown_iteration: int | None = None
        self.title = QLabel("iteration – · J = –")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.group, self.norm_button, self.ratio_button = split_buttons(
            self, "‖dW[l]‖, or ‖dW[l]‖ / ‖W[l]‖: the gradient's size next to the weights'"
        )
        self.norm_button.setText("‖dW‖")
        self.ratio_button.setText("‖dW‖/‖W‖")
        self.group.idClicked.connect(lambda i: self.set_mode(MODES[i]))
        self.plot_widget = _PlotWidget(background=theme.SURFACE)
        self.plot = self.plot_widget.getPlotItem()
        style_plot_item(self.plot, left="‖dW[l]‖", bottom="iteration")
        self.plot.setLogMode(x=False, y=True)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot_widget.setMinimumHeight(80)
        self.curves: list[pg.PlotDataItem] = []
        self.marker = pg.InfiniteLine(angle=90, pen=pen(theme.TEXT_MUTED, 1.0, dash=True))
        self.marker.setVisible(False)
        self.plot.addItem(self.marker, ignoreBounds=True)
        self.readout = QLabel()  # the legend too: each layer's name in its curve's colour
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.norm_button)
        top.addWidget(self.ratio_button)
        col.addLayout(top)
        col.addWidget(self.plot_widget, 1)
        col.addWidget(self.readout)

    def set_mode(self, mode: str) -> None:
        """ "norm" (‖dW[l]‖) or "ratio" (‖dW[l]‖ / ‖W[l]‖)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        (self.norm_button if mode == "norm" else self.ratio_button).setChecked(True)
        self.plot.setLabel("left", "‖dW[l]‖" if mode == "norm" else "‖dW[l]‖ / ‖W[l]‖")
        self._draw()

    def show_history(
        self, history: GradNormHistory, iteration: int | None, J: float | None
    ) -> None:
        """Draw `history`; mark the shown `iteration` with its J (None: nothing shown yet)."""
        self.history, self.shown_iteration = history, iteration
        J_text = "–" if J is None else f"{J:.6f}"
        it_text = "–" if iteration is None else f"{iteration:,}"
        self.title.setText(f"iteration {it_text} · J = {J_text}")
        self._draw()

    def values(self) -> tuple[np.ndarray, np.ndarray]:
        """(iterations (n,), the plotted values (n, L)) of the mode shown."""
        h = self.history
        if h is None or not len(h):
            return np.zeros(0, np.int64), np.zeros((0, 0))
        its, dW, _ = h.arrays()
        return its, dW if self.mode == "norm" else h.ratios()

    def row_at(self, iteration: int | None) -> int | None:
        """The point shown for `iteration`: its own, or the nearest before (None: none)."""
        its, _ = self.values()
        if iteration is None or not its.size:
            return None
        i = int(np.searchsorted(its, iteration, side="right")) - 1
        return i if i >= 0 else None

    def _draw(self) -> None:
        its, vals = self.values()
        L = vals.shape[1]
        if len(self.curves) != L:
            for c in self.curves:
                self.plot.removeItem(c)
            self.curves = [
                self.plot.plot(pen=pen(layer_colour(l), 1.8), connect="finite")
                for l in range(1, L + 1)
            ]
        for l, curve in enumerate(self.curves):
            curve.setData(its.astype(np.float64), positive(vals[:, l]))
        self.marker.setVisible(self.shown_iteration is not None and its.size > 0)
        if self.shown_iteration is not None:
            self.marker.setValue(self.shown_iteration)
        row = self.row_at(self.shown_iteration)
        if row is None:
            self.readout.setText(
                "No gradients recorded yet: they are recorded while training runs (play or step)"
            )
            return
        sym = "‖dW[{l}]‖" if self.mode == "norm" else "‖dW[{l}]‖/‖W[{l}]‖"
        parts = [
            f"<b style='color:{layer_colour(l + 1)}'>{sym.format(l=l + 1)}</b> {vals[row, l]:.2g}"
            for l in range(L)
        ]
        self.readout.setText(
            f"<span style='color:{theme.TEXT_MUTED}'>at iteration {int(its[row]):,}:</span> "
            + " · ".join(parts)
        )

    def state(self) -> dict:
        its, vals = self.values()
        row = self.row_at(self.shown_iteration)
        return {
            "mode": self.mode,
            "points": int(its.size),
            "layers": int(vals.shape[1]),
            "first_iteration": int(its[0]) if its.size else None,
            "last_iteration": int(its[-1]) if its.size else None,
            "at_iteration": None if row is None else int(its[row]),
            "values": None if row is None else [float(v) for v in vals[row]],
        }

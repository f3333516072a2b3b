"""The interactive activation plot: sigma(z) and sigma'(z), or the hidden g(z) and g'(z).

A draggable vertical marker reads out z, g(z) and g'(z) in the header (sigmoid_header.py, beside
the output / hidden switch). The output unit's z for the shown example is a prominent point on the
curve, labelled "ŷ = σ(z) = P(cat) = p" where it covers nothing (sigmoid_texts.py), and every
training example's z is a faint tick crossing it, so saturation (z far from 0, where sigma'(z) ~ 0)
shows while training. Everything updates existing items in place (one scatter, one
connect="pairs" curve; sigmoid_items.py), cheap enough for 60 calls per second.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from nnviz.engine.activations import OUTPUT_ACTIVATION, Activation, get_activation
from nnviz.ui.common import theme
from nnviz.ui.plots._common import caption_label
from nnviz.ui.plots.sigmoid_header import SigmoidHeader
from nnviz.ui.plots.sigmoid_items import Z_MAX, make_sigmoid_items, style_sigmoid_plot
from nnviz.ui.plots.sigmoid_texts import SigmoidTexts

_GRID = np.linspace(-Z_MAX, Z_MAX, 801)
CAPTIONS = {
    "sigmoid": "σ'(z) ≈ 0 when |z| is large: the unit saturates and learning slows.",
    "relu": "g'(z) = 0 for z < 0: a unit with z < 0 for every example stops learning (dead ReLU).",
    "leaky_relu": "g'(z) = 0.01 for z < 0: negative units still learn, slowly.",
    "tanh": "g'(z) ≈ 0 when |z| is large: the unit saturates and learning slows.",
    "linear": "g'(z) = 1 everywhere: stacked linear layers stay one linear map.",
}


def _symbol(act: Activation) -> str:
    return "σ" if act.name == "sigmoid" else "g"


class SigmoidPlot(QWidget):
    """sigma / sigma' (view "output") or the hidden g / g' (view "hidden") on z in [-10, 10].

    view_changed(str) is emitted with "output" or "hidden" when the switch changes.
    """

    view_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._output = get_activation(OUTPUT_ACTIVATION)
        self._hidden = get_activation("relu")
        self._view = "output"
        self._positive = "y = 1"  # ŷ is P(positive class) (set_class_names)
        self._z_example: float | None = None
        self._z_all: np.ndarray | None = None
        self._hidden_z: np.ndarray | None = None

        self._header = SigmoidHeader()
        self._buttons = self._header.buttons
        self._buttons.idClicked.connect(lambda i: self.set_view(("output", "hidden")[i]))
        self._plot_widget = pg.PlotWidget(background=theme.SURFACE)
        self._plot = self._plot_widget.getPlotItem()
        style_sigmoid_plot(self._plot)
        items = make_sigmoid_items(self._plot)
        self._legend, self._f_curve = items.legend, items.f_curve
        self._grad_curve, self._ticks = items.grad_curve, items.ticks
        self._edge_text, self._points = items.edge_text, items.points
        self._point_text, self._marker = items.point_text, items.marker
        self._marker_dots = items.marker_dots
        self._marker.sigPositionChanged.connect(self._update_readout)
        self._texts = SigmoidTexts(self._plot, items)  # where the words in the plot go
        self._plot.vb.sigResized.connect(self._place_texts)
        self._caption = caption_label()
        self._caption.setContentsMargins(6, 0, 6, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._header)
        layout.addWidget(self._plot_widget, 1)
        layout.addWidget(self._caption)
        self.setStyleSheet(f"background: {theme.SURFACE};")
        self._show_activation()

    # -- public API -------------------------------------------------------------------------

    def set_view(self, view: str) -> None:
        """Show "output" (sigma, output z) or "hidden" (g of layer 1, hidden z)."""
        if view not in ("output", "hidden"):
            raise ValueError(f"SigmoidPlot.set_view: {view!r} is not 'output' or 'hidden'")
        self._buttons.button(0 if view == "output" else 1).setChecked(True)
        if view != self._view:
            self._view = view
            self._show_activation()
            self.view_changed.emit(view)

    def view(self) -> str:
        """ "output" or "hidden"."""
        return self._view

    def set_hidden_activation(self, name: str) -> None:
        """Use activation `name` (see nnviz.engine.activations) for the hidden view."""
        self._hidden = get_activation(name)
        self._show_activation()

    def set_class_names(self, class_names: tuple[str, str]) -> None:
        """The dataset's (negative, positive) names: the example's ŷ reads P(positive)."""
        self._positive = class_names[1]
        self._draw_points()

    def set_output(self, z_example: float | None, z_all: np.ndarray | None) -> None:
        """Output unit's z: z_example for the shown example, z_all (m,) for every example."""
        self._z_example = None if z_example is None else float(z_example)
        self._z_all = None if z_all is None else np.asarray(z_all, dtype=np.float64).ravel()
        if self._view == "output":
            self._draw_points()

    def set_hidden_z(self, z_example: np.ndarray | None) -> None:
        """z of layer 1's hidden units for the shown example, shape (n[1],) (or (n[1], 1))."""
        self._hidden_z = None if z_example is None else np.asarray(z_example, float).ravel()
        if self._view == "hidden":
            self._draw_points()

    def activation(self) -> Activation:
        """The activation drawn now (sigmoid in the output view)."""
        return self._output if self._view == "output" else self._hidden

    def marker_values(self) -> tuple[float, float, float]:
        """(z, g(z), g'(z)) at the draggable marker."""
        z = float(self._marker.value())
        act = self.activation()
        arr = np.array([z])
        return z, float(act.f(arr)[0]), float(act.grad(arr)[0])

    def set_marker(self, z: float) -> None:
        """Move the marker to z (clamped to [-10, 10])."""
        self._marker.setValue(float(np.clip(z, -Z_MAX, Z_MAX)))

    def readout(self) -> str:
        """The readout text, e.g. "z = 1.50 · σ(z) = 0.818 · σ'(z) = 0.149"."""
        return self._header.text()

    def point_label(self) -> str:
        """The example's label ("ŷ = σ(0.22) = P(cat) = 0.556"); "" when none is shown."""
        return self._point_text.toPlainText() if self._point_text.isVisible() else ""

    def overlapping_texts(self) -> list[str]:
        """What overlaps or is cut among the readout, the switch and the plot's words ([])."""
        return self._texts.overlaps(self._header)

    def tick_count(self) -> int:
        """How many per-example ticks are drawn (len(z_all) in the output view)."""
        x = self._ticks.getData()[0]
        return 0 if x is None else len(x) // 2

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions (x (k,), y (k,)) of the highlighted points (clamped to the plotted range)."""
        x, y = self._points.getData()
        return np.asarray(x), np.asarray(y)

    # -- drawing ----------------------------------------------------------------------------

    def _show_activation(self) -> None:
        act = self.activation()
        s = _symbol(act)
        f, g = act.f(_GRID), act.grad(_GRID)
        self._f_curve.setData(_GRID, f)
        self._grad_curve.setData(_GRID, g)
        self._legend.clear()
        self._legend.addItem(self._f_curve, f"{s}(z)")
        self._legend.addItem(self._grad_curve, f"{s}'(z)")
        lo, hi = float(min(f.min(), g.min())), float(max(f.max(), g.max()))
        pad = 0.08 * (hi - lo)
        self._y_range = self._texts.y_range = (lo - pad, hi + pad)
        self._plot.setYRange(*self._y_range, padding=0)
        self._plot.setXRange(-Z_MAX, Z_MAX, padding=0.02)
        out, hidden = f"output: {self._output.label}", f"hidden: {self._hidden.label}"
        self._header.set_switch([(out, "output"), (hidden, "hidden")])
        self._header.set_widest(
            [["z = -10.00"], [f"{s}(z) = {v:.3f}" for v in f], [f"{s}'(z) = {v:.3f}" for v in g]]
        )
        self._caption.setText(CAPTIONS.get(act.name, ""))
        self._update_readout()
        self._draw_points()

    def _update_readout(self) -> None:
        z, fz, gz = self.marker_values()
        s = _symbol(self.activation())
        self._header.set_readout([f"z = {z:.2f}", f"{s}(z) = {fz:.3f}", f"{s}'(z) = {gz:.3f}"])
        self._marker_dots.setData(
            [z, z], [fz, gz], brush=[pg.mkBrush(theme.ACCENT), pg.mkBrush(theme.GRAD_POSITIVE)]
        )

    def _draw_points(self) -> None:
        act = self.activation()
        output = self._view == "output"
        z_pts = None
        if output and self._z_example is not None:
            z_pts = np.array([self._z_example])
        elif not output and self._hidden_z is not None:
            z_pts = self._hidden_z
        if z_pts is None or z_pts.size == 0:
            self._points.setData([], [])
        else:
            x = np.clip(z_pts, -Z_MAX, Z_MAX)
            y = np.clip(act.f(z_pts), *self._y_range)
            symbols = np.where(z_pts > Z_MAX, "t2", np.where(z_pts < -Z_MAX, "t3", "o"))
            big = 11 if output else 8
            self._points.setData(x, y, symbol=symbols, size=big)
        self._draw_ticks(act if output else None)
        self._place_texts()

    def _place_texts(self) -> None:
        """The example's label (output view only) and the off-scale counts, where they fit."""
        z = self._z_example if self._view == "output" else None
        p = 0.0 if z is None else float(self._output.f(np.array([z]))[0])
        self._texts.place_label(z, p, self._positive)

    def _draw_ticks(self, act: Activation | None) -> None:
        z = self._z_all if act is not None else None
        if act is None or z is None or z.size == 0:
            self._ticks.setData([], [])
            for t in self._edge_text:
                t.hide()
            return
        x = np.clip(z, -Z_MAX, Z_MAX)
        y = act.f(z)
        half = 0.04 * (self._y_range[1] - self._y_range[0])
        xs = np.repeat(x, 2)
        ys = np.repeat(y, 2)
        ys[0::2] -= half
        ys[1::2] += half
        self._ticks.setData(xs, ys)
        below, above = int(np.count_nonzero(z < -Z_MAX)), int(np.count_nonzero(z > Z_MAX))
        for t, n, text in (
            (self._edge_text[0], below, f"◀ {below} below −10"),
            (self._edge_text[1], above, f"{above} above 10 ▶"),
        ):
            t.setVisible(n > 0)
            if n:
                t.setText(text)  # placed by _place_texts

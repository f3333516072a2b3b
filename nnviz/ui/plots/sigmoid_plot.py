"""The interactive activation plot: sigma(z) and sigma'(z), or the hidden g(z) and g'(z).

A draggable vertical marker reads out z, g(z) and g'(z). The output unit's z for the shown example
is a prominent point on the curve and every training example's z is a faint tick crossing it, so
saturation (z far from 0, where sigma'(z) ~ 0) shows while training. Everything updates existing
items in place (one scatter, one connect="pairs" curve), cheap enough for 60 calls per second.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from nnviz.engine.activations import OUTPUT_ACTIVATION, Activation, get_activation
from nnviz.ui.common import theme
from nnviz.ui.plots._common import (
    FONT_PT,
    caption_label,
    make_legend,
    pen,
    readout_label,
    style_plot_item,
    ui_font,
)

Z_MAX = 10.0
_GRID = np.linspace(-Z_MAX, Z_MAX, 801)
CAPTIONS = {
    "sigmoid": "σ'(z) ≈ 0 when |z| is large: the unit saturates and learning slows.",
    "relu": "g'(z) = 0 for z < 0: a unit with z < 0 for every example stops learning (dead ReLU).",
    "leaky_relu": "g'(z) = 0.01 for z < 0: negative units still learn, slowly.",
    "tanh": "g'(z) ≈ 0 when |z| is large: the unit saturates and learning slows.",
    "linear": "g'(z) = 1 everywhere: stacked linear layers stay one linear map.",
}
_BUTTON_CSS = (
    f"QPushButton {{ border: 1px solid {theme.BORDER}; padding: 2px 10px;"
    f" color: {theme.TEXT_MUTED}; background: {theme.SURFACE}; }}"
    f"QPushButton:checked {{ background: {theme.ACCENT}; color: white;"
    f" border-color: {theme.ACCENT}; }}"
)


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
        self._z_example: float | None = None
        self._z_all: np.ndarray | None = None
        self._hidden_z: np.ndarray | None = None

        self._readout = readout_label()
        self._readout.setFont(ui_font(FONT_PT))
        self._buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for i in range(2):  # 0: output, 1: hidden
            b = QPushButton()
            b.setCheckable(True)
            b.setFont(ui_font(FONT_PT))
            b.setStyleSheet(_BUTTON_CSS)
            self._buttons.addButton(b, i)
            switch.addWidget(b)
        self._buttons.button(0).setChecked(True)
        self._buttons.idClicked.connect(lambda i: self.set_view(("output", "hidden")[i]))
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 6, 0)
        header.addWidget(self._readout, 1)
        header.addLayout(switch)

        self._plot_widget = pg.PlotWidget(background=theme.SURFACE)
        self._plot = self._plot_widget.getPlotItem()
        style_plot_item(self._plot, bottom="z")
        self._plot.setMouseEnabled(x=False, y=False)
        self._plot.hideButtons()
        self._plot.getAxis("left").setWidth(34)
        self._make_items()
        self._caption = caption_label()
        self._caption.setContentsMargins(6, 0, 6, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self._plot_widget, 1)
        layout.addWidget(self._caption)
        self.setStyleSheet(f"background: {theme.SURFACE};")
        self._show_activation()

    def _make_items(self) -> None:
        p = self._plot
        self._legend = make_legend(p, offset=(8, 6))
        self._f_curve = p.plot(pen=pen(theme.ACCENT, 2.2))
        self._grad_curve = p.plot(pen=pen(theme.GRAD_POSITIVE, 2.0, dash=True))
        # one path of vertical segments; no antialiasing (vertical lines need none; 4x cheaper)
        self._ticks = pg.PlotCurveItem(
            connect="pairs", pen=pen(theme.TEXT, 1.0, alpha=70), antialias=False
        )
        p.addItem(self._ticks)
        self._edge_text = [
            pg.TextItem(color=theme.TEXT_MUTED, anchor=(0, 1)),
            pg.TextItem(color=theme.TEXT_MUTED, anchor=(1, 1)),
        ]
        for t in self._edge_text:
            t.setFont(ui_font(FONT_PT - 0.5))
            p.addItem(t, ignoreBounds=True)
        self._points = pg.ScatterPlotItem(
            size=11, pen=pg.mkPen(theme.SURFACE, width=1.5), brush=pg.mkBrush(theme.TEST)
        )
        self._points.setZValue(40)
        p.addItem(self._points)
        self._point_text = pg.TextItem(color=theme.TEXT, anchor=(0, 1.1))
        self._point_text.setFont(ui_font(FONT_PT))
        self._point_text.setZValue(41)
        p.addItem(self._point_text, ignoreBounds=True)

        self._marker = pg.InfiniteLine(
            pos=1.5,
            angle=90,
            movable=True,
            bounds=(-Z_MAX, Z_MAX),
            pen=pen(theme.TEXT_MUTED, 1.5),
            hoverPen=pen(theme.TEXT, 2.5),
        )
        self._marker.setZValue(30)
        self._marker.setToolTip("drag to read z, g(z) and g'(z)")
        self._marker.sigPositionChanged.connect(self._update_readout)
        p.addItem(self._marker, ignoreBounds=True)
        self._marker_dots = pg.ScatterPlotItem(size=7, pen=None)
        self._marker_dots.setZValue(31)
        p.addItem(self._marker_dots)

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
        return self._readout.text()

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
        self._y_range = (lo - pad, hi + pad)
        self._plot.setYRange(*self._y_range, padding=0)
        self._plot.setXRange(-Z_MAX, Z_MAX, padding=0.02)
        self._buttons.button(0).setText(f"output: {self._output.label}")
        self._buttons.button(1).setText(f"hidden: {self._hidden.label}")
        self._caption.setText(CAPTIONS.get(act.name, ""))
        self._update_readout()
        self._draw_points()

    def _update_readout(self) -> None:
        z, fz, gz = self.marker_values()
        s = _symbol(self.activation())
        self._readout.setText(f"z = {z:.2f} · {s}(z) = {fz:.3f} · {s}'(z) = {gz:.3f}")
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
            self._point_text.hide()
        else:
            x = np.clip(z_pts, -Z_MAX, Z_MAX)
            y = np.clip(act.f(z_pts), *self._y_range)
            symbols = np.where(z_pts > Z_MAX, "t2", np.where(z_pts < -Z_MAX, "t3", "o"))
            big = 11 if output else 8
            self._points.setData(x, y, symbol=symbols, size=big)
            if output:
                self._place_point_text(float(z_pts[0]), float(x[0]), float(y[0]))
                self._point_text.show()
            else:
                self._point_text.hide()
        self._draw_ticks(act if output else None)

    def _place_point_text(self, z: float, x: float, y: float) -> None:
        """Label the example's point "ŷ = σ(z) = p" in the empty side of the rising curve."""
        self._point_text.setText(f"ŷ = σ({z:.2f}) = {self._output.f(np.array([z]))[0]:.3f}")
        upper = y > 0.5 * (self._y_range[0] + self._y_range[1])
        # the side with room for the text, in pixels: a narrow plot must not cut it off
        vb = self._plot.getViewBox()
        px = vb.mapViewToScene(QPointF(x, y)).x()
        box = vb.sceneBoundingRect()
        width = self._point_text.boundingRect().width() + 8
        fits_right, fits_left = px + width <= box.right(), px - width >= box.left()
        if not (fits_right or fits_left):  # a narrow plot: centred under the top edge
            anchor = (0.5, -0.1) if not upper else (0.5, 1.6)
        elif upper:  # below-right of the curve is empty
            anchor = (-0.08, -0.25) if fits_right or not fits_left else (1.0, -0.25)
        else:  # above-left of the curve is empty
            anchor = (1.08, 1.25) if fits_left or not fits_right else (0.0, 1.25)
        self._point_text.setAnchor(anchor)
        self._point_text.setPos(x, y)

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
        for t, n, text, xpos in (
            (self._edge_text[0], below, f"◀ {below} below −10", -Z_MAX),
            (self._edge_text[1], above, f"{above} above 10 ▶", Z_MAX),
        ):
            t.setVisible(n > 0)
            if n:
                t.setText(text)
                t.setPos(xpos, self._y_range[0] + 0.5 * (self._y_range[1] - self._y_range[0]))

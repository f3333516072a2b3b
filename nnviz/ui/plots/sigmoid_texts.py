"""Where the sigmoid plot's words go inside the plot, and whether any of them overlap.

The example's label ("ŷ = σ(z) = P(cat) = p") goes beside its point where it stays inside the
plot, off the legend and the off-scale counts, and over as little of the curves and the marker as
can be (label_place.py); when the full label fits nowhere, the short "ŷ = P(cat) = p" is tried.
The counts of examples beyond ±10 sit under the plot's ends, on the axis title's line.
overlaps() lists what a user would see overlapping or cut, for tests and --dump-state.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsTextItem

from nnviz.ui.plots.label_place import (
    ABOVE_LEFT,
    ABOVE_RIGHT,
    BELOW_LEFT,
    BELOW_RIGHT,
    BLOCKED,
    Rect,
    outside,
    overlap,
    place_label,
)
from nnviz.ui.plots.sigmoid_header import SigmoidHeader
from nnviz.ui.plots.sigmoid_items import Z_MAX, SigmoidItems

TOLERANCE = 1.0  # pixels of overlap nobody sees (anti-aliased edges)
POINT_R = 6.0  # the example's point, in pixels (its symbol is 11 px wide)


def _rect(r: QRectF) -> Rect:
    return r.x(), r.y(), r.width(), r.height()


def _ink(item: pg.TextItem | QGraphicsTextItem) -> Rect:
    """A text's rectangle in the scene without its document's empty margin."""
    text = item.textItem if isinstance(item, pg.TextItem) else item
    m = text.document().documentMargin()
    return _rect(item.sceneBoundingRect().adjusted(m, m, -m, -m))


class SigmoidTexts:
    """Places `items`' texts on `plot`; y_range is the plot's (lo, hi) in view units."""

    def __init__(self, plot: pg.PlotItem, items: SigmoidItems) -> None:
        self.plot, self.items = plot, items
        self.y_range = (0.0, 1.0)
        plot.getAxis("bottom").geometryChanged.connect(self.place_edges)

    def _box(self) -> QRectF:
        return self.plot.getViewBox().sceneBoundingRect()

    def to_scene(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """View coordinates to scene pixels, (n, 2)."""
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        box = self._box()
        sx, sy = box.width() / (x1 - x0), box.height() / (y1 - y0)
        return np.column_stack([box.left() + (x - x0) * sx, box.bottom() - (y - y0) * sy])

    def _weighted(self, x: np.ndarray, y: np.ndarray, weight: float) -> np.ndarray:
        return np.column_stack([self.to_scene(x, y), np.full(len(x), weight)])

    def place_edges(self) -> None:
        """The off-scale counts under the plot's left and right ends, on the axis title's line
        (outside the plot, so they never meet the legend or the label)."""
        box = self._box()
        title = self.plot.getAxis("bottom").label.sceneBoundingRect()
        left, right = self.items.edge_text
        left.setPos(self.plot.mapFromScene(QPointF(box.left(), title.bottom())))
        right.setPos(self.plot.mapFromScene(QPointF(box.right(), title.bottom())))

    def place_label(self, z: float | None, p: float, positive: str) -> None:
        """Label the example's point (z, p = σ(z)) on the output curve; None hides the label."""
        self.place_edges()
        label = self.items.point_text
        if z is None:
            label.hide()
            return
        lo, hi = self.y_range
        x, y = float(np.clip(z, -Z_MAX, Z_MAX)), float(np.clip(p, lo, hi))
        label.setPos(x, y)
        label.show()
        if self._box().height() < 2:
            return  # not laid out yet: placed when it is (sigResized)
        # the empty side of the rising curve first: below-right of an upper point, else above-left
        upper = y > 0.5 * (lo + hi)
        prefer = (BELOW_RIGHT, BELOW_LEFT) if upper else (ABOVE_LEFT, ABOVE_RIGHT)
        avoid = [_rect(self.items.legend.sceneBoundingRect())]
        drawn = []  # (x, y, weight): g(z) counts twice g'(z) (dashed) and the marker
        for curve, weight in ((self.items.f_curve, 2.0), (self.items.grad_curve, 1.0)):
            x_data, y_data = curve.getData()
            if x_data is not None:
                drawn.append(self._weighted(x_data, y_data, weight))
        m = float(self.items.marker.value())
        drawn.append(self._weighted(np.full(20, m), np.linspace(lo, hi, 20), 1.0))
        point = self.to_scene(np.array([x]), np.array([y]))[0]
        px, py = float(point[0]), float(point[1])
        avoid.append((px - POINT_R, py - POINT_R, 2 * POINT_R, 2 * POINT_R))  # the point itself
        texts = (f"ŷ = σ({z:.2f}) = P({positive}) = {p:.3f}", f"ŷ = P({positive}) = {p:.3f}")
        for text in texts:
            label.setText(text)
            size = label.boundingRect()
            w, h = size.width(), size.height()
            (rx, ry, _, _), score = place_label(
                (px, py), (w, h), _rect(self._box()), avoid, np.vstack(drawn), prefer
            )
            if score < BLOCKED:
                break
        label.setAnchor(((px - rx) / w, (py - ry) / h))

    def overlaps(self, header: SigmoidHeader) -> list[str]:
        """What overlaps or is cut: the readout and the switch, the texts in the plot and the
        legend or the plot's edges ([] when nothing)."""
        found = []
        readout, switch = header.readout, header.switch
        fm = readout.fontMetrics()
        need = max((fm.horizontalAdvance(t) for t in readout.text().split("\n")), default=0)
        if need > readout.contentsRect().width() + TOLERANCE:
            found.append(f"the readout is cut ({need} px in {readout.contentsRect().width()})")
        if readout.geometry().intersects(switch.geometry()):
            found.append("the readout runs under the output / hidden switch")
        label = self.items.point_text
        if label.isVisible():
            r, text = _ink(label), label.toPlainText()
            if outside(r, _rect(self._box())) > TOLERANCE * max(r[2], r[3]):
                found.append(f"“{text}” is cut by the plot's edge")
            if overlap(r, _rect(self.items.legend.sceneBoundingRect())) > TOLERANCE:
                found.append(f"“{text}” lies on the legend")
        title = self.plot.getAxis("bottom").label
        view = self.plot.getViewWidget()  # the plot's widget: what it shows
        shown = _rect(view.mapToScene(view.viewport().rect()).boundingRect())
        under = [(title.toPlainText(), _ink(title))]
        for t in self.items.edge_text:
            if t.isVisible():
                r, text = _ink(t), t.toPlainText()
                if outside(r, shown) > TOLERANCE * max(r[2], r[3]):
                    found.append(f"“{text}” is cut by the plot's widget")
                found += [f"“{text}” lies on “{o}”" for o, r2 in under if overlap(r, r2) > 0]
                under.append((text, r))
        return found

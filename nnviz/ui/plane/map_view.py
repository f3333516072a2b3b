"""The decision map: ŷ(x1, x2) over the input plane as a diverging colour map (orange ŷ = 0,
white 0.5, blue 1; drawn pale) with the ŷ = 0.5 contour, and the data on top: training points
filled, test points hollow (shown or not), coloured by their class. A thin widget: it is handed
the picture, the contour segments and the points (nnviz.run.plane_maps computes them)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.run.plane_maps import Plane
from nnviz.ui.canvas.paint import draw_lines, numpy_to_qimage
from nnviz.ui.common import theme

MARGIN = 22  # room for the axis words
DOT = 3.2  # point radius (px)
MAP_OPACITY = 0.55
STROKE_PX = 8.0  # a drag adds a point every this many pixels
PICK_PX = 8.0  # a right click removes a point this near


class DecisionMap(QWidget):
    """Paints the map, the contour and the points; square, as large as the widget allows.

    While `drawing`: a left click adds a point where it is (pointAdded(x1, x2)), a drag paints
    several (one every STROKE_PX), the release ends the stroke (strokeEnded), a right click
    removes the nearest point within PICK_PX (pointRemoved(x1, x2): where it was)."""

    pointAdded = Signal(float, float)
    pointRemoved = Signal(float, float)
    strokeEnded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing = False
        self._last: QPointF | None = None
        self.setMinimumSize(140, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.segments = np.zeros((0, 2, 2))
        self.plane: Plane | None = None
        self.train: tuple[np.ndarray, np.ndarray] | None = None  # points (2, m), y (m,)
        self.test: tuple[np.ndarray, np.ndarray] | None = None
        self.show_test = True
        self.paints = 0
        self._layers: dict[str, tuple[tuple, QPixmap]] = {}  # name -> (made from, pixmap)

    def set_plane(self, plane: Plane | None) -> None:
        """The square shown before any map (to draw on), or None."""
        self.plane = plane
        self.update()

    def set_map(self, rgb: np.ndarray, segments: np.ndarray, plane: Plane) -> None:
        """rgb: uint8 (res, res, 3) row 0 at the top; segments (k, 2, 2) in plane coordinates."""
        self.image, self.segments, self.plane = numpy_to_qimage(rgb), segments, plane
        self.update()

    def set_points(self, train, test) -> None:
        """(points (2, m), y (m,)) for the training and the test set."""
        self.train, self.test = train, test
        self.update()

    def clear(self) -> None:
        self.image, self.plane, self.train, self.test = None, None, None, None
        self.segments = np.zeros((0, 2, 2))
        self.update()

    def square(self) -> QRectF:
        """Where the plane is drawn (widget coordinates)."""
        side = max(10.0, min(self.width(), self.height()) - MARGIN - 4.0)
        return QRectF(MARGIN, 4.0, side, side)

    def to_widget(self, xy: np.ndarray) -> np.ndarray:
        """(..., 2) plane coordinates -> widget coordinates."""
        assert self.plane is not None
        r, pl = self.square(), self.plane
        x = r.left() + (xy[..., 0] - pl.x0) / (pl.x1 - pl.x0) * r.width()
        y = r.top() + (pl.y1 - xy[..., 1]) / (pl.y1 - pl.y0) * r.height()
        return np.stack([x, y], axis=-1)

    def to_plane(self, x: float, y: float) -> tuple[float, float] | None:
        """Widget point -> plane coordinates, None outside the plane's square."""
        r, pl = self.square(), self.plane
        if pl is None or not r.contains(QPointF(x, y)):
            return None
        return (
            pl.x0 + (x - r.left()) / r.width() * (pl.x1 - pl.x0),
            pl.y1 - (y - r.top()) / r.height() * (pl.y1 - pl.y0),
        )

    def nearest(self, x: float, y: float) -> tuple[float, float] | None:
        """The plane coordinates of the shown point nearest widget point (x, y) within PICK_PX."""
        best, best_d = None, PICK_PX
        for pts in (self.train, self.test):
            if pts is None or not np.asarray(pts[0]).size or self.plane is None:
                continue
            xy = np.asarray(pts[0]).T
            d = np.hypot(*(self.to_widget(xy) - (x, y)).T)
            i = int(np.argmin(d))
            if d[i] <= best_d:
                best, best_d = (float(xy[i, 0]), float(xy[i, 1])), float(d[i])
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.drawing:
            return
        pos = event.position()
        if event.button() == Qt.MouseButton.RightButton:
            hit = self.nearest(pos.x(), pos.y())
            if hit is not None:
                self.pointRemoved.emit(*hit)
        elif event.button() == Qt.MouseButton.LeftButton:
            self._add(pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.drawing and self._last is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pos = event.position()
            if (pos - self._last).manhattanLength() >= STROKE_PX:
                self._add(pos)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._last is not None and event.button() == Qt.MouseButton.LeftButton:
            self._last = None
            self.strokeEnded.emit()

    def _add(self, pos: QPointF) -> None:
        at = self.to_plane(pos.x(), pos.y())
        if at is not None:
            self._last = pos
            self.pointAdded.emit(*at)

    def paintEvent(self, event) -> None:
        """The cached background and points layers with the newest map between them: a new map
        costs one scaled image and the contour, not every point again."""
        p = QPainter(self)
        p.drawPixmap(0, 0, self._layer("base", (), self._paint_base))
        if self.plane is None:
            p.end()
            return
        r = self.square()
        if self.image is not None:
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            p.setOpacity(MAP_OPACITY)  # a pale map: the points in full colour stand out on it
            p.drawImage(r, self.image)
            p.setOpacity(1.0)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if len(self.segments):
            p.setPen(QPen(QColor(theme.TEXT), 1.6))
            draw_lines(p, self.to_widget(self.segments).reshape(-1, 4))
        shown = (self.train, self.test if self.show_test else None)
        p.drawPixmap(0, 0, self._layer("points", shown, self._paint_points))
        p.setPen(QPen(QColor(theme.BORDER), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        p.end()
        self.paints += 1

    def _layer(self, name: str, key: tuple, draw) -> QPixmap:
        """A widget-sized pixmap drawn by draw(painter), kept while the size, the plane and the
        objects in `key` (compared by identity) stay the same."""
        dpr = self.devicePixelRatioF()
        made_from = ((self.width(), self.height(), dpr, self.plane), key)
        old = self._layers.get(name)
        if (
            old is not None
            and old[0][0] == made_from[0]
            and len(old[0][1]) == len(key)
            and all(a is b for a, b in zip(old[0][1], key, strict=True))
        ):
            return old[1]
        pm = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.GlobalColor.transparent)
        q = QPainter(pm)
        draw(q)
        q.end()
        self._layers[name] = (made_from, pm)
        return pm

    def _paint_base(self, p: QPainter) -> None:
        """The surface and the axis words (under everything)."""
        p.fillRect(QRectF(0, 0, self.width(), self.height()), QColor(theme.SURFACE))
        if self.plane is None:
            return
        r, pl = self.square(), self.plane
        p.setFont(QFont(theme.FONT_FAMILY, 8))
        p.setPen(QColor(theme.TEXT_MUTED))
        p.drawText(QRectF(r.left(), r.bottom() + 1, 40, 16), f"{pl.x0:.2g}")
        p.drawText(
            QRectF(r.right() - 40, r.bottom() + 1, 40, 16),
            Qt.AlignmentFlag.AlignRight,
            f"{pl.x1:.2g}",
        )
        p.drawText(
            QRectF(r.center().x() - 20, r.bottom() + 1, 40, 16), Qt.AlignmentFlag.AlignHCenter, "x₁"
        )
        p.drawText(QRectF(0, r.top(), MARGIN - 2, 16), Qt.AlignmentFlag.AlignRight, f"{pl.y1:.2g}")
        p.drawText(
            QRectF(0, r.bottom() - 14, MARGIN - 2, 16), Qt.AlignmentFlag.AlignRight, f"{pl.y0:.2g}"
        )
        p.drawText(QRectF(0, r.center().y() - 8, MARGIN - 2, 16), Qt.AlignmentFlag.AlignRight, "x₂")

    def _paint_points(self, p: QPainter) -> None:
        """The data: training points filled, test points hollow (when shown), by class."""
        if self.plane is None:
            return
        r = self.square()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setClipRect(r.adjusted(-DOT, -DOT, DOT, DOT))  # points beyond the plane stay off
        for points, filled in ((self.test, False), (self.train, True)):
            if points is None or (not filled and not self.show_test):
                continue
            xy, y = points
            pos = self.to_widget(np.asarray(xy).T)
            for cls, colour in ((0, theme.NEGATIVE), (1, theme.POSITIVE)):
                c = QColor(colour)
                if filled:
                    p.setPen(QPen(QColor("white"), 1.0))
                    p.setBrush(c)
                else:
                    p.setPen(QPen(c, 1.6))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                for x_, y_ in pos[np.asarray(y) == cls]:
                    p.drawEllipse(QPointF(x_, y_), DOT, DOT)

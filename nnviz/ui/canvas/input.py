"""Pointer input on the network canvas: wheel zoom, drag to pan, double-click to fit, hover
readouts of units and edges, and clicks on units, edges and bias rings.

A mixin for NetworkCanvas (it uses the canvas's scene, view and values); the geometry of the hit
tests is in scene.py.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from nnviz.ui.canvas.scene import View
from nnviz.ui.canvas.text import LEGEND_H, hover_text


class CanvasInput(QWidget):
    """Zoom, pan, hover and click for the network canvas (a base class of NetworkCanvas).

    Signals: unitClicked(l, j) for a click on unit j of layer l (0 = input); hovered(text) with
    what is under the pointer ("" for nothing); unitHovered(l, j): the unit under the pointer,
    (-1, -1) when the pointer leaves units; weightClicked(hit, point) for a click on an edge,
    hit (l, j, k) = W[l][j, k], or on the outer part of a unit of layer l ≥ 1 (its bias ring),
    hit (l, j), with the widget point (QPointF) clicked."""

    unitClicked = Signal(int, int)
    weightClicked = Signal(object, object)
    hovered = Signal(str)
    unitHovered = Signal(int, int)

    # set by NetworkCanvas.reset(): _hit (the unit (l, j) or edge (l, j, k) under the pointer),
    # _hover_at (x, y), _press (where the left button went down, or None); _view by the canvas
    _hit: tuple | None
    _hover_at: tuple[float, float]
    _press: QPointF | None
    _view: View
    _shown: tuple | None = None  # (scene, snapshot, values, frame) on screen, set by the canvas

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if not steps:
            return
        pos = event.position()
        self._view = self._view.zoomed(1.15**steps, (pos.x(), pos.y()))
        self._user_zoomed = True
        self.update()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._drag_from = event.position()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            d = pos - self._drag_from
            self._drag_from = pos
            if (pos - self._press).manhattanLength() > 3:
                self._view = self._view.panned(d.x(), d.y())
                self._user_zoomed = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._set_hit(None)
                self.update()
            return
        self._hover_at = (pos.x(), pos.y())
        self._set_hit(self._hit_test(pos.x(), pos.y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        self.unsetCursor()
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        if (event.position() - press).manhattanLength() <= 3:
            hit = self._hit_test(event.position().x(), event.position().y())
            if hit is not None and len(hit) == 2:
                self.unitClicked.emit(*hit)
            if hit is not None and self._on_weight(hit, event.position()):
                self.weightClicked.emit(hit, event.position())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.fit_view()

    def leaveEvent(self, event) -> None:
        self._set_hit(None)
        super().leaveEvent(event)

    def pointed_weight(self) -> tuple[tuple, QPointF] | None:
        """(the edge (l, j, k) or unit (l, j) under the pointer, the pointer), None for none."""
        return None if self._hit is None else (self._hit, QPointF(*self._hover_at))

    def _on_weight(self, hit: tuple, at: QPointF) -> bool:
        """An edge, or a unit of layer l ≥ 1 hit outside 0.6 of its radius (its bias ring)."""
        if len(hit) == 3:
            return True
        l, j = hit
        scene = self._shown_scene()
        if l == 0 or j not in scene.shown[l]:
            return False
        cx, cy = self._view.map(scene.geometry.pos[l][list(scene.shown[l]).index(j)])
        inner = 0.6 * scene.geometry.radius * self._view.scale
        return math.hypot(at.x() - cx, at.y() - cy) >= inner

    # ---- hover --------------------------------------------------------------------------------
    def _hit_test(self, x: float, y: float) -> tuple | None:
        if y > self.height() - LEGEND_H:
            return None
        scene, s = self._shown_scene(), self._view.scale
        p = tuple(self._view.unmap((x, y)))
        unit = scene.hit_unit(p, slack=2.0 / s)
        return unit if unit is not None else scene.hit_edge(p, tol=4.0 / s)

    def _hover_text(self) -> str:
        if self._hit is None:
            return ""
        self._ensure_values()
        return hover_text(
            self._shown_scene(), self._hit, self._snap, self._values, self._image_shape
        )

    def _shown_scene(self):
        """The scene on screen (while training streams, the newest may not be drawn yet)."""
        return self._shown[0] if self._shown is not None else self.scene

    def _set_hit(self, hit: tuple | None) -> None:
        if hit == self._hit:
            if hit is not None:
                self.update()  # the box follows the pointer
            return
        was_unit = self._hit is not None and len(self._hit) == 2
        self._hit = hit
        self.hovered.emit(self._hover_text())
        if hit is not None and len(hit) == 2:
            self.unitHovered.emit(*hit)
        elif was_unit:
            self.unitHovered.emit(-1, -1)
        self.update()

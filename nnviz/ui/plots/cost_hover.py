"""The cost plot's hover: the readout line above the plots and a crosshair at the hovered
iteration on both plots; leaving the plots restores the hint, a double click asks to follow the
data again."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from nnviz.ui.common import theme
from nnviz.ui.plots._common import readout_label, ui_font

HINT = "hover to read J and accuracy"


class CostHover(QObject):
    """Watches `view` (the plots' GraphicsLayoutWidget) for the plot `owner`: text_at(x) gives
    (iteration, text) or None; changed(text) is called with the readout text ("" when nothing is
    hovered); double_clicked() on a double click."""

    def __init__(
        self,
        owner: QObject,
        view: pg.GraphicsLayoutWidget,
        plots: tuple[pg.PlotItem, ...],
        crosshairs: list[pg.InfiniteLine],
        text_at: Callable[[float], tuple[int, str] | None],
        changed: Callable[[str], None],
        double_clicked: Callable[[], None],
    ) -> None:
        super().__init__(owner)
        self.label: QLabel = readout_label(HINT)
        self.label.setFont(ui_font())
        self.label.setStyleSheet(f"color: {theme.TEXT_MUTED};")
        self._viewport, self._plots, self._crosshairs = view.viewport(), plots, crosshairs
        self._text_at, self._changed, self._double_clicked = text_at, changed, double_clicked
        self._text = ""
        view.scene().sigMouseMoved.connect(self._moved)
        self._viewport.installEventFilter(self)

    def _moved(self, scene_pos: pg.Point) -> None:
        for plot in self._plots:
            if plot.vb.sceneBoundingRect().contains(scene_pos):
                self.show(plot.vb.mapSceneToView(scene_pos).x())
                return
        self.show(None)

    def show(self, x: float | None) -> None:
        """Read out the iteration nearest x (None: nothing hovered, the hint)."""
        found = None if x is None else self._text_at(x)
        if found is None:
            for c in self._crosshairs:
                c.hide()
            text, shown = "", HINT
            color = theme.TEXT_MUTED
        else:
            it, text = found
            for c in self._crosshairs:
                c.setValue(it)
                c.show()
            shown, color = text, theme.TEXT
        if text != self._text:
            self._text = text
            self.label.setText(shown)
            self.label.setStyleSheet(f"color: {color};")
            self._changed(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Leave:
            self.show(None)
        elif watched is self._viewport and event.type() == QEvent.Type.MouseButtonDblClick:
            self._double_clicked()
        return super().eventFilter(watched, event)

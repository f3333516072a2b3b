"""The cost plot's hover: the readout line above the plots and a crosshair at the hovered
iteration on both plots; leaving the plots restores the hint, a double click asks to follow the
data again. The readout wraps after a word when the plot is narrow (beside the log-scale box in a
1024-pixel window), and keeps two lines' height whenever the widest readout would need them, so
hovering never makes the plots jump."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from nnviz.ui.common import theme
from nnviz.ui.plots._common import readout_label, ui_font

HINT = "hover to read J and accuracy"
WIDEST = "iteration 888888 · cost 0.8888 (test 8.88) · acc 100 % / 100 %"  # readout.readout_at


def wrap(text: str, width: int, advance: Callable[[str], int]) -> list[str]:
    """text in lines no wider than width (advance(s): s's width), broken after " · " where it
    can, else after a space; a word wider than the line keeps a line of its own."""
    parts = text.split(" · ")
    if len(parts) == 1:
        parts = text.split(" ")
        sep = " "
    else:
        sep = " · "
    lines: list[str] = []
    for part in parts:
        if lines and advance(lines[-1] + sep + part) <= width:
            lines[-1] += sep + part
        else:
            lines.append(part)
    return lines


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
        self.label.installEventFilter(self)
        self._shown = HINT
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
            self._set_text(shown)
            self.label.setStyleSheet(f"color: {color};")
            self._changed(text)

    def _fit_lines(self) -> None:
        """As many lines' height as the widest readout needs at the label's width."""
        fm = self.label.fontMetrics()
        lines = len(wrap(WIDEST, self.label.width(), fm.horizontalAdvance))
        self.label.setFixedHeight(lines * fm.lineSpacing() + 2)
        self._set_text(self._shown)

    def _set_text(self, text: str) -> None:
        self._shown = text
        width, advance = self.label.width(), self.label.fontMetrics().horizontalAdvance
        self.label.setText("\n".join(wrap(text, width, advance)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.Resize:
            self._fit_lines()
        elif watched is self._viewport and event.type() == QEvent.Type.Leave:
            self.show(None)
        elif watched is self._viewport and event.type() == QEvent.Type.MouseButtonDblClick:
            self._double_clicked()
        return super().eventFilter(watched, event)

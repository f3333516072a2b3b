"""Presenter mode (View ▸ Presenter mode, F5): for a projector at the back of a room.

The canvas and the cost plot fill the screen under a large caption ("iteration 250 · J =
0.4213"); everything else that the window marks as chrome (places.chrome: the settings, the
menus and toolbar, the example bar, the timeline, the other plots, the status bar) is hidden.
The transport keys keep working (they are window shortcuts); Escape or F5 leaves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from nnviz.ui.common import theme
from nnviz.ui.common.dump import entry, parse_text

CAPTION_PT = 26


class Presenter:
    """Toggles presenter mode on `window` (a MainWindow with places and a record)."""

    def __init__(self, window: QMainWindow) -> None:
        self.w = window
        self.on = False
        self.fullscreen = True  # False for screenshots: the window keeps its size
        self._hidden: list = []
        self._was_full = False
        self.caption = QLabel()
        self.caption.setObjectName("presenterCaption")
        font = QFont()
        font.setPointSize(CAPTION_PT)
        font.setBold(True)
        self.caption.setFont(font)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet(f"color: {theme.TEXT}; padding: 6px;")
        self.caption.hide()
        window.places.add_above_canvas(self.caption)
        self.action = QAction("Presenter mode", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("F5"))
        self.action.setToolTip("Large type, the canvas and the cost plot only (F5; Esc leaves)")
        self.action.toggled.connect(self.set_on)
        self.leave = QAction("Leave presenter mode", window)
        self.leave.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave.setEnabled(False)
        self.leave.triggered.connect(lambda: self.action.setChecked(False))
        window.addAction(self.leave)  # works with the menus hidden
        window.addAction(self.action)
        window.places.add_to_menu("view", "canvas", [self.action])
        window.c.snapshotChanged.connect(lambda *_: self.refresh())

    def set_on(self, on: bool) -> None:
        if on == self.on:
            return
        self.on = on
        w = self.w
        if on:
            self._hidden = [x for x in w.places.chrome() if x.isVisible()]
            for x in self._hidden:
                x.hide()
            w.places.show_tab(w.cost_plot)
            self._was_full = w.isFullScreen()
            if self.fullscreen and w.isVisible() and not self._was_full:
                w.showFullScreen()
        else:
            for x in self._hidden:
                x.show()
            self._hidden = []
            if not self._was_full and w.isFullScreen():
                w.showNormal()
        self.caption.setVisible(on)
        self.leave.setEnabled(on)
        self.refresh()
        w.canvas.setFocus()

    def refresh(self) -> None:
        if not self.on:
            return
        r = self.w.record
        J = r.J()
        self.caption.setText(f"iteration {r.iteration:,} · J = {'–' if J is None else f'{J:.4f}'}")

    def state(self) -> dict:
        """For --dump-state: whether it is on, and the caption's iteration and J."""
        return entry(self.caption, self.w, on=self.on, **parse_text(self.caption.text()))

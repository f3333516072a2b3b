"""The keyboard: fields let go of it, clicks take it, and everything is reachable by Tab.

The transport's keys (Space, →, ., Ctrl+R) are window shortcuts, so they work whatever has the
focus, except in a text field, which keeps its keys while the user types. Escape in a field, or
a click on the canvas, a tab, the toolbar or the timeline, leaves the field: focus goes to the
canvas and the transport keys work again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabBar,
    QWidget,
)

TYPING = (QLineEdit, QAbstractSpinBox)


class LeaveFieldOnEscape(QObject):
    """Escape in a text field (or spin box) hands the focus to `home` (the canvas)."""

    def __init__(self, home: QWidget) -> None:
        super().__init__(home)
        self.home = home

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        key = getattr(event, "key", None)
        if event.type() == QEvent.Type.KeyPress and key is not None and key() == Qt.Key.Key_Escape:
            self.home.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return False


def install_keyboard(
    window: QWidget, home: QWidget, escape: LeaveFieldOnEscape | None = None
) -> LeaveFieldOnEscape:
    """Make `window`'s controls keyboard-friendly: every field lets go on Escape; buttons, tabs,
    sliders and `home` take the focus when clicked and are reachable by Tab. Call again with
    the filter it returned after widgets were added (it only adds what is missing)."""
    home.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    escape = escape or LeaveFieldOnEscape(home)
    for w in window.findChildren(QWidget):
        if isinstance(w, TYPING) and not w.property("nnvizEscape"):
            w.installEventFilter(escape)
            w.setProperty("nnvizEscape", True)
        elif isinstance(w, QAbstractButton | QTabBar | QAbstractSlider | QComboBox):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return escape

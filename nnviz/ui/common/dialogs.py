"""Small windows and the message banner: keyboard shortcuts, About, yes / no and pick-one questions,
and one-line problem reports."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from nnviz import __version__
from nnviz.ui.common import theme
from nnviz.ui.common.plain import plain_label

SHORTCUTS = (
    ("Space", "Play / pause training"),
    ("→", "Step one iteration"),
    (". or Shift+→", "Step one phase (forward, cost, backward, update)"),
    ("Ctrl+R", "Reset to the initial weights"),
    ("Ctrl+O", "Open an HDF5 dataset"),
    ("Ctrl+Shift+O", "Open an image folder"),
    ("Ctrl+I", "Predict image files (or drop them on the window)"),
    ("Ctrl+V", "Predict the copied image or files"),
    ("Ctrl+S", "Save the session"),
    ("Ctrl+0", "Fit the network in view"),
    ("Ctrl+L", "Log-scale cost axis"),
    ("Ctrl+Shift+A", "Animate the flow on / off"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
)


def show_shortcuts(parent: QWidget) -> None:
    rows = "".join(
        f"<tr><td style='padding:2px 14px 2px 0'><b>{k}</b></td><td>{v}</td></tr>"
        for k, v in SHORTCUTS
    )
    box = QMessageBox(parent)
    box.setWindowTitle("nnviz — keyboard shortcuts")
    box.setTextFormat(Qt.RichText)
    box.setText(f"<table>{rows}</table>")
    box.exec()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About nnviz",
        f"<h3>nnviz {__version__}</h3>"
        "<p>Watch a neural network learn, the way the deep learning course teaches it: "
        "X goes forward through W and b to ŷ, the cross-entropy cost J is measured, backprop "
        "computes dW and db, and W := W − α dW, again and again.</p>"
        "<p>numpy engine · PySide6 · pyqtgraph</p>",
    )


def ask(parent: QWidget, question: str) -> bool:
    """Ask a yes / no question; True for Yes."""
    answer = QMessageBox.question(parent, "nnviz", question, QMessageBox.Yes | QMessageBox.No)
    return answer == QMessageBox.Yes


def choose(parent: QWidget, question: str, options: list[str]) -> int | None:
    """The index of the option the user picks (the first is the default), None for Cancel."""
    box = QMessageBox(QMessageBox.Question, "nnviz", question, QMessageBox.Cancel, parent)
    buttons = [box.addButton(o, QMessageBox.AcceptRole) for o in options]
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return next((i for i, b in enumerate(buttons) if b is clicked), None)


def framed_bar(widget: QWidget, name: str, background: str, border: str) -> QHBoxLayout:
    """Style `widget` as a thin coloured bar above the canvas; returns its row layout."""
    widget.setObjectName(name)
    widget.setAttribute(Qt.WA_StyledBackground, True)
    widget.setStyleSheet(
        f"#{name} {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
    )
    lay = QHBoxLayout(widget)
    lay.setContentsMargins(10, 4, 4, 4)
    return lay


class Banner(QWidget):
    """A dismissable one-line message above the canvas: problems are said once, not in a dialog
    storm; a new message replaces the old one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = framed_bar(self, "banner", "#fdf2e9", theme.NEGATIVE)
        self.text = plain_label(QLabel())  # messages quote file names: text, never markup
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        lay.addWidget(self.text, 1)
        lay.addWidget(close)
        self._timer = QTimer(self, singleShot=True, interval=20_000, timeout=self.hide)  # type: ignore[call-arg]
        self.hide()

    def say(self, message: str) -> None:
        self.text.setText(message)
        self.show()
        self._timer.start()

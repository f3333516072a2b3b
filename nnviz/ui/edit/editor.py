"""The weight editor: a small panel on the canvas beside the clicked edge or bias ring.

It shows "W[2][3,5] =" and the value in a text field (type any number: 0.5, -1e-3), a slider to
drag it (from the value it opened with, ± max(1, 2 |value|)), what the parameter joins, and the
shown iteration with its J. Enter applies the typed value, Escape cancels; a drag applies live.
The editor only says what the user asked for (signals); nnviz.ui.edit.feature acts on it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QSlider, QWidget

from nnviz.ui.common import theme

STEPS = 1000  # slider positions across its range
HINT = "Enter applies · Esc cancels · drag to try"


def value_text(v: float) -> str:
    """How a value is written in the field: 6 significant digits."""
    return f"{v:.6g}"


def parse_value(text: str) -> float:
    """The number typed; ValueError with one clear message otherwise."""
    t = text.strip().replace("−", "-").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a number: type e.g. 0.5 or -1.2e-3") from None


class WeightEditor(QFrame):
    """The panel. Signals: applied(value) on Enter with a number; dragged(value, first) for
    each slider position (first: the first of a drag, which makes the step; later values amend
    it); cancelled() on Escape."""

    applied = Signal(float)
    dragged = Signal(float, bool)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("weightEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"#weightEditor {{ background: {theme.SURFACE}; border: 1px solid {theme.ACCENT};"
            " border-radius: 6px; }"
        )
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.field = QLineEdit()
        self.field.setMinimumWidth(110)
        self.field.setToolTip("Type a value and press Enter; Escape cancels")
        # Escape here cancels the edit (the window's keyboard helper would only leave the field)
        self.field.setProperty("nnvizEscape", True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.low, self.high = QLabel(), QLabel()
        self.about, self.info, self.hint, self.message = QLabel(), QLabel(), QLabel(HINT), QLabel()
        for label in (self.low, self.high, self.about, self.info, self.hint):
            label.setStyleSheet(f"color: {theme.TEXT_MUTED};")
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {theme.DANGER};")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.about.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.field, 0, 1, 1, 2)
        grid.addWidget(self.low, 1, 0)
        grid.addWidget(self.slider, 1, 1)
        grid.addWidget(self.high, 1, 2)
        for row, label in enumerate((self.about, self.info, self.hint, self.message), start=2):
            grid.addWidget(label, row, 0, 1, 3)
        self.setFixedWidth(300)
        self._range = (-1.0, 1.0)
        self._quiet = False  # the slider is being set, not dragged
        self._first = True  # the next slider value starts a new step
        self.touched = False  # typed into or dragged since opened
        self.field.returnPressed.connect(self._enter)
        self.field.textEdited.connect(self._typed)
        self.slider.valueChanged.connect(self._slid)
        self.slider.sliderPressed.connect(self._new_drag)
        self.slider.sliderReleased.connect(self._new_drag)
        self.hide()

    # ----- what the feature sets -----
    def open(self, title: str, about: str, value: float, at: QPoint, bounds: QSize) -> None:
        """Show for one parameter beside `at`, inside `bounds` (both in the parent's
        coordinates), its value selected."""
        self.title.setText(f"{title} =")
        self.about.setText(about)
        self.say("")
        self.block("")
        self.touched, self._first = False, True
        self.set_value(value)
        self.adjustSize()
        w, h = self.width(), self.sizeHint().height()
        x = max(4, min(at.x() + 14, bounds.width() - w - 4))
        y = at.y() + 14 if at.y() + 14 + h <= bounds.height() - 4 else max(4, at.y() - h - 14)
        self.move(x, y)
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.PopupFocusReason)
        self.field.selectAll()

    def set_value(self, value: float) -> None:
        """Show `value` in the field and centre the slider's range on it."""
        r = max(1.0, 2 * abs(value))
        self._range = (value - r, value + r)
        self.low.setText(f"{value - r:.3g}")
        self.high.setText(f"{value + r:.3g}")
        self.field.setText(value_text(value))
        self._quiet = True
        self.slider.setValue(STEPS // 2)
        self._quiet = False

    def set_info(self, text: str) -> None:
        self.info.setText(text)

    def say(self, message: str) -> None:
        """A problem with the input, under it ("" clears it)."""
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.adjustSize()

    def block(self, reason: str) -> None:
        """Show the value but take no input, saying why ("" allows input)."""
        self.field.setReadOnly(bool(reason))
        self.slider.setEnabled(not reason)
        self.hint.setText(reason or HINT)
        self.hint.setWordWrap(True)

    @property
    def blocked(self) -> bool:
        return self.field.isReadOnly()

    def value_at(self, position: int) -> float:
        lo, hi = self._range
        return lo + (hi - lo) * position / STEPS

    # ----- input -----
    def _enter(self) -> None:
        if self.blocked:
            return
        try:
            v = parse_value(self.field.text())
        except ValueError as e:
            self.say(str(e))
            return
        self.applied.emit(v)

    def _typed(self, _text: str) -> None:
        self.touched = True
        self.say("")

    def _new_drag(self) -> None:
        self._first = True

    def _slid(self, position: int) -> None:
        if self._quiet or self.blocked:
            return
        v = self.value_at(position)
        self.touched = True
        self.field.setText(value_text(v))
        self.say("")
        first, self._first = self._first, False
        self.dragged.emit(v, first)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
        else:
            super().keyPressEvent(event)

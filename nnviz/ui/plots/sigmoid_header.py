"""The sigmoid plot's header: the marker's readout ("z = 1.50 · σ(z) = 0.818 · σ'(z) = 0.149") and
the output / hidden switch, laid out so that neither is ever cut.

When the widest readout the activation can give fits beside the switch, both share one row;
otherwise the switch takes the first row and the readout the full width below it, broken after a
" · " into as many lines as the width needs. The layout is decided from the widest readout, not
the current one, so dragging the marker never makes the header jump. The switch's buttons say
"output: sigmoid" / "hidden: leaky ReLU" where that fits and "output" / "hidden" where it does not
(the full words in their tooltips), so the switch never sets the window's least width.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QWidget

from nnviz.ui.common import theme
from nnviz.ui.plots._common import FONT_PT, readout_label, ui_font

SEP = " · "
MARGINS = (6, 2, 6, 0)
SPACING = 8
BUTTON_EXTRA = 26  # a button's width beyond its text: padding 2 × 10 px, borders, rounding
_BUTTON_CSS = (
    f"QPushButton {{ border: 1px solid {theme.BORDER}; padding: 2px 10px;"
    f" color: {theme.TEXT_MUTED}; background: {theme.SURFACE}; }}"
    f"QPushButton:checked {{ background: {theme.ACCENT}; color: white;"
    f" border-color: {theme.ACCENT}; }}"
)


class SigmoidHeader(QWidget):
    """buttons: the switch (id 0: output, 1: hidden); readout: the label. set_readout(parts)
    shows the parts joined by " · "; set_widest(texts) tells, for each part, every text it can
    take (the layout follows the widest); set_switch(texts) names the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readout = readout_label()
        self.readout.setFont(ui_font(FONT_PT))
        self.buttons = QButtonGroup(self)
        self.switch = QWidget()
        row = QHBoxLayout(self.switch)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for i in range(2):  # 0: output, 1: hidden
            b = QPushButton()
            b.setCheckable(True)
            b.setFont(ui_font(FONT_PT))
            b.setStyleSheet(_BUTTON_CSS)
            self.buttons.addButton(b, i)
            row.addWidget(b)
        self.buttons.button(0).setChecked(True)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(*MARGINS)
        self._grid.setHorizontalSpacing(SPACING)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 1)
        self._parts: list[str] = []
        self._widest: list[str] = []
        self._switch_texts = [("output", "output"), ("hidden", "hidden")]
        self._one_row: bool | None = None
        self._arrange()

    def text(self) -> str:
        """The readout on one line, as set (the label may show it on several)."""
        return SEP.join(self._parts)

    def one_row(self) -> bool:
        """True when the readout and the switch share a row."""
        return bool(self._one_row)

    def set_readout(self, parts: list[str]) -> None:
        """Show `parts` (joined by " · ", on as many lines as the width needs)."""
        self._parts = list(parts)
        self._arrange()

    def set_switch(self, texts: list[tuple[str, str]]) -> None:
        """Each button's (full, short) text: "output: sigmoid", "output"; the full ones are
        shown when both fit, and always in the tooltips."""
        self._switch_texts = list(texts)
        for i, (full, short) in enumerate(texts):
            button = self.buttons.button(i)
            button.setToolTip(full)
            button.setMinimumWidth(self._button_width(short))
        self._arrange()

    def _button_width(self, text: str) -> int:
        return self.buttons.button(0).fontMetrics().horizontalAdvance(text) + BUTTON_EXTRA

    def set_widest(self, texts: list[list[str]]) -> None:
        """For each part of the readout, the texts it can take; the widest of each decides the
        layout, so it does not change while the marker moves."""
        fm = self.readout.fontMetrics()
        self._widest = [max(t, key=fm.horizontalAdvance) for t in texts]
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _width(self, text: str) -> int:
        return self.readout.fontMetrics().horizontalAdvance(text) + 2

    def _arrange(self) -> None:
        inner = self.width() - MARGINS[0] - MARGINS[2]
        full = sum(self._button_width(f) for f, _ in self._switch_texts) <= inner
        for i, texts in enumerate(self._switch_texts):
            self.buttons.button(i).setText(texts[0 if full else 1])
        widest = SEP.join(self._wide(j) for j in range(len(self._parts)))
        one_row = self._width(widest) + SPACING + self.switch.sizeHint().width() <= inner
        if one_row != self._one_row:
            self._one_row = one_row
            self._grid.removeWidget(self.readout)
            self._grid.removeWidget(self.switch)
            if one_row:
                self._grid.addWidget(self.readout, 0, 0)
                self._grid.addWidget(self.switch, 0, 1)
            else:
                self._grid.addWidget(self.switch, 0, 0, 1, 2, Qt.AlignmentFlag.AlignRight)
                self._grid.addWidget(self.readout, 1, 0, 1, 2)
        self.readout.setText(self._lines(None if one_row else inner))

    def _lines(self, width: int | None) -> str:
        """The parts joined by " · ", a line broken where the widest texts would pass `width`
        (None: one line)."""
        lines: list[list[int]] = []
        for i in range(len(self._parts)):
            wide = SEP.join(self._wide(j) for j in [*(lines[-1] if lines else []), i])
            if lines and (width is None or self._width(wide) <= width):
                lines[-1].append(i)
            else:
                lines.append([i])
        return "\n".join(SEP.join(self._parts[j] for j in line) for line in lines)

    def _wide(self, j: int) -> str:
        return self._widest[j] if j < len(self._widest) else self._parts[j]

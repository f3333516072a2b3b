"""The launch offer: a non-modal bar above the canvas, "Restore the session from <time>?"."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from nnviz.data.session import Session
from nnviz.ui.common import theme
from nnviz.ui.common.dialogs import framed_bar
from nnviz.ui.common.plain import plain_label


def describe_session(s: Session) -> str:
    when = time.strftime("%a %d %b %H:%M", time.localtime(s.saved_at))
    return (
        f"Restore the session from {when} (iteration {s.iteration:,}, "
        f"{s.dataset}, layers {', '.join(map(str, s.config.hidden_layers)) or 'none'})?"
    )


class RestoreBar(QWidget):
    """Restore / Discard; answered(True) for Restore, answered(False) for Discard. Hides itself."""

    answered = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = framed_bar(self, "restoreBar", "#eaf2fb", theme.POSITIVE)
        self.text = plain_label(QLabel())
        self.text.setWordWrap(True)
        self.restore = QPushButton("Restore")
        self.restore.setDefault(True)
        self.discard = QPushButton("Discard")
        self.restore.clicked.connect(lambda: self._answer(True))
        self.discard.clicked.connect(lambda: self._answer(False))
        lay.addWidget(self.text, 1)
        lay.addWidget(self.restore)
        lay.addWidget(self.discard)
        self.session: Session | None = None
        self.hide()

    def offer(self, s: Session) -> None:
        self.session = s
        self.text.setText(describe_session(s))
        self.show()

    def pending(self) -> bool:
        return self.session is not None

    def withdraw(self) -> None:
        self.session = None
        self.hide()

    def _answer(self, restore: bool) -> None:
        self.hide()
        self.answered.emit(restore)

"""The Plane tab's widget: a caption (what the map shows, at which iteration), a note for data that
is not 2-D, the decision map beside the data settings, and the "Test points" toggle. The drawing
tools are added by drawing.py (add_bar); feature.py keeps it in step with the run.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.ui.plane.map_view import DecisionMap
from nnviz.ui.plane.settings import DataSettings


class PlanePanel(QWidget):
    """The tab's widget: data settings, a caption with the test toggle, the map."""

    shown = Signal()

    def __init__(self) -> None:
        super().__init__()
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        self.caption = QLabel("")
        self.caption.setWordWrap(True)  # a narrow column wraps it rather than scrolling
        self.caption.setToolTip(
            "ŷ at every point of the plane: orange ŷ = 0, white 0.5, blue 1; the line is ŷ = 0.5"
        )
        col.addWidget(self.caption)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        col.addWidget(self.note)
        row = QHBoxLayout()
        self.map = DecisionMap()
        row.addWidget(self.map, 1)
        side = self.side = QVBoxLayout()
        self.settings = DataSettings()
        side.addWidget(self.settings)
        self.show_test = QCheckBox("Test points (hollow)")
        self.show_test.setChecked(True)
        self.show_test.setToolTip("Show the test points beside the training points (filled)")
        side.addWidget(self.show_test)
        side.addStretch(1)
        row.addLayout(side)
        col.addLayout(row, 1)

    def add_bar(self, bar: QWidget, files: QWidget) -> None:
        """The drawing tools: `bar` under the caption, `files` under the settings."""
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(1, bar)
        self.side.insertWidget(self.side.count() - 1, files)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.shown.emit()

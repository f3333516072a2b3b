"""The sweep's controls at the top of the Runs tab: which setting, which values, how many
iterations; Run sweep and Cancel; progress and one line for what went wrong.

[Sweep [learning rate α ▾] [0.001, 0.0075, 0.03                ]]
[iterations [500] [Run sweep] [Cancel] [progress ······] message]
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nnviz.run.sweep import SETTINGS
from nnviz.ui.common import theme

EXAMPLES = {
    "lr": "0.001, 0.0075, 0.03",
    "layers": "20, 7, 5; 10; 5",
    "l2": "0, 0.1, 0.7",
    "init": "course, he, xavier",
    "seed": "1, 2, 3",
}


class SweepPanel(QWidget):
    """startRequested(setting, values text, iterations); cancelRequested()."""

    startRequested = Signal(str, str, int)
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setting = QComboBox()
        for key, (label, _field) in SETTINGS.items():
            self.setting.addItem(label, key)
        self.setting.setToolTip("The setting the sweep varies; the others stay as they are now")
        self.values = QLineEdit(EXAMPLES["lr"])
        self.values.setToolTip(
            "The values to try, separated by “,” (hidden layers: by “;”, e.g. 20, 7, 5; 10)"
        )
        self.setting.currentIndexChanged.connect(
            lambda _i: self.values.setText(EXAMPLES[self.setting.currentData()])
        )
        self.iterations = QSpinBox()
        self.iterations.setRange(10, 100_000)
        self.iterations.setValue(500)
        self.iterations.setSingleStep(100)
        self.iterations.setGroupSeparatorShown(True)
        self.iterations.setToolTip("Iterations each run of the sweep trains")
        self.run_button = QPushButton("Run sweep")
        self.run_button.setToolTip("Train one run per value in the background, overlaid below")
        self.run_button.clicked.connect(self._start)
        self.values.returnPressed.connect(self._start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the sweep's runs where they are")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.message = QLabel()
        self.message.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Sweep"))
        row.addWidget(self.setting)
        row.addWidget(self.values, 1)
        col.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel("iterations"))
        row.addWidget(self.iterations)
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.bar, 1)
        col.addLayout(row)
        col.addWidget(self.message)
        self.set_running(False)

    def _start(self) -> None:
        if self.run_button.isEnabled():
            key = self.setting.currentData()
            self.startRequested.emit(key, self.values.text(), self.iterations.value())

    def choose(self, setting: str, values: str, iterations: int) -> None:
        """Fill the controls as a user would."""
        self.setting.setCurrentIndex(list(SETTINGS).index(setting))
        self.values.setText(values)
        self.iterations.setValue(iterations)

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.bar.setVisible(running)
        if running:
            self.bar.setRange(0, 0)

    def set_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {theme.DANGER if problem else theme.TEXT_MUTED}")
        self.message.setVisible(bool(text))

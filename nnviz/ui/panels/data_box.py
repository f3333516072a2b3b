"""The side panel's "Data" box: the dataset chooser, the positive class, what the dataset holds
and the progress of a folder being loaded.

Choosing emits datasetChosen(key) (a built-in name, OPEN_H5 or OPEN_FOLDER); the window opens it
and then says what is open with show_dataset().
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from nnviz.ui.common import theme
from nnviz.ui.common.plain import plain_label

OPEN_H5 = "Open HDF5 file…"
OPEN_FOLDER = "Open image folder…"


def narrow(c: QComboBox) -> QComboBox:
    """A combo box that may be narrower than its longest item (the list still shows it all)."""
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(6)
    return c


class DataBox(QGroupBox):
    """datasetChosen(key), positiveChosen(class name), cancelLoad()."""

    datasetChosen = Signal(str)  # a built-in name, OPEN_H5 or OPEN_FOLDER
    positiveChosen = Signal(str)  # the class to treat as positive (folder datasets)
    cancelLoad = Signal()

    def __init__(self, builtins: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("Data", parent)
        form = QFormLayout(self)
        self.dataset = narrow(QComboBox())
        for name, desc in builtins.items():
            self.dataset.addItem(f"{name} (built-in)", name)
            self.dataset.setItemData(self.dataset.count() - 1, desc, Qt.ToolTipRole)
        self.dataset.insertSeparator(self.dataset.count())
        self.dataset.addItem(OPEN_H5, OPEN_H5)
        self.dataset.addItem(OPEN_FOLDER, OPEN_FOLDER)
        self.dataset.setToolTip("The examples the network learns from (train and test sets)")
        self.dataset.activated.connect(self._dataset_activated)
        form.addRow("Dataset", self.dataset)
        self.positive = narrow(QComboBox())
        self.positive.setToolTip(
            "Which class the network's output 1 stands for (yhat = P(positive))"
        )
        self.positive.activated.connect(
            lambda _: self.positiveChosen.emit(self.positive.currentText())
        )
        form.addRow("Positive class", self.positive)
        self.dataset_info = plain_label(QLabel())
        self.dataset_info.setWordWrap(True)
        self.dataset_info.setStyleSheet(f"color: {theme.TEXT_MUTED};")
        form.addRow(self.dataset_info)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setToolTip("Loading the image folder")
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop loading the folder; the current dataset stays")
        self.cancel.clicked.connect(self.cancelLoad)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel)
        self.progress.setMinimumWidth(60)
        self.progress_row = QWidget()
        self.progress_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_row.hide()
        form.addRow(self.progress_row)

    def _dataset_activated(self, index: int) -> None:
        self.datasetChosen.emit(self.dataset.itemData(index))

    def show_dataset(self, key: str, info: str, classes: tuple[str, str] | None = None) -> None:
        """Select `key` in the combo (adding it for files and folders) and describe the dataset."""
        i = self.dataset.findData(key)
        if i < 0:
            self.dataset.insertItem(0, key.rsplit("/", 1)[-1] or key, key)
            self.dataset.setItemData(0, key, Qt.ToolTipRole)
            i = 0
        self.dataset.setCurrentIndex(i)
        self.dataset_info.setText(info)
        self.positive.clear()
        if classes:
            self.positive.addItems([classes[1], classes[0]])
        self.positive.setEnabled(bool(classes))

    def select_dataset_key(self, key: str) -> None:
        i = self.dataset.findData(key)
        if i >= 0:
            self.dataset.setCurrentIndex(i)

    def set_progress(self, done: int, total: int) -> None:
        self.progress_row.setVisible(done < total)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total} images")

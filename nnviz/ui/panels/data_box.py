"""The side panel's "Data" box: the dataset chooser, the positive class, what the dataset holds
and the progress of a folder being loaded.

Choosing emits datasetChosen(key) (a built-in name, OPEN_H5 or OPEN_FOLDER); the window opens it
and then says what is open with show_dataset().

The chooser's list has sections under headers that cannot be chosen: "Opened" (files and
folders, once one is open; a folder's name ends in "/"), then "Built-in" (the names alone, so
that they read in full in the narrow panel: "gaussian (built-in)" was cut at 1024×768), then
the "Open …" actions. The combo's tooltip says where the chosen dataset comes from.
"""

from __future__ import annotations

import os
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
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
BUILTIN_HEADER = "Built-in"
OPENED_HEADER = "Opened"
DATASET_TIP = "The examples the network learns from (train and test sets)"
TIP = Qt.ItemDataRole.ToolTipRole


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
        self._add_header(0, BUILTIN_HEADER)
        for name, desc in builtins.items():
            self.dataset.addItem(name, name)
            self.dataset.setItemData(self.dataset.count() - 1, f"Built-in: {desc}", TIP)
        self.dataset.insertSeparator(self.dataset.count())
        self.dataset.addItem(OPEN_H5, OPEN_H5)
        self.dataset.addItem(OPEN_FOLDER, OPEN_FOLDER)
        self.dataset.currentIndexChanged.connect(self._show_dataset_tip)
        self.dataset.setCurrentIndex(1)  # the first built-in, not its header
        self._show_dataset_tip(self.dataset.currentIndex())
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

    def _add_header(self, index: int, text: str) -> None:
        """A section header at `index`: shown in the list, never chosen (nor by the keys)."""
        self.dataset.insertItem(index, text)
        item = cast(QStandardItemModel, self.dataset.model()).item(index)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)

    def _show_dataset_tip(self, index: int) -> None:
        """The combo's tooltip says the chosen dataset's (where it comes from)."""
        tip = self.dataset.itemData(index, TIP)
        self.dataset.setToolTip(f"{DATASET_TIP}\n{tip}" if tip else DATASET_TIP)

    def _dataset_activated(self, index: int) -> None:
        self.datasetChosen.emit(self.dataset.itemData(index))

    def _add_opened(self, key: str) -> int:
        """Add a file, folder or other non-built-in `key` at the top of the "Opened" section
        (made the first time); its index."""
        if self.dataset.itemText(0) != OPENED_HEADER:
            self._add_header(0, OPENED_HEADER)
        folder = os.path.isdir(os.path.expanduser(key))
        name = os.path.basename(os.path.normpath(key)) or key
        self.dataset.insertItem(1, f"{name}/" if folder else name, key)
        self.dataset.setItemData(1, f"Opened: {key}", TIP)
        return 1

    def show_dataset(self, key: str, info: str, classes: tuple[str, str] | None = None) -> None:
        """Select `key` in the combo (adding it for files and folders) and describe the dataset."""
        i = self.dataset.findData(key)
        if i < 0:
            i = self._add_opened(key)
        self.dataset.setCurrentIndex(i)
        self._show_dataset_tip(i)  # also when `key` was chosen already (its item is new)
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

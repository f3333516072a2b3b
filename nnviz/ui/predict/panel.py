"""The "Predictions" panel: the history of predicted pictures and a larger view of the chosen one.

[status: which parameters predict]           [progress while decoding] [✕]
[thumbnail] [network input, crisp]  name / bar P(cat) / "cat 0.87"
[list: icon, name, "cat 0.87", a thin probability bar under each]
[Open images…] [Clear]
The panel only shows; the feature (nnviz.ui.predict.feature) decides what and when.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.run.verdict import verdict
from nnviz.ui.canvas.paint import numpy_to_qimage
from nnviz.ui.common import theme
from nnviz.ui.common.plain import plain_label, tip
from nnviz.ui.predict.history import Entry

VIEW = 112  # side of the two large pictures in px
ICON = 48
GRID_W, GRID_H = 108, 96  # one history cell: icon, name, "cat 0.87", bar
P_ROLE = Qt.ItemDataRole.UserRole + 1
HINT = (
    "Drop image files or folders anywhere on the window, paste an image (Ctrl+V), or use "
    "File ▸ Predict image(s)… to see what the network makes of them."
)


def pixmap(image: np.ndarray, side: int, crisp: bool) -> QPixmap:
    """uint8 (H, W, 3) scaled to fit side x side; crisp = nearest neighbour (pixels stay square)."""
    mode = Qt.TransformationMode
    pm = QPixmap.fromImage(numpy_to_qimage(image))
    return pm.scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatio,
        mode.FastTransformation if crisp else mode.SmoothTransformation,
    )


class _BarDelegate(QStyledItemDelegate):
    """Paints the item as usual, then a thin P(y = 1) bar along its bottom edge."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        p = index.data(P_ROLE)
        if p is None or not np.isfinite(p):
            return
        r = option.rect.adjusted(6, 0, -6, -1)
        bar = QRect(r.left(), r.bottom() - 3, r.width(), 4)
        painter.fillRect(bar, QColor(theme.BORDER))
        colour = theme.POSITIVE if p > 0.5 else theme.NEGATIVE
        painter.fillRect(QRect(bar.left(), bar.top(), int(bar.width() * p), 4), QColor(colour))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(GRID_W - 4, GRID_H - 4)


class PredictPanel(QWidget):
    """Signals: chosen(i) when the user picks history entry i; openRequested; clearRequested;
    cancelRequested (stop decoding the current drop)."""

    chosen = Signal(int)
    openRequested = Signal()
    clearRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.class_names = ("non-cat", "cat")
        self._p = np.zeros(0)
        self.status = plain_label(QLabel())
        self.status.setWordWrap(True)
        self.status.setToolTip("Which parameters the predictions use; they follow training live")
        self.progress = QProgressBar()
        self.progress.setToolTip("Reading the dropped pictures (in the background)")
        self.progress.setFormat("reading %v / %m")
        self.cancel = QToolButton(text="✕", autoRaise=True, toolTip="Stop reading this drop")  # type: ignore[call-arg]
        self.cancel.clicked.connect(self.cancelRequested)
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.thumb = self._picture("The picture as dropped (thumbnail)")
        self.input = self._picture(
            "What the network really sees: the picture scaled to its input size, "
            "shown with crisp (nearest-neighbour) pixels"
        )
        self.name = plain_label(QLabel())
        self.name.setToolTip("The picture's file name")
        self.name.setStyleSheet("font-weight: bold")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.text = plain_label(QLabel("–"))
        self.text.setToolTip("The predicted class and its probability")
        self.text.setStyleSheet("font-size: 15pt")
        self.detail_note = plain_label(QLabel())
        self.detail_note.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setGridSize(QSize(GRID_W, GRID_H))
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setItemDelegate(_BarDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setToolTip("Pictures predicted so far; click one to show it on the network")
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.itemClicked.connect(lambda item: self.chosen.emit(self.list.row(item)))
        self.open_button = QPushButton("Open images…")
        self.open_button.setToolTip("Choose image files to predict (File ▸ Predict image(s)…)")
        self.open_button.clicked.connect(self.openRequested)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Forget the predicted pictures")
        self.clear_button.clicked.connect(self.clearRequested)
        self._layout()
        self.set_progress(0, 0)
        self.show_entry(None)

    def _picture(self, tip: str) -> QLabel:
        label = QLabel()
        label.setFixedSize(VIEW, VIEW)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setToolTip(tip)
        label.setStyleSheet(f"border: 1px solid {theme.BORDER}; background: {theme.SURFACE}")
        return label

    def _layout(self) -> None:
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel)
        col.addLayout(top)
        col.addWidget(self.hint)
        pics = QHBoxLayout()
        pics.addWidget(self.thumb)
        pics.addWidget(self.input)
        words = QVBoxLayout()
        for w in (self.name, self.bar, self.text, self.detail_note):
            words.addWidget(w)
        words.addStretch(1)
        pics.addLayout(words, 1)
        col.addLayout(pics)
        col.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        col.addLayout(buttons)

    # ---- what the feature calls --------------------------------------------------------------
    def set_status(self, text: str, warn: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.DANGER if warn else theme.TEXT_MUTED}")

    def set_progress(self, done: int, total: int) -> None:
        """Show `done` of `total` pictures read; total 0 hides the indicator."""
        busy = total > 0 and done < total
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        if busy:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def set_entry(self, i: int, entry: Entry) -> None:
        """Put `entry` at row i (a new row when i == count)."""
        item = self.list.item(i) if i < self.list.count() else None
        if item is None:
            item = QListWidgetItem()
            self.list.addItem(item)
        item.setIcon(QIcon(pixmap(entry.thumb, ICON, crisp=False)))
        item.setData(Qt.ItemDataRole.UserRole, entry)
        item.setToolTip(tip(entry.key))
        self.hint.setVisible(False)

    def remove_front(self, n: int) -> None:
        for _ in range(n):
            self.list.takeItem(0)

    def clear(self) -> None:
        self.list.clear()
        self._p = np.zeros(0)
        self.hint.setVisible(True)
        self.show_entry(None)

    def set_probabilities(self, p: np.ndarray, class_names: tuple[str, str]) -> None:
        """p: (count,) P(y = 1) of each row (NaN when unknown)."""
        self.class_names = (str(class_names[0]), str(class_names[1]))
        self._p = np.asarray(p, dtype=np.float64)
        for i in range(min(self.list.count(), len(self._p))):
            item = self.list.item(i)
            entry: Entry = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{entry.name}\n{verdict(self._p[i], self.class_names)}")
            item.setData(P_ROLE, float(self._p[i]))
        self._show_numbers(self.list.currentRow())

    def select(self, i: int) -> None:
        self.list.setCurrentRow(i)
        self.list.scrollToItem(self.list.item(i))

    def show_entry(self, entry: Entry | None) -> None:
        if entry is None:
            for label in (self.thumb, self.input):
                label.clear()
            self.name.setText("No picture yet")
            self.text.setText("–")
            self.detail_note.setText("")
            self.bar.setValue(0)
            return
        self.thumb.setPixmap(pixmap(entry.thumb, VIEW, crisp=False))
        self.input.setPixmap(pixmap(entry.input_image(), VIEW, crisp=True))
        self.name.setText(entry.name)
        h, w = entry.shape[:2]
        self.detail_note.setText(f"network input {w}×{h} (right)")

    # ---- inside ------------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        item = self.list.item(row) if row >= 0 else None
        self.show_entry(None if item is None else item.data(Qt.ItemDataRole.UserRole))
        self._show_numbers(row)

    def _show_numbers(self, row: int) -> None:
        if not (0 <= row < len(self._p)) or not np.isfinite(self._p[row]):
            self.text.setText("–")
            self.bar.setValue(0)
            return
        p = float(self._p[row])
        self.text.setText(verdict(p, self.class_names))
        self.bar.setValue(round(1000 * p))
        colour = theme.POSITIVE if p > 0.5 else theme.NEGATIVE
        if self.bar.property("colour") != colour:  # restyling is slow: only when it changes
            self.bar.setProperty("colour", colour)
            self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.bar.setToolTip(f"ŷ = P({self.class_names[1]}) = {p:.4f}")

    def shown_text(self) -> str:
        """The prediction text of the selected picture, as shown (for tests and the benchmark)."""
        return self.text.text()

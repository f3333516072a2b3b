"""A strip of example thumbnails (pictures, or "x = (0.31, -1.2)" for point data) that can be
clicked: the confusion matrix's cell list and the misclassified gallery both use it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from nnviz.data import Dataset
from nnviz.ui.common import theme
from nnviz.ui.predict.panel import pixmap

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ITEMS = 200  # a cell lists at most this many examples (the count says how many there are)
CACHED = 1000  # icons kept (a list redrawn while training reuses them)
WIDEST = 320  # a grid cell is never wider (a longer caption line wraps)


def _framed(image: np.ndarray, side: int, colour: str) -> QPixmap:
    """The picture scaled to side x side with a 3 px frame in `colour` (wrong = danger)."""
    inner = pixmap(image, side - 6, crisp=False)
    pm = QPixmap(side, side)
    pm.fill(QColor(colour))
    p = QPainter(pm)
    p.drawPixmap((side - inner.width()) // 2, (side - inner.height()) // 2, inner)
    p.end()
    return pm


class Thumbs(QListWidget):
    """Examples as icons with a caption; chosen(index) when one is clicked (or Enter)."""

    chosen = Signal(int)

    def __init__(self, icon: int = 56, lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = icon
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWrapping(True)
        self.setWordWrap(True)
        # no uniform item sizes: Qt would size every item as its last ("y = cat") and cut longer
        # captions ("y = non…"); the grid keeps the cells equal
        self.setIconSize(QSize(icon, icon))
        self.lines = lines
        self.setGridSize(QSize(icon + 48, icon + 8 + 15 * lines))
        self.itemClicked.connect(lambda item: self.chosen.emit(int(item.data(INDEX_ROLE))))
        self.itemActivated.connect(lambda item: self.chosen.emit(int(item.data(INDEX_ROLE))))
        self.captions: list[str] = []  # what each shown item says (for --dump-state and tests)
        self.indices: list[int] = []
        self._icons: dict[tuple, QIcon] = {}  # (test, index, right) -> icon
        self._icons_of: Dataset | None = None  # the dataset whose icons these are
        self._shown_of: tuple | None = None  # (dataset, test, labels) of the items

    def forget(self) -> None:
        """No examples listed."""
        self.clear()
        self.captions, self.indices, self._shown_of = [], [], None

    def _fit_grid(self, texts: list[str]) -> None:
        """Cells as wide as the widest caption line needs (at least icon + 48, at most WIDEST)
        and as tall as the most lines, measured in the list's font: every caption reads in full
        at any font size or screen scale."""
        fm = self.fontMetrics()
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        lines = [line for text in texts for line in text.split("\n")]
        widest = max((fm.horizontalAdvance(line) for line in lines), default=0)
        most = max((text.count("\n") + 1 for text in texts), default=self.lines)
        width = min(max(self.icon + 48, widest + 2 * margin + 8), WIDEST)
        height = max(self.icon + 8 + 15 * self.lines, self.icon + 8 + fm.lineSpacing() * most)
        if self.gridSize() != QSize(width, height):
            self.setGridSize(QSize(width, height))

    def _icon(self, ds: Dataset, test: bool, i: int, right: bool) -> QIcon:
        if self._icons_of is not ds or len(self._icons) > CACHED:
            self._icons, self._icons_of = {}, ds
        key = (test, i, right)
        icon = self._icons.get(key)
        if icon is None:
            colour = theme.POSITIVE if right else theme.DANGER
            icon = self._icons[key] = QIcon(_framed(ds.image(i, test=test), self.icon, colour))
        return icon

    def show_examples(
        self,
        ds: Dataset,
        test: bool,
        indices: np.ndarray,
        P: np.ndarray,
        Y: np.ndarray,
        limit: int = MAX_ITEMS,
        labels: bool = False,
    ) -> None:
        """Examples `indices` of the training or test set, each captioned "#i  0.73" (its number
        from 1 and ŷ), framed blue when predicted right and red when wrong; labels: a second
        line with the label y ("y = cat")."""
        chosen = [int(i) for i in indices[:limit]]
        of = self._shown_of
        same = of is not None and of[0] is ds and of[1:] == (test, labels)
        same = same and chosen == self.indices
        if not same:  # other examples: new items (else only their words change)
            self.clear()
            self._shown_of = (ds, test, labels)
        self.captions, self.indices = [], []
        texts: list[str] = []
        X = ds.X_test if test else ds.X
        for row, i in enumerate(chosen):
            y, p = int(Y[i] > 0.5), float(P[i])
            right = (p > 0.5) == bool(y)
            caption = f"#{i + 1}  {p:.2f}" if np.isfinite(p) else f"#{i + 1}  –"
            if labels:
                caption += f"\ny = {ds.class_names[y]}"
            item = self.item(row) if same else QListWidgetItem()
            if item is None:
                continue
            text = caption
            if ds.image_shape is not None:
                item.setIcon(self._icon(ds, test, i, bool(right)))
            else:
                text += "\nx = (" + ", ".join(f"{v:.2g}" for v in X[:4, i]) + ")"
            item.setText(text)
            texts.append(text)
            item.setData(INDEX_ROLE, i)
            item.setToolTip(
                f"{'test' if test else 'train'} example {i + 1}: y = {y} "
                f"({ds.class_names[y]}), ŷ = P({ds.class_names[1]}) = {p:.3f}. "
                "Click to show it on the network."
            )
            if not same:
                self.addItem(item)
            self.captions.append(caption)
            self.indices.append(i)
        self._fit_grid(texts)

    def mark(self, index: int | None) -> None:
        """Select the item of example `index` (the canvas's example), or none."""
        self.clearSelection()
        if index is not None and index in self.indices:
            item = self.item(self.indices.index(index))
            item.setSelected(True)
            self.scrollToItem(item)

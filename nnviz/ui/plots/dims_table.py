"""The shapes table: W[l], b[l], Z[l], A[l], dW[l], db[l] per layer, as the course writes them.

Row 0 is the input A[0] = X, shape (n[0], m); rows l = 1..L give every layer's shapes and its
parameter count n[l] * n[l-1] + n[l]; a last row gives the total. A gradient always has its
parameter's shape, so W[l] and dW[l] share a column (and b[l], db[l]): the table says so and stays
narrow enough for ~450 px. Read-only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.ui.common import theme
from nnviz.ui.plots._common import FONT_PT, mono_font, ui_font

COLUMNS: tuple[tuple[str, str], ...] = (
    ("layer", "Layer number l; layer 0 is the input X, layer L the output unit"),
    ("W[l], dW[l]", "Weights W[l] and their gradient dW[l] = dJ/dW[l]: shape (n[l], n[l-1])"),
    ("b[l], db[l]", "Biases b[l] (broadcast over the m examples) and db[l]: shape (n[l], 1)"),
    ("Z[l]", "Linear part Z[l] = W[l] A[l-1] + b[l]: shape (n[l], m)"),
    ("A[l]", "Activations A[l] = g(Z[l]): shape (n[l], m); A[0] = X"),
    ("params", "Parameters in the layer: n[l] * n[l-1] weights + n[l] biases"),
)
DASH = "·"


def shape(*dims: int) -> str:
    """A shape as the course prints it: shape(20, 1) -> "(20, 1)"."""
    return "(" + ", ".join(str(d) for d in dims) + ")"


def layer_rows(layer_dims: Sequence[int], m: int) -> list[list[str]]:
    """The table's text, one list of len(COLUMNS) strings per row (input, layers 1..L, total).

    Columns: layer, W[l] (= dW[l]), b[l] (= db[l]), Z[l], A[l], params.

    layer_dims: (n[0], ..., n[L]), e.g. (12288, 20, 7, 5, 1); m: examples per (mini-)batch.
    """
    dims = [int(d) for d in layer_dims]
    if len(dims) < 2 or any(d < 1 for d in dims):
        raise ValueError(f"layer_dims {tuple(layer_dims)} needs at least 2 positive sizes")
    if int(m) < 1:
        raise ValueError(f"m = {m}: the number of examples must be at least 1")
    m = int(m)
    last = len(dims) - 1
    rows = [["0 · X", DASH, DASH, DASH, shape(dims[0], m), DASH]]
    total = 0
    for l in range(1, len(dims)):
        n, n_prev = dims[l], dims[l - 1]
        params = n * n_prev + n
        total += params
        w, b, a = shape(n, n_prev), shape(n, 1), shape(n, m)
        name = f"{l} · out" if l == last else str(l)
        rows.append([name, w, b, a, a, f"{params:,}"])
    rows.append(["total", "", "", "", "", f"{total:,}"])
    return rows


class DimsTable(QWidget):
    """A compact read-only table of the network's array shapes for m examples."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layer_dims: tuple[int, ...] = ()
        self._m = 0
        self._summary = QLabel("")
        self._summary.setFont(ui_font(FONT_PT))
        self._summary.setStyleSheet(f"color: {theme.TEXT_MUTED};")
        self._summary.setContentsMargins(4, 2, 4, 0)
        self._table = QTableWidget(0, len(COLUMNS))
        self._setup_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._summary)
        layout.addWidget(self._table)
        layout.addStretch(1)

    def _setup_table(self) -> None:
        t = self._table
        for col, (name, tip) in enumerate(COLUMNS):
            item = QTableWidgetItem(name)
            item.setToolTip(tip)
            t.setHorizontalHeaderItem(col, item)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        t.setShowGrid(False)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().hide()
        t.setFont(mono_font(FONT_PT))
        t.horizontalHeader().setFont(ui_font(FONT_PT))
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.horizontalHeader().setMinimumSectionSize(20)
        t.horizontalHeader().setStretchLastSection(True)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.horizontalHeader().setHighlightSections(False)
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.verticalHeader().setDefaultSectionSize(20)
        t.setStyleSheet(
            f"QTableWidget {{ background: {theme.SURFACE}; alternate-background-color: "
            f"{theme.BACKGROUND}; color: {theme.TEXT}; border: 1px solid {theme.BORDER}; }}"
            f"QHeaderView::section {{ background: {theme.BACKGROUND}; color: {theme.TEXT_MUTED}; "
            f"border: none; border-bottom: 1px solid {theme.BORDER}; padding: 2px 5px; }}"
        )

    def set_architecture(self, layer_dims: Sequence[int], m: int) -> None:
        """Show the shapes of every layer of `layer_dims` (n[0], ..., n[L]) for m examples."""
        rows = layer_rows(layer_dims, m)
        self._layer_dims = tuple(int(d) for d in layer_dims)
        self._m = int(m)
        t = self._table
        t.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        center = Qt.AlignmentFlag.AlignCenter
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment(right if c == len(row) - 1 else center)
                if c == 0:
                    item.setFont(ui_font(FONT_PT))
                    item.setForeground(QBrush(QColor(theme.TEXT_MUTED)))
                if r == len(rows) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                t.setItem(r, c, item)
        self._fit_columns(rows)
        self._fit_height()
        params = rows[-1][-1]
        self._summary.setText(
            f"L = {len(self._layer_dims) - 1} layers · m = {self._m:,} examples · "
            f"{params} parameters"
        )

    def _fit_columns(self, rows: list[list[str]]) -> None:
        """Size every column to its widest text plus a small margin (Qt's own sizing is looser)."""
        t = self._table
        header_fm = QFontMetrics(t.horizontalHeader().font())
        for c, (name, _) in enumerate(COLUMNS):
            width = header_fm.horizontalAdvance(name)
            for r, row in enumerate(rows):
                item = t.item(r, c)
                font = item.font() if item is not None else t.font()
                width = max(width, QFontMetrics(font).horizontalAdvance(row[c]))
            t.setColumnWidth(c, width + 14)

    def _fit_height(self) -> None:
        """Make the table exactly as tall as its rows (plus a scroll bar's room when needed)."""
        t = self._table
        height = t.horizontalHeader().height() + 2 * t.frameWidth()
        height += sum(t.rowHeight(r) for r in range(t.rowCount()))
        height += t.horizontalScrollBar().sizeHint().height()
        t.setFixedHeight(height)

    def set_m(self, m: int) -> None:
        """Update the (n[l], m) columns for a new (mini-)batch size m."""
        if not self._layer_dims:
            raise ValueError("DimsTable.set_m: call set_architecture(layer_dims, m) first")
        self.set_architecture(self._layer_dims, m)

    def table(self) -> QTableWidget:
        """The inner QTableWidget (read-only)."""
        return self._table

    def text(self, row: int, column: int) -> str:
        """The text of one cell; row 0 is the input X, the last row the total."""
        item = self._table.item(row, column)
        return "" if item is None else item.text()

"""The "Confusion" tab: the confusion matrix of the training or test set (counts and rates),
accuracy, each class's precision and recall, and the examples of a clicked cell.

[iteration 200 · J = 0.4838]                          [train | test]
               ŷ → non-cat   ŷ → cat    |  class    precision  recall
y = non-cat     140 (93 %)   10 (7 %)    |  non-cat  …          …
y = cat          30 (20 %)  120 (80 %)   |  accuracy 86.7 % (260 of 300)
[the clicked cell's examples: thumbnails; a click shows one on the network]
The view only shows (ConfusionView.set_predictions); the feature (nnviz.ui.diagnose.feature)
decides when.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.engine.diagnose import Confusion, confusion
from nnviz.ui.common import theme
from nnviz.ui.diagnose.compute import Predictions
from nnviz.ui.diagnose.thumbs import Thumbs

CELL_TIP = "Click a cell to list its examples"


def pct(v: float) -> str:
    return "–" if not np.isfinite(v) else f"{100 * v:.1f} %"


def heading(pred: Predictions | None) -> str:
    """ "iteration 200 · J = 0.4838" of the parameters the view describes."""
    if pred is None:
        return "iteration – · J = –"
    J = "–" if pred.J is None else f"{pred.J:.6f}"
    return f"iteration {pred.iteration:,} · J = {J}"


def split_buttons(parent: QWidget, tip: str) -> tuple[QButtonGroup, QPushButton, QPushButton]:
    """[train | test] checkable buttons in an exclusive group (ids 0 train, 1 test)."""
    group = QButtonGroup(parent)
    train, test = QPushButton("train"), QPushButton("test")
    for i, b in enumerate((train, test)):
        b.setCheckable(True)
        b.setToolTip(tip)
        group.addButton(b, i)
    train.setChecked(True)
    return group, train, test


def _blend(colour: str, share: float) -> QColor:
    """`colour` at `share` (0..1) over the surface."""
    a, s = QColor(colour), QColor(theme.SURFACE)
    t = 0.0 if not np.isfinite(share) else 0.12 + 0.45 * float(share)
    return QColor(
        round(s.red() + (a.red() - s.red()) * t),
        round(s.green() + (a.green() - s.green()) * t),
        round(s.blue() + (a.blue() - s.blue()) * t),
    )


class ConfusionView(QWidget):
    """splitChanged(test) when train / test is switched; exampleChosen(test, index) on a click
    on a listed example."""

    splitChanged = Signal(bool)
    exampleChosen = Signal(bool, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pred: Predictions | None = None
        self.cm: Confusion | None = None
        self.test = False
        self.cell: tuple[int, int] | None = None  # the clicked cell (actual, predicted)
        self.title = QLabel(heading(None))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.group, self.train_button, self.test_button = split_buttons(
            self, "The training set or the test set"
        )
        self.group.idClicked.connect(self._split_clicked)
        self.matrix = QTableWidget(2, 2)
        self.matrix.setToolTip(CELL_TIP)
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.matrix.cellClicked.connect(self.choose_cell)
        for h in (self.matrix.horizontalHeader(), self.matrix.verticalHeader()):
            h.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.setFixedHeight(84)
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setToolTip(
            "precision: of the examples predicted as the class, the share that are; recall: of "
            "the class's examples, the share predicted right (the class's accuracy)"
        )
        self.cell_label = QLabel(CELL_TIP)
        self.cell_label.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.thumbs = Thumbs(36)
        self.thumbs.setMinimumHeight(72)
        self.thumbs.chosen.connect(lambda i: self.exampleChosen.emit(self.test, i))
        self._layout()
        self.set_classes(("non-cat", "cat"))

    def _layout(self) -> None:
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.train_button)
        top.addWidget(self.test_button)
        col.addLayout(top)
        mid = QHBoxLayout()
        mid.addWidget(self.matrix, 3)
        mid.addWidget(self.figures, 2)
        col.addLayout(mid)
        col.addWidget(self.cell_label)
        col.addWidget(self.thumbs, 1)

    def set_classes(self, names: tuple[str, str]) -> None:
        self.names = names
        self.matrix.setHorizontalHeaderLabels([f"ŷ → {n}" for n in names])
        self.matrix.setVerticalHeaderLabels([f"y = {n}" for n in names])
        for i, n in enumerate(names):
            for item, tip in (
                (self.matrix.horizontalHeaderItem(i), f"predicted {n}"),
                (self.matrix.verticalHeaderItem(i), f"actually {n}"),
            ):
                if item is not None:
                    item.setToolTip(tip)

    def _split_clicked(self, i: int) -> None:
        self.test = i == 1
        self.cell = None
        self.splitChanged.emit(self.test)
        self._draw()

    def set_split(self, test: bool) -> None:
        """Show the test (True) or training set, as the buttons do."""
        (self.test_button if test else self.train_button).click()

    def set_predictions(self, pred: Predictions | None) -> None:
        """The figures of `pred` (None: nothing computed yet)."""
        self.pred = pred
        if pred is not None and pred.dataset.class_names != self.names:
            self.set_classes(pred.dataset.class_names)
        self._draw()

    def _draw(self) -> None:
        pred = self.pred
        self.title.setText(heading(pred))
        if pred is None:
            self.cm = None
            self.figures.setText("")
            self.thumbs.forget()
            return
        Y, P = pred.split(self.test)
        cm = self.cm = confusion(Y, P)
        rates = cm.rates()
        for a in (0, 1):
            for q in (0, 1):
                share = "–" if not np.isfinite(rates[a, q]) else f"{100 * rates[a, q]:.0f} %"
                item = QTableWidgetItem(f"{cm.counts[a, q]:,} ({share})")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(_blend(theme.POSITIVE if a == q else theme.DANGER, rates[a, q]))
                item.setToolTip(
                    f"{cm.counts[a, q]:,} {'test' if self.test else 'training'} examples of "
                    f"class {self.names[a]} predicted {self.names[q]} ({pct(rates[a, q])} of "
                    f"the {self.names[a]} examples). {CELL_TIP}."
                )
                if self.cell == (a, q):  # the listed cell
                    font = item.font()
                    font.setBold(True)
                    font.setUnderline(True)
                    item.setFont(font)
                self.matrix.setItem(a, q, item)
        self.figures.setText(self.figures_html())
        self._list_cell()

    def figures_html(self) -> str:
        cm = self.cm
        if cm is None:
            return ""
        rows = "".join(
            f"<tr><td>{self.names[c]}</td><td align='right'>{pct(cm.precision(c))}</td>"
            f"<td align='right'>{pct(cm.recall(c))}</td></tr>"
            for c in (0, 1)
        )
        right = int(np.trace(cm.counts))
        return (
            "<table cellspacing='0' cellpadding='2'><tr><th align='left'>class</th>"
            f"<th>precision</th><th>recall</th></tr>{rows}</table>"
            f"accuracy <b>{pct(cm.accuracy())}</b> ({right:,} of {cm.m:,})"
        )

    def choose_cell(self, actual: int, pred: int) -> None:
        """List the examples of cell (actual, predicted), as a click on it does."""
        self.cell = (actual, pred)
        self._draw()

    def _list_cell(self) -> None:
        if self.cell is None or self.cm is None or self.pred is None:
            self.thumbs.forget()
            self.cell_label.setText(CELL_TIP)
            return
        a, q = self.cell
        idx = self.cm.examples(a, q)
        Y, P = self.pred.split(self.test)
        self.thumbs.show_examples(self.pred.dataset, self.test, idx, P, Y)
        more = (
            f" (the first {len(self.thumbs.indices)} shown)"
            if len(idx) > len(self.thumbs.indices)
            else ""
        )
        self.cell_label.setText(
            f"{len(idx):,} {'test' if self.test else 'training'} examples: actual "
            f"{self.names[a]}, predicted {self.names[q]}{more}"
        )

    def state(self) -> dict:
        """What the view shows, for --dump-state."""
        cm = self.cm
        out: dict = {"split": "test" if self.test else "train", "classes": list(self.names)}
        if cm is None:
            return out
        out.update(
            counts=cm.counts.tolist(),
            rates=[[None if not np.isfinite(r) else float(r) for r in row] for row in cm.rates()],
            accuracy=cm.accuracy(),
            precision=[cm.precision(0), cm.precision(1)],
            recall=[cm.recall(0), cm.recall(1)],
            cell=list(self.cell) if self.cell is not None else None,
            cell_examples=[i + 1 for i in self.thumbs.indices],  # numbered from 1, as shown
        )
        return out

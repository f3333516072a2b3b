"""The "Mistakes" tab: the course's print_mislabeled_images made interactive. The test (or
training) examples the network gets wrong, the most wrong (largest |y - ŷ|) first, each with
its number, ŷ and its label y; a click makes it the canvas's example.

[iteration 200 · J = 0.4838 · 12 of 100 test examples wrong]     [train | test]
[thumbnails: "#7  0.91 / y = non-cat", …]
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.engine.diagnose import misclassified, wrongness
from nnviz.ui.common import theme
from nnviz.ui.diagnose.compute import Predictions
from nnviz.ui.diagnose.confusion import heading, split_buttons
from nnviz.ui.diagnose.thumbs import Thumbs

HINT = (
    "The examples the network gets wrong, the most wrong first (|y − ŷ| largest); each shows "
    "its number, ŷ = P(cat) and its label y. Click one to follow it through the network."
)


class GalleryView(QWidget):
    """exampleChosen(test, index) when a picture is clicked."""

    exampleChosen = Signal(bool, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pred: Predictions | None = None
        self.test = True  # the course shows the test set's mistakes
        self.order = np.zeros(0, np.int64)  # the wrong examples, most wrong first
        self.shown_example: tuple[bool, int] | None = None  # the canvas's (test, index)
        self.title = QLabel(heading(None))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel()
        self.count.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.group, self.train_button, self.test_button = split_buttons(
            self, "The mistakes on the training set or on the test set"
        )
        self.test_button.setChecked(True)
        self.group.idClicked.connect(self._split_clicked)
        self.thumbs = Thumbs(52, lines=2)
        self.thumbs.setToolTip(HINT)
        self.thumbs.chosen.connect(lambda i: self.exampleChosen.emit(self.test, i))
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.count)
        top.addLayout(words, 1)
        top.addWidget(self.train_button)
        top.addWidget(self.test_button)
        col.addLayout(top)
        col.addWidget(self.thumbs, 1)

    def _split_clicked(self, i: int) -> None:
        self.test = i == 1
        self._draw()

    def set_split(self, test: bool) -> None:
        """Show the test (True) or training set's mistakes, as the buttons do."""
        (self.test_button if test else self.train_button).click()

    def set_predictions(self, pred: Predictions | None) -> None:
        self.pred = pred
        self._draw()

    def set_shown_example(self, test: bool | None, index: int) -> None:
        """The canvas shows example `index` of the test / training set (None: another one)."""
        self.shown_example = None if test is None else (test, index)
        self._mark()

    def _mark(self) -> None:
        ex = self.shown_example
        self.thumbs.mark(ex[1] if ex is not None and ex[0] == self.test else None)

    def _draw(self) -> None:
        pred = self.pred
        self.title.setText(heading(pred))
        if pred is None:
            self.order = np.zeros(0, np.int64)
            self.count.setText("")
            self.thumbs.forget()
            return
        Y, P = pred.split(self.test)
        order = misclassified(Y, P)
        self.order = order
        self.thumbs.show_examples(pred.dataset, self.test, order, P, Y, labels=True)
        which = "test" if self.test else "training"
        shown = len(self.thumbs.indices)
        more = f" (the {shown} most wrong shown)" if shown < len(order) else ""
        self.count.setText(f"{len(order):,} of {len(Y):,} {which} examples wrong{more}")
        self._mark()

    def state(self) -> dict:
        """What the view shows, for --dump-state (examples numbered from 1, as shown)."""
        out: dict = {"split": "test" if self.test else "train"}
        pred = self.pred
        if pred is None:
            return out
        Y, P = pred.split(self.test)
        w = wrongness(Y, P)
        out.update(
            wrong=len(self.order),
            examples=len(Y),
            pictures=[
                {"example": i + 1, "y": int(Y[i] > 0.5), "yhat": float(P[i]), "wrong": float(w[i])}
                for i in self.thumbs.indices
            ],
            selected=[i + 1 for i in self.thumbs.indices if self._selected(i)],
        )
        return out

    def _selected(self, i: int) -> bool:
        item = self.thumbs.item(self.thumbs.indices.index(i))
        return item is not None and item.isSelected()

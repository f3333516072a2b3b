"""The example bar under the canvas: choose which example flows through the network, see its label
and what the network makes of it.

[◀] [train | test] [example 12 / 300] [▶]  [thumbnail]  y = 1 · cat   ŷ = P(cat) = 0.87 → cat ✓
Indices are 0-based in the API and shown 1-based. Prev / next wrap around.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.run.verdict import verdict
from nnviz.ui.common import theme
from nnviz.ui.common.plain import plain_label

THUMB = 44  # thumbnail side in px


class ExampleBar(QWidget):
    """exampleChanged(which, index) when the user picks another example ("train" / "test")."""

    exampleChanged = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._n = {"train": 0, "test": 0}
        self._which = "train"
        self._class_names = ("non-cat", "cat")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(6)

        self.prev_button = self._tool("◀", "Previous example (wraps around)")
        self.next_button = self._tool("▶", "Next example (wraps around)")
        self.train_button = self._tool("train", "Show examples from the training set", True)
        self.test_button = self._tool("test", "Show examples from the test set", True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for b in (self.train_button, self.test_button):
            group.addButton(b)
        self.train_button.setChecked(True)

        self.spin = QSpinBox()
        self.spin.setPrefix("example ")
        self.spin.setMinimum(1)
        self.spin.setKeyboardTracking(False)
        self.spin.setToolTip("Which example flows through the network (type a number)")
        self.spin.setMinimumWidth(130)

        self.thumbnail = QLabel()
        self.thumbnail.setFixedSize(THUMB, THUMB)
        self.thumbnail.setToolTip("The example's picture")
        self.thumbnail.setStyleSheet(
            f"border: 1px solid {theme.BORDER}; background: {theme.SURFACE}"
        )
        self.label_y = plain_label(QLabel("y = –"))  # class names come from files
        self.label_y.setToolTip("The example's true label y (its class)")
        self.label_yhat = QLabel("ŷ –")
        self.label_yhat.setToolTip(
            "The network's output ŷ = P(y = 1 | x) for this example and the class it predicts "
            "(ŷ > 0.5); ✓ when it matches y, ✗ when it does not"
        )
        self.label_yhat.setTextFormat(Qt.TextFormat.RichText)

        for w in (self.prev_button, self.train_button, self.test_button, self.spin):
            row.addWidget(w)
        row.addWidget(self.next_button)
        row.addSpacing(6)
        row.addWidget(self.thumbnail)
        for label in (self.label_y, self.label_yhat):
            label.setWordWrap(True)  # a narrow window wraps them rather than growing
            label.setMinimumWidth(120)
        labels = QVBoxLayout()  # y above ŷ: the bar fits a narrow window
        labels.setSpacing(0)
        labels.addWidget(self.label_y)
        labels.addWidget(self.label_yhat)
        row.addLayout(labels)
        row.addStretch(1)

        self.prev_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(+1))
        self.train_button.clicked.connect(lambda: self._switch("train"))
        self.test_button.clicked.connect(lambda: self._switch("test"))
        self.spin.valueChanged.connect(self._spun)
        self.set_dataset(0, 0, self._class_names)

    def _tool(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setCheckable(checkable)
        b.setAutoRaise(not checkable)
        return b

    # ---- public API -----------------------------------------------------------------------------
    @property
    def which(self) -> str:
        return self._which

    @property
    def index(self) -> int:
        """0-based index of the shown example."""
        return self.spin.value() - 1

    def set_dataset(self, n_train: int, n_test: int, class_names=("non-cat", "cat")) -> None:
        """New data: back to training example 1 (no signal)."""
        self._n = {"train": int(n_train), "test": int(n_test)}
        self._class_names = (str(class_names[0]), str(class_names[1]))
        self.test_button.setEnabled(n_test > 0)
        self.set_example("train", 0)
        self.set_prediction(None, None)
        self.set_thumbnail(None)

    def set_example(self, which: str, index: int) -> None:
        """Show (which, index) without emitting exampleChanged (to follow the window)."""
        if which not in self._n:
            raise ValueError(f"which must be 'train' or 'test', got {which!r}")
        self._which = which
        (self.train_button if which == "train" else self.test_button).setChecked(True)
        n = self._n[which]
        self.spin.blockSignals(True)
        self.spin.setMaximum(max(n, 1))
        self.spin.setSuffix(f" / {n}")
        self.spin.setValue(int(index) % n + 1 if n else 1)
        self.spin.blockSignals(False)
        enabled = n > 0
        for w in (self.spin, self.prev_button, self.next_button):
            w.setEnabled(enabled)

    def set_prediction(self, y: float | None, yhat: float | None) -> None:
        """The label y (0/1 or None) and the network's output yhat (or None)."""
        names = self._class_names
        self.label_y.setText(
            "y = –" if y is None else f"y = {int(y > 0.5)} · {names[int(y > 0.5)]}"
        )
        if yhat is None or not np.isfinite(yhat):
            self.label_yhat.setText("ŷ –")
            return
        pred = int(yhat > 0.5)
        text = f"ŷ = {html.escape(verdict(yhat, names))}"
        if y is not None:
            ok = pred == int(y > 0.5)
            colour, mark = ("#2f855a", "✓") if ok else (theme.DANGER, "✗")
            text += f" <span style='color:{colour}; font-weight:bold'>{mark}</span>"
        self.label_yhat.setText(text)

    def set_thumbnail(self, image: np.ndarray | None) -> None:
        """The example's picture (H, W, 3) uint8, or None for non-image data."""
        if image is None:
            self.thumbnail.clear()
            self.thumbnail.setVisible(False)
            return
        a = np.ascontiguousarray(np.asarray(image, np.uint8)[:, :, :3])
        h, w = a.shape[:2]
        img = QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
        pm = QPixmap.fromImage(img).scaled(
            THUMB - 2,
            THUMB - 2,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
        self.thumbnail.setPixmap(pm)
        self.thumbnail.setVisible(True)

    # ---- user actions ---------------------------------------------------------------------------
    def _emit(self) -> None:
        if self._n[self._which]:
            self.exampleChanged.emit(self._which, self.index)

    def _step(self, d: int) -> None:
        n = self._n[self._which]
        if n:
            self.set_example(self._which, self.index + d)
            self._emit()

    def _switch(self, which: str) -> None:
        if which != self._which:
            n = self._n[which]
            self.set_example(which, min(self.index, max(n - 1, 0)))
            self._emit()

    def _spun(self, _value: int) -> None:
        self._emit()

"""The side panel: dataset (the Data box, data_box.py), network and training settings, checked
as they are typed.

Invalid values are flagged inline (red field, the reason below it) and reported through
`validityChanged`; a valid, finished edit emits `configChanged(TrainConfig)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.engine.activations import ACTIVATIONS
from nnviz.engine.init import INITS
from nnviz.engine.losses import LOSSES
from nnviz.engine.trainer import TrainConfig
from nnviz.run.settings import parse_layers, parse_settings
from nnviz.ui.common import theme
from nnviz.ui.common.plain import plain_label
from nnviz.ui.panels.data_box import DataBox, narrow

# short names fit the narrow panel at every window size; the formulas and the explanations
# are in the tooltips
INIT_LABELS = {
    "course": ("course", "W[l] = randn / √n[l-1], as the course's deep network"),
    "small": ("small", "W[l] = randn × 0.01"),
    "he": ("He", "W[l] = randn × √(2 / n[l-1])"),
    "xavier": ("Xavier", "W[l] = randn × √(2 / (n[l-1] + n[l]))"),
    "zeros": ("zeros", "W[l] = 0: the units of a layer stay alike (the symmetry problem)"),
}
INIT_TIP = "How W starts (b starts at 0)"
DTYPE_LABELS = {
    "float64": ("float64", "float64: exact, the course's printed digits"),
    "float32": (
        "float32",
        "float32: half the memory for X (datasets too big for float64); "
        "rounds to about 7 significant digits, so J strays from the course's",
    ),
}
DTYPE_TIP = "Precision of the run's arrays"
TIP = Qt.ItemDataRole.ToolTipRole


def _combo(items: dict[str, str], tip: str, tips: dict[str, str] | None = None) -> QComboBox:
    """A narrow combo of items {key: text}; tips: a tooltip for each key's item, and the
    combo's tooltip then says the chosen item's ("tip: its tip")."""
    c = narrow(QComboBox())
    for key, label in items.items():
        c.addItem(label, key)
        if tips:
            c.setItemData(c.count() - 1, tips[key], TIP)
    c.setToolTip(tip)
    if tips:
        c.currentIndexChanged.connect(lambda i: c.setToolTip(f"{tip}: {c.itemData(i, TIP)}"))
        c.setToolTip(f"{tip}: {c.itemData(c.currentIndex(), TIP)}")
    return c


class ControlsPanel(QWidget):
    configChanged = Signal(object)  # TrainConfig
    validityChanged = Signal(str)  # "" when every value is valid, else the first reason
    datasetChosen = Signal(str)  # a built-in name, OPEN_H5 or OPEN_FOLDER
    positiveChosen = Signal(str)  # the class to treat as positive (folder datasets)
    cancelLoad = Signal()

    def __init__(self, builtins: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reason: str | None = None  # the last reason told (validityChanged)
        self.setObjectName("controls")
        self._errors: dict[str, str] = {}
        self._last_valid: TrainConfig | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(10)
        self.data = DataBox(builtins)
        self.dataset = self.data.dataset  # the dataset combo, as before (tab order, tests)
        self.data.datasetChosen.connect(self.datasetChosen)
        self.data.positiveChosen.connect(self.positiveChosen)
        self.data.cancelLoad.connect(self.cancelLoad)
        lay.addWidget(self.data)
        lay.addWidget(self._network_box())
        lay.addWidget(self._training_box())
        self.error_label = plain_label(QLabel())
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {theme.DANGER};")
        self.error_label.hide()
        lay.addWidget(self.error_label)
        lay.addStretch(1)

    # ----- building -----
    def _network_box(self) -> QGroupBox:
        box = QGroupBox("Network")
        form = QFormLayout(box)
        self.layers = QLineEdit("20, 7, 5")
        self.layers.setToolTip(
            "Hidden layer sizes, e.g. “20, 7, 5”; empty for logistic regression (no hidden layer)"
        )
        minus, plus = QToolButton(), QToolButton()
        minus.setText("−")
        plus.setText("+")
        minus.setToolTip("Remove the last hidden layer")
        plus.setToolTip("Add a hidden layer (as wide as the last one)")
        minus.clicked.connect(lambda: self._change_depth(-1))
        plus.clicked.connect(lambda: self._change_depth(+1))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.layers, 1)
        row.addWidget(minus)
        row.addWidget(plus)
        holder = QWidget()
        holder.setLayout(row)
        form.addRow("Hidden layers", holder)
        self.layers_error = self._error_row(form)
        self.activation = _combo(
            {k: a.label for k, a in ACTIVATIONS.items()},
            "g(z) of the hidden layers (output: sigmoid)",
        )
        form.addRow("Activation", self.activation)
        self.loss = _combo(
            {k: v.label for k, v in LOSSES.items()},
            "Cross-entropy is convex in the output; squared error with a sigmoid is not",
        )
        form.addRow("Loss", self.loss)
        self.init = _combo(
            {k: INIT_LABELS[k][0] for k in INITS},
            INIT_TIP,
            {k: INIT_LABELS[k][1] for k in INITS},
        )
        form.addRow("Initialisation", self.init)
        self.seed = QSpinBox()
        self.seed.setMinimumWidth(70)  # its range would ask for more
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        self.seed.setToolTip("RandomState(seed).randn draws W1, W2, … (seed 1 = the course)")
        form.addRow("Seed", self.seed)
        self.dtype = _combo(
            {k: v[0] for k, v in DTYPE_LABELS.items()},
            DTYPE_TIP,
            {k: v[1] for k, v in DTYPE_LABELS.items()},
        )
        form.addRow("Precision", self.dtype)
        for w in (self.activation, self.loss, self.init, self.dtype):
            w.activated.connect(lambda _: self._commit())
        self.seed.editingFinished.connect(self._commit)
        self.layers.textChanged.connect(self._validate)
        self.layers.editingFinished.connect(self._commit)
        return box

    def _training_box(self) -> QGroupBox:
        box = QGroupBox("Training")
        form = QFormLayout(box)
        self.lr = QLineEdit("0.0075")
        self.lr.setToolTip("α in W := W − α dW; changes take effect at once, even while training")
        form.addRow("Learning rate α", self.lr)
        self.lr_error = self._error_row(form)
        self.batch = QLineEdit("all")
        self.batch.setToolTip("Examples per update: “all” (full batch, as the course) or a number")
        form.addRow("Mini-batch", self.batch)
        self.batch_error = self._error_row(form)
        self.l2 = QLineEdit("0")
        self.l2.setToolTip("L2 regularisation λ: adds (λ / 2m) Σ‖W‖² to J")
        form.addRow("L2 λ", self.l2)
        self.l2_error = self._error_row(form)
        for w in (self.lr, self.batch, self.l2):
            w.textChanged.connect(self._validate)
            w.editingFinished.connect(self._commit)
        return box

    @staticmethod
    def _error_row(form: QFormLayout) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {theme.DANGER}; font-size: 8pt;")
        label.hide()
        form.addRow(label)
        return label

    # ----- values -----
    def fields(self) -> dict[str, str]:
        return {
            "layers": self.layers.text(),
            "activation": self.activation.currentData(),
            "loss": self.loss.currentData(),
            "init": self.init.currentData(),
            "lr": self.lr.text(),
            "batch": self.batch.text(),
            "l2": self.l2.text(),
            "seed": str(self.seed.value()),
            "dtype": self.dtype.currentData(),
        }

    def set_config(self, cfg: TrainConfig) -> None:
        """Show `cfg` without emitting configChanged."""
        self.blockSignals(True)
        self.layers.setText(", ".join(str(n) for n in cfg.hidden_layers))
        for combo, value in (
            (self.activation, cfg.activation),
            (self.loss, cfg.loss),
            (self.init, cfg.init),
            (self.dtype, cfg.dtype),
        ):
            combo.setCurrentIndex(combo.findData(value))
        self.lr.setText(f"{cfg.lr:g}")
        self.batch.setText("all" if cfg.batch_size is None else str(cfg.batch_size))
        self.l2.setText(f"{cfg.l2:g}")
        self.seed.setValue(cfg.seed)
        self.blockSignals(False)
        self._last_valid = cfg
        self._validate()

    def config(self) -> TrainConfig | None:
        cfg, _ = parse_settings(self.fields())
        return cfg

    def _validate(self) -> str:
        cfg, errors = parse_settings(self.fields())
        logistic = cfg is not None and not cfg.hidden_layers  # no hidden unit to activate
        self.activation.setEnabled(not logistic)
        self.activation.setToolTip(
            "Logistic regression has no hidden layer: only the sigmoid output"
            if logistic
            else "g(z) of the hidden layers (output: sigmoid)"
        )
        for key, field, label in (
            ("layers", self.layers, self.layers_error),
            ("lr", self.lr, self.lr_error),
            ("batch", self.batch, self.batch_error),
            ("l2", self.l2, self.l2_error),
        ):
            msg = errors.get(key, "")
            field.setStyleSheet(f"border: 1px solid {theme.DANGER};" if msg else "")
            label.setText(msg)
            label.setVisible(bool(msg))
        reason = next(iter(errors.values()), "")
        self.error_label.setText(errors.get("config", ""))
        self.error_label.setVisible("config" in errors)
        if reason != self._reason:
            self._reason = reason
            self.validityChanged.emit(reason)
        return reason

    def invalid_reason(self) -> str:
        return self._validate()

    def _commit(self) -> None:
        cfg, _ = parse_settings(self.fields())
        self._validate()
        if cfg is not None and cfg != self._last_valid:
            self._last_valid = cfg
            self.configChanged.emit(cfg)

    def _change_depth(self, delta: int) -> None:
        try:
            sizes = list(parse_layers(self.layers.text()))
        except ValueError:
            return
        if delta > 0:
            sizes.append(sizes[-1] if sizes else 4)
        elif sizes:
            sizes.pop()
        self.layers.setText(", ".join(map(str, sizes)))
        self._commit()

    # ----- data (the Data box) -----
    def show_dataset(self, key: str, info: str, classes: tuple[str, str] | None = None) -> None:
        """Select `key` in the dataset combo and describe the dataset (DataBox.show_dataset)."""
        self.data.show_dataset(key, info, classes)

    def select_dataset_key(self, key: str) -> None:
        self.data.select_dataset_key(key)

    def set_progress(self, done: int, total: int) -> None:
        self.data.set_progress(done, total)

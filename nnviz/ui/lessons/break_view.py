"""The "break backprop" switch of the Gradient check tab: what a bug looks like.

Ticked, the gradient check compares finite differences with a backprop that drops g'(Z[l]) from
one layer's dZ (nnviz.engine.broken_backprop), and "Train with the bug" runs 100 full-batch
iterations from the shown parameters both ways (in the background, on copies: the run itself is
not touched) and plots J for the correct and the broken backprop.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget

from nnviz.engine.broken_backprop import descend
from nnviz.engine.gradcheck_layers import MAX_EXAMPLES
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture
from nnviz.ui.common import theme
from nnviz.ui.lessons.job import Job
from nnviz.ui.plots._common import make_legend, pen, style_plot_item
from nnviz.ui.run.controller import Controller

STEPS = 100


class BreakBackprop(QWidget):
    """The switch, the layer it breaks and the training button; `plot` (the comparison) is for
    the tab to place."""

    def __init__(self, c: Controller) -> None:
        super().__init__()
        self.c = c
        self.job = Job(self)
        self.curves_shown: tuple[np.ndarray, np.ndarray] | None = None
        self.switch = QCheckBox("Break backprop in layer")
        self.switch.setToolTip(
            "For teaching: backprop drops the activation's derivative g'(Z[l]) from dZ[l] in this "
            "layer (dZ[l] = dA[l]); the check and training show what such a bug looks like"
        )
        self.layer = QSpinBox()
        self.layer.setRange(1, 1)
        self.train_button = QPushButton(f"Train {STEPS} iterations with the bug")
        self.train_button.setToolTip(
            "From the shown parameters, on copies: J with the correct and with the broken backprop"
        )
        self.train_button.clicked.connect(self.train_both)
        self.train_button.setEnabled(False)
        self.switch.toggled.connect(self.train_button.setEnabled)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.switch)
        row.addWidget(self.layer)
        row.addWidget(self.train_button)
        row.addStretch(1)
        self.plot = pg.PlotWidget()
        self.plot.setBackground(theme.SURFACE)
        self.plot.setMinimumHeight(130)
        item = self.plot.getPlotItem()
        style_plot_item(item, left="J", bottom="iterations from the shown one")
        item.hideButtons()
        make_legend(item)
        self.good = item.plot(pen=pen(theme.TRAIN, 1.6), name="backprop")
        self.bad = item.plot(pen=pen(theme.DANGER, 1.6, dash=True), name="broken backprop")
        self.plot.hide()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addLayout(row)
        self.job.done.connect(self._done)
        c.runReset.connect(lambda _cfg: self._reset())
        self._reset()

    def broken_layer(self) -> int | None:
        """The layer whose dZ loses g'(Z), or None when the switch is off."""
        return self.layer.value() if self.switch.isChecked() else None

    def _reset(self) -> None:
        self.job.cancel()
        self.layer.setRange(1, max(1, len(self.c.config.hidden_layers) + 1))
        self.curves_shown = None
        self.good.setData([], [])
        self.bad.setData([], [])
        self.plot.hide()

    def train_both(self) -> bool:
        """Train STEPS iterations from the shown parameters with and without the bug."""
        snap, broken = self.c.record.shown, self.broken_layer()
        if snap is None or broken is None:
            return False
        arch = Architecture(snap.layer_dims, snap.activation)
        loss, l2, lr, dataset = get_loss(snap.loss), float(snap.l2), float(snap.lr), self.c.dataset

        def work(progress, cancelled):
            X, Y = dataset.as_dtype("float64")[:2]
            X, Y = X[:, :MAX_EXAMPLES], Y[:, :MAX_EXAMPLES]
            runs = [
                descend(arch, snap.W, snap.b, X, Y, loss, lr, STEPS, l2, k, progress, cancelled)
                for k in (None, broken)
            ]
            return runs[0], runs[1]

        self.job.start(work)
        self.train_button.setEnabled(False)
        return True

    def _done(self, token: int, curves: tuple[np.ndarray, np.ndarray]) -> None:
        if token != self.job.token:
            return
        self.train_button.setEnabled(self.switch.isChecked())
        self.curves_shown = curves
        x = np.arange(STEPS + 1)
        for item, J in zip((self.good, self.bad), curves, strict=True):
            ok = np.isfinite(J)
            item.setData(x[ok], J[ok])
        self.plot.show()

"""The "Runs" tab: the session's runs in a table (tick to overlay; settings and final figures),
and their cost J and accuracy curves overlaid, each run in its colour.

[run 3 · iteration 40 · J = 0.693000]
[☑ ■ run | how | layers | g | α | λ | seed | batch | iteration | J | train | test]
[J against iteration, ticked runs]  [accuracy % against iteration: test solid, train dashed]
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnviz.run.runlist import RunEntry
from nnviz.ui.common import theme
from nnviz.ui.diagnose.norms import LAYER_COLOURS
from nnviz.ui.plots._common import pen, style_plot_item

COLUMNS = (
    "run",
    "how",
    "layers",
    "g",
    "α",
    "λ",
    "seed",
    "batch",
    "iteration",
    "J",
    "train",
    "test",
)
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def run_colour(number: int) -> str:
    return LAYER_COLOURS[(number - 1) % len(LAYER_COLOURS)]


def _swatch(colour: str) -> QIcon:
    pm = QPixmap(10, 10)
    pm.fill(QColor(colour))
    return QIcon(pm)


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.1f} %"


def row_texts(run: RunEntry) -> list[str]:
    """The table's cells for `run`, in COLUMNS order."""
    s, f = run.settings(), run.final()
    return [
        f"run {run.number}",
        run.how,
        ", ".join(str(n) for n in s["hidden_layers"]) or "–",
        s["activation"],
        s["lr"],
        f"{s['l2']:g}",
        str(s["seed"]),
        str(s["batch"]),
        "–" if f["iteration"] is None else f"{f['iteration']:,}",
        "–" if f["J"] is None else f"{f['J']:.6f}",
        _pct(f["train_accuracy"]),
        _pct(f["test_accuracy"]),
    ]


class _PlotWidget(pg.PlotWidget):
    def sizeHint(self) -> QSize:
        return QSize(200, 110)


class RunsView(QWidget):
    """tickedChanged() when the user ticks or unticks a run."""

    tickedChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticked: set[int] = set()
        self.runs: list[RunEntry] = []
        self._curves: dict[int, tuple[tuple, tuple | None]] = {}  # run -> (items, drawn at)
        self.title = QLabel("iteration – · J = –")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(70)
        self.table.setToolTip("Tick a run to overlay its curves")
        self.table.itemChanged.connect(self._item_changed)
        self.cost_plot = _PlotWidget(background=theme.SURFACE)
        self.acc_plot = _PlotWidget(background=theme.SURFACE)
        style_plot_item(self.cost_plot.getPlotItem(), left="cost J", bottom="iteration")
        style_plot_item(self.acc_plot.getPlotItem(), left="accuracy %", bottom="iteration")
        self.acc_plot.setToolTip("Test accuracy (solid) and train accuracy (dashed)")
        for p in (self.cost_plot, self.acc_plot):
            p.getPlotItem().hideButtons()
            p.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
            p.setMinimumHeight(90)
        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        col.addWidget(self.title)
        col.addWidget(self.table, 2)
        plots = QHBoxLayout()
        plots.addWidget(self.cost_plot)
        plots.addWidget(self.acc_plot)
        col.addLayout(plots, 3)

    def add_controls(self, widget: QWidget) -> None:
        """Controls above the table (the sweep's)."""
        self._col.insertWidget(1, widget)

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def set_runs(self, runs: list[RunEntry]) -> None:
        """Show `runs` (the newest last); a run new to the view is ticked."""
        known = {r.number for r in self.runs}
        self.ticked |= {r.number for r in runs if r.number not in known}
        self.ticked &= {r.number for r in runs}
        self.runs = list(runs)
        self.table.blockSignals(True)
        self.table.setRowCount(len(runs))
        for row, run in enumerate(runs):
            for c, text in enumerate(row_texts(run)):
                item = self.table.item(row, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, c, item)
                item.setText(text)
                item.setData(NUMBER_ROLE, run.number)
                if c == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(
                        Qt.CheckState.Checked
                        if run.number in self.ticked
                        else Qt.CheckState.Unchecked
                    )
                    item.setIcon(_swatch(run_colour(run.number)))
                elif c == 1:
                    item.setToolTip(text)
        self.table.blockSignals(False)
        self._draw()

    def tick(self, number: int, on: bool) -> None:
        """Tick or untick run `number`, as its check box does."""
        for row, run in enumerate(self.runs):
            item = self.table.item(row, 0)
            if run.number == number and item is not None:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        number = int(item.data(NUMBER_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self.ticked.add(number)
        else:
            self.ticked.discard(number)
        self._draw()
        self.tickedChanged.emit()

    def overlaid(self) -> list[RunEntry]:
        return [r for r in self.runs if r.number in self.ticked]

    def _draw(self) -> None:
        """Each overlaid run's curves: made once, given new data only when the run grew."""
        cost, acc = self.cost_plot.getPlotItem(), self.acc_plot.getPlotItem()
        shown = {r.number: r for r in self.overlaid()}
        for number in [n for n in self._curves if n not in shown]:
            items, _ = self._curves.pop(number)
            cost.removeItem(items[0])
            acc.removeItem(items[1])
            acc.removeItem(items[2])
        for number, run in shown.items():
            grown = (len(run.costs), run.costs.last_iteration, len(run.evaluations.items))
            if number not in self._curves:
                colour = run_colour(number)
                items = (
                    cost.plot(pen=pen(colour, 1.6), connect="finite"),
                    acc.plot(pen=pen(colour, 1.6), connect="finite"),
                    acc.plot(pen=pen(colour, 1.2, dash=True), connect="finite"),
                )
                self._curves[number] = (items, None)
            items, drawn = self._curves[number]
            if drawn == grown:
                continue
            its, J = run.costs.arrays()
            items[0].setData(its.astype(np.float64), np.where(np.isfinite(J), J, np.nan))
            ev = run.evaluations.array()
            items[1].setData(ev[0], 100 * ev[3])
            items[2].setData(ev[0], 100 * ev[2])
            self._curves[number] = (items, grown)

    def state(self) -> dict:
        return {
            "runs": [
                {
                    "number": r.number,
                    "how": r.how,
                    "settings": r.settings(),
                    "final": r.final(),
                    "ticked": r.number in self.ticked,
                    "colour": run_colour(r.number),
                    "points": len(r.costs),
                }
                for r in self.runs
            ],
            "overlaid": [r.number for r in self.overlaid()],
        }

"""The "Landscape" tab: J around the shown parameters, cross-entropy and squared error side by side.

The user picks the directions (the gradient and a random one, two random ones, the principal
directions of the run's path, or for logistic regression on 1-D / 2-D data the exact (w, b)
surface) and presses Compute: a 41×41 plane and a line along the first direction are computed in
the background (nnviz.run.landscape_plan) with progress and Cancel. Two maps show J over the plane
(the shown parameters marked ✚, the path drawn when there is one), the plot under them J along
the line for both losses.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nnviz.run.landscape_plan import MODES, Landscape, compute, exact_available, path_available
from nnviz.ui.common import theme
from nnviz.ui.common.dump import entry
from nnviz.ui.lessons.job import Job
from nnviz.ui.plots._common import CostAxis, pen, style_plot_item
from nnviz.ui.plots.fitted_axis import FittedAxis, fitted_axes
from nnviz.ui.run.controller import Controller

TITLES = {"cross-entropy": "cross-entropy", "squared-error": "squared error"}
LINE_COLOURS = {"cross-entropy": theme.TRAIN, "squared-error": theme.TEST}
LABELS = {
    "gradient": "gradient + random",
    "random": "two random",
    "path": "path (PCA)",
    "exact": "exact (w, b)",
}


class LandscapePlots(pg.GraphicsLayoutWidget):
    """J over the plane for both losses (log-scaled colours, the shown parameters ✚, the path)
    and J along the first direction, side by side."""

    def __init__(self) -> None:
        super().__init__()
        self.setBackground(theme.SURFACE)
        self.maps: dict[str, pg.PlotItem] = {}
        self.images: dict[str, pg.ImageItem] = {}
        self.paths: dict[str, pg.PlotDataItem] = {}
        self.centres: dict[str, pg.ScatterPlotItem] = {}
        cmap = pg.colormap.get("viridis")
        for i, key in enumerate(TITLES):
            plot = self.addPlot(row=0, col=i, axisItems=fitted_axes())
            plot.setTitle(TITLES[key], color=LINE_COLOURS[key])
            style_plot_item(plot)
            plot.hideButtons()
            plot.disableAutoRange()
            image = pg.ImageItem(axisOrder="row-major")
            image.setLookupTable(cmap.getLookupTable())
            plot.addItem(image)
            path = plot.plot(pen=pen(theme.SURFACE, 1.5), symbol="o", symbolSize=3)
            centre = pg.ScatterPlotItem(symbol="+", size=14, pen=pen("#ffffff", 2), brush=None)
            plot.addItem(centre)
            self.maps[key], self.images[key], self.paths[key] = plot, image, path
            self.centres[key] = centre
        # Plain numbers; α's ticks fitted to the plot's width, J's log ticks 1, 2, 5 × 10^k
        axes = {"left": CostAxis("left"), "bottom": FittedAxis("bottom")}
        self.line_plot = self.addPlot(row=0, col=2, axisItems=axes)
        self.line_plot.setTitle("J along α", color=theme.TEXT_MUTED)
        style_plot_item(self.line_plot, bottom="α")
        self.line_plot.hideButtons()
        self.line_plot.setLogMode(y=True)
        self.line_plot.getAxis("left").setStyle(maxTextLevel=0)  # 1, 2, 5 × 10^k only
        self.lines = {k: self.line_plot.plot(pen=pen(LINE_COLOURS[k], 1.6)) for k in TITLES}
        for i in range(3):
            self.ci.layout.setColumnStretchFactor(i, 1)

    def clear(self) -> None:
        for key in TITLES:
            self.images[key].clear()
            self.paths[key].setData([], [])
            self.centres[key].setData([], [])
            self.lines[key].setData([], [])

    def draw(self, r: Landscape) -> None:
        a, b = r.alphas, r.betas
        rect = QRectF(a[0], b[0], a[-1] - a[0], b[-1] - b[0])
        for key, J in r.grids.items():
            shade = np.log10(np.clip(np.nan_to_num(J, nan=np.inf), 1e-12, 1e300))
            lo, hi = float(shade.min()), float(np.percentile(shade, 98))
            self.images[key].setImage(np.minimum(shade, hi), levels=(lo, max(hi, lo + 1e-9)))
            self.images[key].setRect(rect)
            plot = self.maps[key]
            plot.setLabel("bottom", r.names[0])
            plot.setLabel("left", r.names[1])
            if r.path is not None:
                self.paths[key].setData(r.path[:, 0], r.path[:, 1])
            else:
                self.paths[key].setData([], [])
            self.centres[key].setData([r.centre[0]], [r.centre[1]])
            plot.setRange(xRange=(a[0], a[-1]), yRange=(b[0], b[-1]), padding=0)
            self.lines[key].setData(r.line_alphas, np.clip(r.line[key], 1e-12, None))
        self.line_plot.setLabel("bottom", f"{r.names[0]} ({r.names[1]} at ✚)")
        self.line_plot.enableAutoRange()


class LandscapeView(QWidget):
    """Directions, Compute / Cancel, progress, two maps and the line plot."""

    def __init__(self, window: QMainWindow, c: Controller) -> None:
        super().__init__()
        self.main, self.c = window, c
        self.job = Job(self)
        self.result: Landscape | None = None
        self.mode = QComboBox()
        for key in MODES:
            self.mode.addItem(LABELS[key], key)
        self.mode.setToolTip(
            "Directions of the plane: random ones are filter-normalised (each unit's weights "
            "scaled to its own size, Li et al. 2018)"
        )
        self.compute_button = QPushButton("Compute")
        self.compute_button.setToolTip("J over a 41×41 plane through the shown parameters")
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.job.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(self.compute_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.caption = QLabel(
            "Why the course uses cross-entropy: with a sigmoid output, squared error has flat, "
            "non-convex regions. Press Compute to see J around the shown parameters."
        )
        self.caption.setWordWrap(True)
        self.caption.setToolTip(
            "With a sigmoid output, squared error is non-convex in the weights: flat plateaus "
            "where σ'(z) ≈ 0 and local optima. Cross-entropy is convex for logistic regression."
        )
        self.caption.setStyleSheet(f"color: {theme.TEXT_MUTED};")
        self.plots = LandscapePlots()
        self.plots.setMinimumHeight(150)
        self.plots.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.big: QDialog | None = None
        self.big_plots: LandscapePlots | None = None
        self.enlarge_button = QPushButton("Enlarge")
        self.enlarge_button.setToolTip("The same landscape in a large window of its own")
        self.enlarge_button.clicked.connect(self.enlarge)
        row.addWidget(self.enlarge_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        col.addLayout(row)
        col.addWidget(self.progress)
        col.addWidget(self.caption)
        col.addWidget(self.plots, 1)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.progress.connect(self._progress)
        self.job.was_cancelled.connect(self._cancelled)
        c.runReset.connect(lambda _cfg: self._forget())

    # ----- computing -----
    def available(self, mode: str) -> str | None:
        """Why `mode` cannot be computed now (None when it can)."""
        snap = self.c.record.shown
        if snap is None:
            return "No parameters yet."
        if mode == "exact" and not exact_available(snap):
            return "The exact (w, b) surface is for logistic regression on 1-D or 2-D data."
        if mode == "path" and not path_available(snap, self.c.record.timeline.checkpoints()):
            return "The run has no path yet: train a few iterations first."
        return None

    def compute(self, mode: str | None = None) -> bool:
        """Start computing the landscape for `mode` (default: the one chosen)."""
        if mode is not None:
            self.mode.setCurrentIndex(self.mode.findData(mode))
        mode = str(self.mode.currentData())
        why = self.available(mode)
        snap = self.c.record.shown
        if why is not None or snap is None:
            self.caption.setText(why or "No parameters yet.")
            return False
        dataset, timeline = self.c.dataset, self.c.record.timeline

        def work(progress, cancelled):
            X, Y = dataset.as_dtype("float64")[:2]
            return compute(mode, snap, X, Y, timeline, progress=progress, cancelled=cancelled)

        self.job.start(work)
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        self.caption.setText(f"Computing J around iteration {snap.iteration:,} …")
        return True

    def _idle(self) -> None:
        self.compute_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _progress(self, token: int, done: int, total: int) -> None:
        if token == self.job.token and total:
            self.progress.setValue(int(1000 * done / total))

    def _failed(self, token: int, message: str) -> None:
        if token == self.job.token:
            self._idle()
            self.caption.setText(f"The landscape could not be computed: {message}")

    def _cancelled(self, token: int) -> None:
        if token == self.job.token:
            self._idle()
            self.caption.setText("Cancelled.")

    def _forget(self) -> None:
        self.job.cancel()
        self._idle()
        self.result = None
        for plots in self._all_plots():
            plots.clear()
        self.caption.setText("A new run: press Compute to see J around its parameters.")

    # ----- drawing -----
    def _done(self, token: int, r: Landscape) -> None:
        if token != self.job.token:
            return
        self._idle()
        self.result = r
        for plots in self._all_plots():
            plots.draw(r)
        self.caption.setText(self._describe(r))

    def _all_plots(self) -> list[LandscapePlots]:
        return [self.plots] + ([self.big_plots] if self.big_plots is not None else [])

    def enlarge(self) -> QDialog:
        """Show the landscape in a large window of its own (kept in step with the tab)."""
        if self.big is None:
            self.big = QDialog(self.main)
            self.big.setWindowTitle("nnviz · loss landscape")
            self.big_plots = LandscapePlots()
            QVBoxLayout(self.big).addWidget(self.big_plots)
            self.big.resize(1100, 420)
        if self.result is not None and self.big_plots is not None:
            self.big_plots.draw(self.result)
        self.big.show()
        self.big.raise_()
        return self.big

    def _describe(self, r: Landscape) -> str:
        J = r.grids["cross-entropy"]
        what = MODES[r.mode]
        extra = ""
        if r.explained is not None:
            extra = f"; they hold {100 * sum(r.explained):.0f} % of the path's spread"
        if r.mode == "exact":
            what = f"the parameters {r.names[0]} and {r.names[1]} themselves"
        return (
            f"Iteration {r.iteration:,}: J on {J.shape[1]}×{J.shape[0]} points along {what}"
            f"{extra}, {r.m:,} examples. ✚ the shown parameters; dark = low J (log)."
        )

    def state(self) -> dict:
        """For --dump-state: the landscape shown (its iteration, mode, size, J at the centre)."""
        r = self.result
        centre = None
        if r is not None:
            i = int(np.argmin(np.abs(r.line_alphas - r.centre[0])))
            centre = {k: float(v[i]) for k, v in r.line.items()}
        return entry(
            self,
            self.main,
            iteration=None if r is None else r.iteration,
            J=None,
            mode=None if r is None else r.mode,
            grid=None if r is None else list(r.grids["cross-entropy"].shape),
            centre=centre,
            running=self.job.running(),
            text=self.caption.text(),
        )

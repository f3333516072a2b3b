"""How the weights and gradients evolve: the Gradients and Histograms tabs and their histories.

Both histories are recorded from the run's own snapshots as they arrive (never from a past
iteration the timeline shows), whether or not their tabs show: the gradient norms here (cheap),
the histograms by a Recorder thread (at most 4 a second). Reset clears them, "Continue from
here" cuts them at the iteration training goes on from. The tabs redraw at most HZ times a
second, and only while on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from nnviz.engine.snapshot import Snapshot
from nnviz.run.gradnorms import GradNormHistory
from nnviz.run.histograms import HistogramHistory, Point, summarize_snapshot
from nnviz.ui.common.on_close import OnClose
from nnviz.ui.common.throttle import Latest
from nnviz.ui.diagnose.histograms import HistogramsView
from nnviz.ui.diagnose.norms import GradNormsView
from nnviz.ui.diagnose.recorder import Recorder
from nnviz.ui.run.controller import Controller

HZ = 4


class Evolution(QObject):
    """The Gradients and Histograms tabs; actions: their View-menu entries."""

    def __init__(
        self,
        window: QMainWindow,
        controller: Controller,
        entry: Callable[[QWidget, str, dict], dict],
    ) -> None:
        super().__init__(window)
        self.window, self.c, self._entry = window, controller, entry
        places = window.places
        self.norms_history = GradNormHistory()
        self.norms = GradNormsView()
        places.add_tab(
            "bottom", self.norms, "Gradients", "‖dW[l]‖ per layer over the iterations (log axis)"
        )
        self.show_norms = QAction("Gradient norms per layer", window)
        self.show_norms.setToolTip("‖dW[l]‖ and ‖dW[l]‖/‖W[l]‖ over the iterations: vanishing?")
        self.show_norms.triggered.connect(lambda: places.show_tab(self.norms))
        self.hist_history = HistogramHistory()
        self.histograms = HistogramsView()
        places.add_tab(
            "bottom",
            self.histograms,
            "Histograms",
            "How W[l], b[l] or dW[l] is distributed, over the iterations",
        )
        self.show_histograms = QAction("Histograms over time", window)
        self.show_histograms.setToolTip("W[l], b[l], dW[l] as percentile bands or a ridge")
        self.show_histograms.triggered.connect(lambda: places.show_tab(self.histograms))
        self.actions = [self.show_norms, self.show_histograms]
        places.add_state("gradient_norms", self.norms_state)
        places.add_state("histograms", self.histograms_state)
        self.recorder = Recorder(self)
        self.recorder.summarized.connect(self._summarized)
        self._feed_norms = Latest(self.refresh_norms, HZ, self)
        self._feed_histograms = Latest(self.refresh_histograms, HZ, self)
        self.norms.installEventFilter(self)
        self.histograms.installEventFilter(self)
        controller.record.listen(self._record_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.recorder.stop)
        OnClose(window, self.recorder.stop)  # its thread ends before the window is destroyed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            if watched is self.norms:
                self.refresh_norms()
            elif watched is self.histograms:
                self.refresh_histograms()
        return False

    def _record_changed(self, event: str, detail: object) -> None:
        r = self.c.record
        if event == "snapshot" and isinstance(detail, Snapshot) and detail is r.live:
            self.norms_history.add(detail)  # the run's own snapshots, not a past one shown
            if detail.iteration > self.hist_history.last_iteration:
                self.recorder.offer(r.generation, detail)
        elif event == "reset":
            self.norms_history.clear()
            self.hist_history.clear()
        elif event == "branched" and isinstance(detail, int):
            self.norms_history.truncate(detail)
            self.hist_history.truncate(detail)
        if event in ("snapshot", "reset", "branched"):
            self._feed_norms()
            self._feed_histograms()

    def _summarized(self, token: int, point: Point, layers: int) -> None:
        if token == self.c.record.generation and self.hist_history.add(point, layers):
            self._feed_histograms()

    def _shown(self) -> tuple[int | None, float | None]:
        r = self.c.record
        return (r.iteration if r.shown is not None else None), r.J()

    def refresh_norms(self, force: bool = False) -> None:
        """Redraw the gradient norms (when the tab shows, or force)."""
        self._feed_norms.discard()
        if force or self.norms.isVisible():
            self.norms.show_history(self.norms_history, *self._shown())

    def refresh_histograms(self, force: bool = False) -> None:
        """Redraw the histograms (when the tab shows, or force)."""
        self._feed_histograms.discard()
        if force or self.histograms.isVisible():
            self.histograms.show_history(self.hist_history, *self._shown())

    def norms_state(self) -> dict:
        self.refresh_norms(force=True)
        v = self.norms
        return self._entry(v, v.title.text(), v.state())

    def histograms_state(self) -> dict:
        live = self.c.record.live
        if live is not None and live.iteration > self.hist_history.last_iteration:
            self.hist_history.add(summarize_snapshot(live), live.L)  # the newest, now
        self.refresh_histograms(force=True)
        v = self.histograms
        return self._entry(v, v.title.text(), v.state())

"""Wiring of the diagnosis views to the window and the run.

The views describe the record's shown snapshot (the newest, or the past iteration the timeline
shows). Their ŷ over all examples is computed by a Predictor thread at most HZ times a second,
and only while one of the views is on screen; a view brought to the front asks at once.
`--dump-state` computes what is missing on the spot, so its entries always describe the shown
parameters.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from nnviz.ui.common.dump import entry, parse_text
from nnviz.ui.common.on_close import OnClose
from nnviz.ui.common.throttle import Latest
from nnviz.ui.diagnose.compute import Predictions, Predictor
from nnviz.ui.diagnose.confusion import ConfusionView
from nnviz.ui.diagnose.evolution import Evolution
from nnviz.ui.diagnose.gallery import GalleryView
from nnviz.ui.diagnose.pixels import PixelsView, saliency
from nnviz.ui.diagnose.runs import RunsFeature
from nnviz.ui.run.controller import Controller

HZ = 4


class DiagnoseFeature(QObject):
    """The Confusion, Mistakes and Pixels tabs, fed with the shown parameters' predictions, and
    the Gradients and Histograms tabs (self.evolution) and the Runs tab (self.runs)."""

    def __init__(self, window: QMainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window, self.c = window, controller
        self.predictor = Predictor(self)
        self.pred: Predictions | None = None
        self.confusion = ConfusionView()
        self.gallery = GalleryView()
        self.views: list[QWidget] = [self.confusion, self.gallery]
        places = window.places
        places.add_tab(
            "bottom",
            self.confusion,
            "Confusion",
            "Confusion matrix of the training or test set, with precision and recall",
        )
        self.show_confusion = QAction("Confusion matrix", window)
        self.show_confusion.setToolTip("Where the network is right and wrong, per class")
        self.show_confusion.triggered.connect(lambda: places.show_tab(self.confusion))
        places.add_tab(
            "top",
            self.gallery,
            "Mistakes",
            "The examples the network gets wrong, the most wrong first",
        )
        self.show_gallery = QAction("Misclassified examples", window)
        self.show_gallery.setToolTip("The pictures the network gets wrong, the most wrong first")
        self.show_gallery.triggered.connect(lambda: places.show_tab(self.gallery))
        self.pixels = PixelsView()
        places.add_tab(
            "top", self.pixels, "Pixels", "Which pixels decided the prediction: ∂ŷ/∂x as a heatmap"
        )
        self.show_pixels = QAction("Which pixels decided it", window)
        self.show_pixels.setToolTip("∂ŷ/∂x of the example on the network, as a heatmap")
        self.show_pixels.triggered.connect(lambda: places.show_tab(self.pixels))
        self.evolution = Evolution(window, controller, self._entry)  # Gradients, Histograms
        self.runs = RunsFeature(window, controller, self._entry)  # runs side by side
        places.add_to_menu(
            "view",
            "diagnose",
            [
                self.show_confusion,
                self.show_gallery,
                self.show_pixels,
                *self.evolution.actions,
                self.runs.show_runs,
            ],
        )
        places.add_state("confusion_matrix", self.confusion_state)
        places.add_state("misclassified_gallery", self.gallery_state)
        places.add_state("input_gradient", self.pixels_state)
        self._pixels_key: tuple | None = None  # what the Pixels tab shows
        self._feed_pixels = Latest(self.refresh_pixels, HZ, self)
        self.pixels.installEventFilter(self)
        self._feed = Latest(self.request, HZ, self)
        self.predictor.ready.connect(self._ready)
        self.predictor.failed.connect(controller.problem)
        controller.record.listen(self._record_changed)
        controller.datasetChanged.connect(lambda _ds: self._clear())
        self.confusion.exampleChosen.connect(self._choose_example)
        self.gallery.exampleChosen.connect(self._choose_example)
        controller.exampleChanged.connect(self._example_changed)
        for view in self.views:
            view.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.predictor.stop)
        OnClose(window, self.predictor.stop)  # its thread ends before the window is destroyed

    # ----- when to compute -----
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            if watched in self.views and not self.current():
                self.request()
            elif watched is self.pixels:
                self.refresh_pixels()
        return False

    def _record_changed(self, event: str, _detail: object) -> None:
        if event in ("snapshot", "reset", "branched"):
            self._feed()
            self._feed_pixels()

    def wanted(self) -> bool:
        """True when a view that needs the predictions is on screen."""
        return any(v.isVisible() for v in self.views)

    def key(self) -> tuple | None:
        snap = self.c.record.shown
        if snap is None:
            return None
        r = self.c.record  # J too: a phase may tell it later for the same parameters
        return (r.generation, snap.iteration, id(self.c.dataset), r.J())

    def current(self) -> bool:
        """True when the views show the predictions of the shown parameters."""
        return self.pred is not None and self.pred.key == self.key()

    def request(self) -> None:
        """Ask for the shown parameters' predictions (when a view shows and they are not in)."""
        key, snap = self.key(), self.c.record.shown
        if key is None or snap is None:
            self._clear()
            return
        if self.wanted() and not self.current():
            self.predictor.request(key, snap, self.c.dataset, self.c.record.J())

    def compute_now(self) -> None:
        """Bring the views up to the shown parameters, here and now (dump, tests)."""
        self._feed.discard()
        key, snap = self.key(), self.c.record.shown
        if key is None or snap is None:
            self._clear()
        elif not self.current():
            self._show(self.predictor.compute_now(key, snap, self.c.dataset, self.c.record.J()))

    def _ready(self, pred: Predictions) -> None:
        key = self.key()
        if key is not None and pred.key[0] == key[0] and pred.key[2] == key[2]:
            self._show(pred)  # this run's: shown until the next arrives (stale ones dropped)
            if not self.current():
                self._feed()

    def _show(self, pred: Predictions | None) -> None:
        self.pred = pred
        self.confusion.set_predictions(pred)
        self.gallery.set_predictions(pred)

    def _clear(self) -> None:
        self._show(None)
        self._pixels_key = None
        self._feed_pixels()

    def _choose_example(self, test: bool, index: int) -> None:
        self.c.set_example("test" if test else "train", index)

    def _example_changed(self, which: str, index: int) -> None:
        self.gallery.set_shown_example(None if which == "custom" else which == "test", index)
        self._pixels_key = None  # another picture (a dropped one keeps its key)
        self._feed_pixels()

    # ----- the Pixels tab -----
    def pixels_key(self) -> tuple | None:
        key = self.key()
        return None if key is None else (*key, self.c.example)

    def refresh_pixels(self, force: bool = False) -> None:
        """∂ŷ/∂x of the canvas's example with the shown parameters (when the tab shows, or
        force); one forward and backward pass of one example: done here."""
        self._feed_pixels.discard()
        if not (force or self.pixels.isVisible()):
            return
        key, snap = self.pixels_key(), self.c.record.shown
        if key is not None and key == self._pixels_key:
            return
        ds = self.c.dataset
        if snap is None:
            self.pixels.set_saliency(None, None)
        else:
            x, _, image = self.c.example_data()
            sal = saliency(snap, x, self.c.example_caption(), self.c.record.J(), ds.class_names)
            self.pixels.set_saliency(sal, ds.image_shape, image)
        self._pixels_key = key

    # ----- --dump-state -----
    def _entry(self, view: QWidget, title: str, more: dict) -> dict:
        seen = parse_text(title)
        return entry(view, self.window, iteration=seen["iteration"], J=seen["J"], **more)

    def confusion_state(self) -> dict:
        self.compute_now()
        v = self.confusion
        return self._entry(v, v.title.text(), v.state())

    def pixels_state(self) -> dict:
        self.refresh_pixels(force=True)
        v = self.pixels
        return self._entry(v, v.title.text(), v.state())

    def gallery_state(self) -> dict:
        self.compute_now()
        v = self.gallery
        return self._entry(v, v.title.text(), v.state())


def install_diagnose(window: QMainWindow, controller: Controller) -> DiagnoseFeature:
    """Add the diagnosis views (Confusion, Mistakes, Pixels, Gradients, Histograms, Runs)."""
    return DiagnoseFeature(window, controller)

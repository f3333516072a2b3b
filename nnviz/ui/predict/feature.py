"""Predict dropped, pasted or opened pictures: the wiring between window, controller and panel.

install_drop(window, controller) -> PredictFeature. Pictures are decoded in a background thread
(loader.Loader); their probabilities are computed here, in the GUI thread, from the controller's
newest Snapshot (one forward pass over all history columns; refreshed at most every REFRESH_MS
while training runs; the trainer is never touched and training never pauses). All problems of one
drop become one banner message (jobs.py). The first picture of each drop becomes the canvas's
example.

Hook for the forward-pass animation: `exampleShown(entry)` is emitted right after a dropped picture
became the shown example (controller.exampleChanged("custom", 0) has fired by then).
With NNVIZ_LOG_PREDICTIONS=1 each prediction is also printed to stdout (one line each).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow

from nnviz.data import Dataset
from nnviz.data.files import IMAGE_SUFFIXES
from nnviz.engine.snapshot import Snapshot
from nnviz.run.verdict import verdict
from nnviz.ui.common import dump
from nnviz.ui.predict.drop import DropFilter, sources_from_mime
from nnviz.ui.predict.history import Entry, History
from nnviz.ui.predict.jobs import Jobs
from nnviz.ui.predict.loader import Loader, Source
from nnviz.ui.predict.panel import PredictPanel
from nnviz.ui.predict.placement import TAB_TIP
from nnviz.ui.run.controller import Controller
from nnviz.ui.session.persistence import last_folder, remember_folder

REFRESH_MS = 100  # live probabilities while training: at most 10 updates a second


class PredictFeature(QObject):
    """predicted(rows) once new pictures' probabilities are shown; exampleShown(entry)."""

    predicted = Signal(object)
    exampleShown = Signal(object)

    def __init__(self, window: QMainWindow, controller: Controller) -> None:
        super().__init__(window)
        self.window, self.c = window, controller
        self.history = History()
        self.panel = PredictPanel()
        self.loader = Loader(self)
        self._jobs = Jobs()  # the drops being decoded
        self._pending: list[tuple[Entry, bool]] = []  # (entry, first of its drop)
        self._pastes = 0
        self._log = os.environ.get("NNVIZ_LOG_PREDICTIONS") == "1"
        self._iteration: int | None = None  # the iteration whose ŷ the panel shows
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._filter = DropFilter(window, self.drop_mime, controller.problem.emit, self.shutdown)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        window.places.add_tab("top", self.panel, "Predictions", TAB_TIP)
        self._menus()
        self._wire()
        self._filter.install()  # after the panel is placed: its widgets are watched too
        self.refresh()

    def _menus(self) -> None:
        self.open_action = self._action("Predict image(s)…", "Ctrl+I", self.open_dialog)
        self.open_action.setToolTip("Choose image files and see what the network makes of them")
        self.paste_action = self._action("Paste image(s)", QKeySequence.StandardKey.Paste, None)
        self.paste_action.triggered.connect(self.paste)
        self.paste_action.setToolTip("Predict an image or image files from the clipboard")
        self.window.places.add_to_menu("file", "predict", [self.open_action, self.paste_action])

    def _action(self, text, keys, slot):
        from PySide6.QtGui import QAction

        act = QAction(text, self.window)
        act.setShortcut(QKeySequence(keys))
        if slot is not None:
            act.triggered.connect(slot)
        self.window.addAction(act)
        return act

    def _wire(self) -> None:
        c, p, ld = self.c, self.panel, self.loader
        c.snapshotChanged.connect(self._snapshot)
        c.runReset.connect(lambda _cfg: self.refresh())
        c.playingChanged.connect(lambda _p: self._show_status())
        c.datasetChanged.connect(self._dataset_changed)
        ld.decoded.connect(self._decoded)
        ld.failed.connect(self._failed)
        ld.progress.connect(self._progress)
        ld.finished.connect(self._finished)
        p.chosen.connect(self.show)
        p.openRequested.connect(self.open_dialog)
        p.clearRequested.connect(self.clear)
        p.cancelRequested.connect(self.loader.cancel_all)

    # ----- ways in -----
    def drop_mime(self, mime: QMimeData) -> None:
        """A drop (or paste) on the window: predict what it carries."""
        self.predict(sources_from_mime(mime, self._paste_name))

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        sources = sources_from_mime(mime, self._paste_name) if mime is not None else []
        if not sources:
            self.c.status.emit("The clipboard holds no image and no image files")
            return
        self.predict(sources)

    def open_dialog(self) -> None:
        pattern = " ".join(f"*{s}" for s in IMAGE_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Predict image(s)", last_folder(), f"Images ({pattern});;All files (*)"
        )
        if paths:
            remember_folder(paths[0])
            self.predict([Source(os.path.basename(p), path=p) for p in paths])

    def predict(self, sources: list[Source]) -> int | None:
        """Decode `sources` in the background and predict each; returns the job id (or None)."""
        if not sources:
            return None
        ds = self.c.dataset
        if ds.image_shape is None:
            self.c.problem.emit(
                f"The dataset “{ds.name}” is made of {ds.n_x} numbers per example, not images: "
                "pictures cannot go into this network. Open an image dataset (e.g. the built-in "
                "cats) to predict pictures."
            )
            return None
        job = self.loader.submit(sources, ds.image_shape)
        self._jobs.start(job, len(sources))
        self.window.places.show_tab(self.panel)
        return job

    def _paste_name(self) -> str:
        self._pastes += 1
        return f"pasted image {self._pastes}"

    # ----- from the loader -----
    def _decoded(self, job: int, entry: Entry) -> None:
        if job not in self._jobs or entry.shape != self.c.dataset.image_shape:
            return  # cleared, or the dataset changed meanwhile
        first = self._jobs.used(job)
        if not self._pending:
            QTimer.singleShot(0, self._flush)
        self._pending.append((entry, first))

    def _failed(self, job: int, name: str, reason: str) -> None:
        if self._jobs.failed(job, name, reason) and self._log:
            print(f"nnviz: not predicted {name}: {reason}", flush=True)

    def _progress(self, job: int, done: int, total: int) -> None:
        if self._jobs.progress(job, total):
            self.panel.set_progress(done, total if total > 1 else 0)

    def _finished(self, job: int) -> None:
        message = self._jobs.finish(job)
        self.panel.set_progress(0, 0)
        if message:
            self.c.problem.emit(message)

    def _flush(self) -> None:
        """Add the decoded pictures, predict, show the first of each drop on the network."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        rows: list[int] = []
        show = None
        for entry, first in pending:
            row, removed = self.history.add(entry)
            if removed:
                self.panel.remove_front(removed)
                rows = [r - removed for r in rows if r >= removed]
                show = None if show is None or show < removed else show - removed
            self.panel.set_entry(row, entry)
            rows.append(row)
            if first:
                show = row
        self.refresh()
        if show is not None:
            self.panel.select(show)
            self.show(show)
        if self._log:
            for r in rows:
                e, p = self.history.entries[r], self.history.p[r]
                print(
                    f"nnviz: predicted {e.name}: {verdict(p, self.c.dataset.class_names)} "
                    f"(p = {p:.6f}, iteration {self.history.iteration})",
                    flush=True,
                )
        snap = self.c.snapshot
        if snap is not None and snap.iteration == 0:
            self.c.status.emit("Predicted with the untrained network: train it (Space) first")
        self.predicted.emit(rows)

    # ----- showing -----
    def show(self, row: int) -> None:
        """History entry `row` becomes the network's example (canvas, thumbnail, sigmoid plot)."""
        if not 0 <= row < len(self.history):
            return
        e = self.history.entries[row]
        if e.column.size != self.c.dataset.n_x:
            return
        self.c.show_custom_example(e.column, e.input_image(), f"dropped: {e.name}")
        self.exampleShown.emit(e)

    def refresh(self) -> None:
        """Probabilities of every picture under the newest snapshot, and the status line."""
        snap = self.c.snapshot
        self.history.predict(snap)
        self._iteration = None if snap is None else snap.iteration
        self.panel.set_probabilities(self.history.p, self.c.dataset.class_names)
        self._show_status()

    def state(self) -> dict:
        """What the Predictions tab shows (for --dump-state)."""
        shown = self.window.places.tab_shown(self.panel)
        return dump.entry(
            self.panel if shown else None,
            self.window,
            iteration=self._iteration,
            J=None,
            pictures=len(self.history),
            probabilities=[float(p) for p in self.history.p],
        )

    def _snapshot(self, _snap: Snapshot) -> None:
        if len(self.history) and not self._refresh_timer.isActive():
            self._refresh_timer.start()
        elif not len(self.history):
            self._show_status()

    def _show_status(self) -> None:
        snap = self.c.snapshot
        if snap is None:
            self.panel.set_status("Waiting for the network's parameters…")
        elif snap.iteration == 0:
            self.panel.set_status(
                "Untrained network (its initial weights): these guesses mean nothing yet. "
                "Press Space to train.",
                warn=True,
            )
        else:
            live = " · follows training live" if self.c.is_playing else ""
            self.panel.set_status(f"Parameters after iteration {snap.iteration:,}{live}")

    def _dataset_changed(self, ds: Dataset) -> None:
        if self.history.entries and self.history.entries[0].shape != ds.image_shape:
            self.loader.cancel_all()
            self._jobs.clear()
            self.clear()
            self.c.status.emit("Predicted pictures cleared: the new dataset has other inputs")

    def clear(self) -> None:
        self.history.clear()
        self.panel.clear()

    def shutdown(self) -> None:
        """Stop the decoding thread (on closing the window or quitting)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._filter)
        self.loader.stop()


def install_drop(window: QMainWindow, controller: Controller) -> PredictFeature:
    """Make the whole window take dropped and pasted pictures; adds the Predictions panel and
    File ▸ Predict image(s)… / Paste image(s)."""
    feature = PredictFeature(window, controller)
    window.places.add_state("predictions", feature.state)
    return feature

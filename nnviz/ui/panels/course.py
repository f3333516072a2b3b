"""File ▸ Get the course's cat photos…: the course's own train_catvnoncat.h5 and
test_catvnoncat.h5, downloaded in the background (nnviz.data.download: pooch, public mirrors,
SHA-256 checked, cached in the app's data folder, nothing half-written) with a progress dialog and
Cancel, then opened. Already cached: opened at once, no network."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QProgressDialog

from nnviz.data.download import DownloadCancelled, cached_course, fetch_course
from nnviz.ui.common.background import BackgroundTask


class CoursePhotos(QObject):
    """The menu item and its download; `task` is the running download (None when idle)."""

    def __init__(self, window, controller) -> None:
        super().__init__(window)
        self.w, self.c = window, controller
        self.task: BackgroundTask | None = None
        self.dialog: QProgressDialog | None = None
        self._cancel = False
        self.action = QAction("Get the course's cat photos…", window)
        self.action.setToolTip(
            "Download the course's 209 + 50 real photos (2.6 MB, once) and train on them"
        )
        self.action.triggered.connect(self.get)
        window.places.add_to_menu("file", "dataset", [self.action])

    def get(self) -> None:
        """Open the cached photos, or download them first (in the background)."""
        cached = cached_course()
        if cached is not None:
            self.c.load(str(cached))
            return
        if self.task is not None:
            return  # one download at a time
        self._cancel = False
        self.dialog = QProgressDialog(
            "Downloading the course's cat photos…", "Cancel", 0, 0, self.w
        )
        self.dialog.setWindowTitle("nnviz")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)
        self.task = BackgroundTask(
            lambda progress: fetch_course(progress=progress, should_cancel=lambda: self._cancel),
            self,
        )
        self.task.progress.connect(self._progress)
        self.task.done.connect(self._done)
        self.task.failed.connect(self._failed)
        self.c.status.emit("Downloading the course's cat photos …")
        self.task.start()

    def cancel(self) -> None:
        self._cancel = True

    def wait(self) -> None:
        """Returns when no download runs (closing the window)."""
        self._cancel = True
        if self.task is not None:
            self.task.wait()

    def _progress(self, done: int, total: int) -> None:
        if self.dialog is not None and total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        if self.task is not None:
            self.task.wait()
        self.task = None

    def _done(self, path) -> None:
        self._finish()
        self.c.load(str(path))

    def _failed(self, e: Exception) -> None:
        self._finish()
        if isinstance(e, DownloadCancelled) or self._cancel:
            self.c.status.emit("Download cancelled; nothing was kept")
        else:
            self.c.problem.emit(f"Could not get the course's photos: {e}")


def install_course_photos(window, controller) -> CoursePhotos:
    """Add File ▸ Get the course's cat photos… to `window`."""
    return CoursePhotos(window, controller)

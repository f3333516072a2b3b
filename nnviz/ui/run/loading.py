"""Opening a dataset for the controller: at once, or a folder in a background thread with
progress and cancel. The skipped files of a folder are said in one message."""

from __future__ import annotations

from PySide6.QtCore import QObject

from nnviz.data import DataError, Dataset, load_dataset
from nnviz.data.notices import skipped_summary
from nnviz.ui.common.background import BackgroundTask


class DatasetLoading(QObject):
    """Loads datasets for `controller` (its set_dataset, problem, status, loadProgress)."""

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.c = controller
        self._task: BackgroundTask | None = None
        self._cancel = False

    def load(self, spec: str, background: bool = False) -> None:
        if not background:
            try:
                ds = load_dataset(spec)
            except DataError as e:
                self.c.problem.emit(f"Could not open the dataset: {e}")
                return
            self.c.set_dataset(ds)
            return
        if self._task is not None and self._task.running():
            self.c.problem.emit("A folder is already loading; wait for it or cancel it first.")
            return
        self._cancel = False
        self._task = BackgroundTask(
            lambda progress: load_dataset(
                spec, progress=progress, should_cancel=lambda: self._cancel
            ),
            self,
        )
        self._task.progress.connect(self.c.loadProgress)
        self._task.done.connect(self._loaded)
        self._task.failed.connect(self._failed)
        self.c.status.emit(f"Loading {spec} …")
        self._task.start()

    def cancel(self) -> None:
        self._cancel = True

    def wait(self) -> None:
        """Returns when no load is running."""
        if self._task is not None:
            self._task.wait()

    def _loaded(self, ds: Dataset) -> None:
        self.c.loadProgress.emit(1, 1)
        if self.c.set_dataset(ds):
            said = skipped_summary(ds.skipped)
            if said:
                self.c.problem.emit(said[0].upper() + said[1:])

    def _failed(self, e: Exception) -> None:
        self.c.loadProgress.emit(1, 1)
        if self._cancel:
            self.c.status.emit("Loading cancelled; the current dataset stays")
        else:
            self.c.problem.emit(f"Could not open the dataset: {e}")

"""Run one slow function (a folder load) in a QThread and get its result back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot


class _Job(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception
    progress = Signal(int, int)

    def __init__(self, fn: Callable) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(lambda done, total: self.progress.emit(done, total))
        except Exception as e:  # handed to the GUI, which says what went wrong
            self.failed.emit(e)
        else:
            self.done.emit(result)


class BackgroundTask(QObject):
    """BackgroundTask(fn): fn(progress) runs in a thread; done/failed/progress arrive here."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)

    def __init__(self, fn: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("nnviz-loader")
        self._job = _Job(fn)
        self._job.moveToThread(self._thread)
        self._thread.started.connect(self._job.run)
        self._job.done.connect(self.done)
        self._job.failed.connect(self.failed)
        self._job.progress.connect(self.progress)
        self._job.done.connect(self._thread.quit)
        self._job.failed.connect(self._thread.quit)

    def start(self) -> None:
        self._thread.start()

    def wait(self, ms: int = 10_000) -> bool:
        self._thread.quit()
        return self._thread.wait(ms)

    def running(self) -> bool:
        return self._thread.isRunning()

"""A sweep (nnviz.run.sweep) trained in a daemon thread beside the window's own run.

SweepJob.start(configs, data, iterations) begins; grown(runs) brings copies of the runs'
histories back to the GUI thread at most HZ times a second and once at the end; progress(done,
total) counts iterations; finished(cancelled) when it ends; cancel() stops it between turns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from nnviz.data import DataError
from nnviz.engine.trainer import TrainConfig
from nnviz.run.sweep import Sweep, SweepRun

HZ = 4


def _copies(runs: list[SweepRun]) -> list[SweepRun]:
    return [SweepRun(r.config, list(r.costs), list(r.evaluations), r.ended) for r in runs]


class SweepJob(QObject):
    grown = Signal(object)  # list[SweepRun] (copies)
    progress = Signal(int, int)
    finished = Signal(bool)  # cancelled
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(
        self, configs: list[TrainConfig], data: Callable[[str], tuple], iterations: int
    ) -> None:
        """Train `configs` for `iterations` each; data(dtype) -> (X, Y, X_test, Y_test)."""
        if self.running():
            raise RuntimeError("a sweep is already running")
        self._stop = threading.Event()
        sweep = Sweep(configs, data, iterations)
        self._thread = threading.Thread(
            target=self._run, args=(sweep, self._stop), name="nnviz-sweep", daemon=True
        )
        self._thread.start()

    def cancel(self, wait: bool = False) -> None:
        self._stop.set()
        if wait and self._thread is not None:
            self._thread.join(10)

    def _run(self, sweep: Sweep, stop: threading.Event) -> None:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            self.progress.emit(done, total)
            now = time.monotonic()
            if now - last[0] >= 1 / HZ:
                last[0] = now
                self.grown.emit(_copies(sweep.runs))

        try:
            runs = sweep.run(should_stop=stop.is_set, progress=progress)
        except (DataError, ValueError, MemoryError) as e:
            self.failed.emit(f"The sweep stopped: {e}")
            self.finished.emit(True)
            return
        self.grown.emit(_copies(runs))
        self.finished.emit(stop.is_set())

"""One slow computation at a time in a daemon thread, with progress and cancel (the lessons' views).

Job.start(fn) runs fn(progress, cancelled) in a thread: progress(done, total) reports, cancelled()
tells it to stop (it raises nnviz.engine.gradcheck_layers.Cancelled). Results arrive on the GUI
thread as signals (queued across threads), tagged with the run they belong to; a new start()
cancels the one before, whose result is then dropped. stop() cancels and waits (window close).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from nnviz.engine.gradcheck_layers import Cancelled


class Job(QObject):
    """Signals: done(token, result), failed(token, message), progress(token, done, total),
    was_cancelled(token)."""

    done = Signal(int, object)
    failed = Signal(int, str)
    progress = Signal(int, int, int)
    was_cancelled = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], object]) -> int:
        """Run fn(progress, cancelled) in a new thread (cancelling the previous); its token."""
        self.cancel()
        self.token += 1
        token, stop = self.token, threading.Event()
        self._stop = stop

        def run() -> None:
            try:
                result = fn(lambda d, t: self.progress.emit(token, d, t), stop.is_set)
            except Cancelled:
                self.was_cancelled.emit(token)
            except Exception as e:  # the thread's boundary: one message for the view to say
                self.failed.emit(token, str(e) or type(e).__name__)
            else:
                if not stop.is_set():
                    self.done.emit(token, result)
                else:
                    self.was_cancelled.emit(token)

        self._thread = threading.Thread(target=run, name="nnviz-lesson", daemon=True)
        self._thread.start()
        return token

    def cancel(self) -> None:
        """Ask the running computation to stop (its result, if any, is dropped)."""
        self._stop.set()

    def invalidate(self) -> None:
        """Cancel, and drop whatever the running computation still delivers."""
        self.cancel()
        self.token += 1

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel and wait for the thread to end."""
        self.cancel()
        if self._thread is not None:
            self._thread.join(timeout)

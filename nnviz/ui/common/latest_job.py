"""LatestJob: numpy work for a view done off the GUI thread, newest request first.

A view that turns each new snapshot into pictures (the canvas's unit maps, the decision map)
submits fn(*args) with a token saying what it is for; a worker thread runs it and the result comes
back on the GUI thread as done(token, result). One job runs at a time; a job submitted while one
runs waits, and a newer submission replaces a waiting one, so a slow GUI never queues work up.
The thread starts on the first submission and ends after IDLE_S without work (nothing lingers
after a window closes); stop() ends it at once (and refuses later submissions) for an owner that
must be sure its thread is gone when its window closes. An exception raised by fn is raised again
on the GUI thread: an fn whose failures the user should read returns them as its result.

Why a thread: under a training thread that holds the GIL most of the time, every numpy call on
the GUI thread gives the GIL up and waits to get it back; dozens of them in a row stall a frame.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from nnviz.ui.common.priority import lower_this_thread

IDLE_S = 2.0  # the worker thread ends after this long without work


class LatestJob(QObject):
    """LatestJob(done)(token, fn, *args): done(token, fn(*args)) on the GUI thread, soon."""

    _finished = Signal(object, object, object)  # generation, token, result (from the worker)

    def __init__(
        self,
        done: Callable[[Any, Any], None],
        parent: QObject | None = None,
        name: str = "job",
        background: bool = False,
    ) -> None:
        """background: the thread runs at a lower CPU priority (nnviz.ui.common.priority)."""
        super().__init__(parent)
        self._background = background
        self._done = done
        self._name = f"nnviz-{name}"
        self._cv = threading.Condition()
        self._waiting: tuple | None = None  # (token, fn, args) not started yet
        self._running: Any = None  # the token of the job being run (None: none)
        self._generation = 0  # discard() bumps it: results of older generations are dropped
        self._stopped = False  # stop(): no more work, the thread ends
        self._thread: threading.Thread | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def __call__(self, token: Any, fn: Callable, *args: Any) -> None:
        with self._cv:
            if self._stopped:
                return
            self._waiting = (token, fn, args)
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
                self._thread.start()
            self._cv.notify()

    def pending(self, token: Any) -> bool:
        """Whether a job for `token` (compared with ==) is waiting or running."""
        with self._cv:
            waiting = self._waiting is not None and self._waiting[0] == token
            return waiting or (self._running is not None and self._running == token)

    def idle(self) -> bool:
        """Whether no job is waiting or running (its result may still be on its way)."""
        with self._cv:
            return self._waiting is None and self._running is None

    def running(self) -> bool:
        """Whether the worker thread is alive."""
        with self._cv:
            return self._thread is not None and self._thread.is_alive()

    def discard(self) -> None:
        """Forget the waiting job, and the result of the running one."""
        with self._cv:
            self._waiting = None
            self._generation += 1

    def stop(self, timeout: float = 5.0) -> None:
        """Forget the waiting job and the running one's result, refuse new ones and end the
        thread (waiting up to `timeout` seconds for a running job to finish)."""
        with self._cv:
            self._stopped = True
            self._waiting = None
            self._generation += 1
            thread = self._thread
            self._cv.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _work(self) -> None:
        if self._background:
            lower_this_thread()
        while True:
            with self._cv:
                if self._waiting is None and not self._stopped:
                    self._cv.wait(IDLE_S)
                if self._waiting is None or self._stopped:
                    self._thread = None
                    return
                token, fn, args = self._waiting
                self._waiting, self._running = None, token
                generation = self._generation
            try:
                result = fn(*args)
            except Exception as e:  # raised again on the GUI thread
                result = _Failed(e)
            with self._cv:
                self._running = None
            try:
                self._finished.emit(generation, token, result)
            except RuntimeError:  # the object is gone (its window closed): nobody to tell
                with self._cv:
                    self._thread = None
                return

    def _deliver(self, generation: int, token: Any, result: Any) -> None:
        if generation != self._generation:
            return
        if isinstance(result, _Failed):
            raise result.error
        self._done(token, result)


class _Failed:
    def __init__(self, error: Exception) -> None:
        self.error = error

"""Summaries of the run's snapshots (histograms and percentiles of W, b, dW per layer), made in a
daemon thread so the window keeps its frame rate.

Recorder.offer(token, snap) hands a snapshot over; the thread summarizes the newest one offered
(older ones not yet started are dropped), at most every MIN_S seconds, and sends
summarized(token, Point, layers) back to the GUI thread. The token (the run's generation) lets
the receiver drop what a reset or a branch made stale.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from nnviz.engine.snapshot import Snapshot
from nnviz.run.histograms import summarize_snapshot

MIN_S = 0.25  # at most 4 summaries a second (a large W[1] takes ~10 ms)


class Recorder(QObject):
    summarized = Signal(int, object, int)  # token, Point, layers

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cv = threading.Condition()
        self._wanted: tuple[int, Snapshot] | None = None
        self._busy = False
        self._stop = False
        self._last = 0.0
        self._thread: threading.Thread | None = None

    def offer(self, token: int, snap: Snapshot) -> None:
        with self._cv:
            if self._stop:
                return
            self._wanted = (token, snap)
            self._cv.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="nnviz-histograms", daemon=True)
            self._thread.start()

    def idle(self) -> bool:
        """True when nothing is waiting or being summarized."""
        with self._cv:
            return self._wanted is None and not self._busy

    def stop(self) -> None:
        with self._cv:
            self._stop = True
            self._cv.notify_all()
        if self._thread is not None:
            self._thread.join(5)

    def _loop(self) -> None:
        while True:
            with self._cv:
                self._cv.wait_for(lambda: self._stop or self._wanted is not None)
                if self._stop:
                    return
                wait = self._last + MIN_S - time.monotonic()
                if wait > 0:  # not yet: newer snapshots may replace this one meanwhile
                    self._cv.wait_for(lambda: self._stop, timeout=wait)
                    if self._stop:
                        return
                wanted, self._wanted = self._wanted, None
                self._busy = wanted is not None
            if wanted is None:
                continue
            try:
                token, snap = wanted
                point = summarize_snapshot(snap)
                self.summarized.emit(token, point, snap.L)
            finally:
                with self._cv:
                    self._busy = False
                    self._last = time.monotonic()
                    self._cv.notify_all()

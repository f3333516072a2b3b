"""Summaries of the run's snapshots (histograms and percentiles of W, b, dW per layer), made off
the GUI thread (a LatestJob) so the window keeps its frame rate.

Recorder.offer(token, snap) hands a snapshot over; the newest one offered is summarized (older
ones not yet started are dropped), one at a time and at most every MIN_S seconds after the last
summary came in, and summarized(token, Point, layers) is emitted on the GUI thread. The token (the
run's generation) lets the receiver drop what a reset or a branch made stale.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from nnviz.engine.snapshot import Snapshot
from nnviz.run.histograms import Point, summarize_snapshot
from nnviz.ui.common.latest_job import LatestJob

MIN_S = 0.25  # at most 4 summaries a second (a large W[1] takes ~10 ms)


class Recorder(QObject):
    summarized = Signal(int, object, int)  # token, Point, layers

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = LatestJob(self._done, self, "histograms", background=True)
        self._offered: tuple[int, Snapshot] | None = None  # not handed to the job yet
        self._busy = False  # handed to the job, its summary not in yet
        self._pause = QTimer(self, singleShot=True, interval=int(MIN_S * 1000))
        self._pause.timeout.connect(self._next)

    def offer(self, token: int, snap: Snapshot) -> None:
        self._offered = (token, snap)
        self._next()

    def idle(self) -> bool:
        """True when nothing is waiting or being summarized."""
        return self._offered is None and not self._busy

    def stop(self) -> None:
        self._offered = None
        self._job.stop()

    def _next(self) -> None:
        """Hand the offered snapshot over, unless a summary is under way or came in < MIN_S ago."""
        if self._offered is None or self._busy or self._pause.isActive():
            return
        (token, snap), self._offered, self._busy = self._offered, None, True
        self._job((token, snap.L), _summarize, snap)

    def _done(self, token: tuple[int, int], point: Point | Exception) -> None:
        self._busy = False
        self._pause.start()  # the next one no sooner than MIN_S from now
        if isinstance(point, Exception):
            raise point
        self.summarized.emit(token[0], point, token[1])


def _summarize(snap: Snapshot) -> Point | Exception:
    """summarize_snapshot(snap), or its error (raised on the GUI thread once the pace is kept)."""
    try:
        return summarize_snapshot(snap)
    except Exception as e:
        return e

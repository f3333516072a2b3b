"""The training worker's outbox: what it sends the window, finished and sent on a thread of its own.

Building a snapshot's first layer in dual form (W[1] = c W0 - D X^T and dW[1], one product each,
~10 ms for the cat network) and evaluating it on the test set would take a fifth of the training
thread's time at 15 snapshots a second. The worker hands that work here instead and goes on
training: jobs run one at a time, in the order posted (so costs, snapshots, evaluations and
messages reach the window in the order the run made them). A droppable job (a snapshot while
playing) replaces a droppable job still waiting: the newest wins, nothing queues up. numpy's
products release the GIL, so this thread uses the core the training thread leaves; it runs at a
lower CPU priority (nnviz.ui.common.priority).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from nnviz.ui.common.priority import lower_this_thread


class Outbox:
    """Runs posted jobs in order on one daemon thread; close() runs what is left and joins."""

    def __init__(self, on_error: Callable[[Exception], None], name: str = "nnviz-outbox") -> None:
        """on_error(e): called on this thread when a job raises; the next jobs still run."""
        self._on_error = on_error
        self._jobs: deque[tuple[Callable[[], None], bool]] = deque()
        self._cv = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def post(self, job: Callable[[], None], droppable: bool = False) -> None:
        """Run job() after the jobs posted before it; droppable: dropped if another droppable
        job is posted before it started (the others keep their order)."""
        with self._cv:
            if self._closed:
                return
            if droppable and any(d for _, d in self._jobs):
                self._jobs = deque(j for j in self._jobs if not j[1])
            self._jobs.append((job, droppable))
            self._cv.notify_all()

    def close(self) -> None:
        """Run the jobs already posted, then end the thread (later posts are ignored)."""
        with self._cv:
            self._closed = True
            self._cv.notify_all()
        if threading.current_thread() is not self._thread:
            self._thread.join()

    def _loop(self) -> None:
        lower_this_thread()  # it prepares what comes next: training and painting go first
        while True:
            with self._cv:
                self._cv.wait_for(lambda: self._jobs or self._closed)
                if not self._jobs:
                    return
                job, _ = self._jobs.popleft()
            try:
                job()
            except Exception as e:  # reported, and the outbox goes on
                self._on_error(e)

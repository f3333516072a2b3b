"""Background threads of the window yield the CPU to what the user is watching.

While the window plays at full speed the run trains in a process of its own (nnviz.run.remote)
and the window's own work competes with it for the machine's cores. Work that only prepares
what comes next (summaries for the histograms, a snapshot's W[1] and dW[1]) runs at a lower
priority than training and painting: when the cores are all busy it waits, and the newest
request wins when it runs (nothing queues up). Linux sets the nice value of one thread; on other
systems this does nothing.
"""

from __future__ import annotations

import os
import sys
import threading

BACKGROUND_NICE = 10  # added to the thread's nice value (19 is the lowest priority)


def lower_this_thread(by: int = BACKGROUND_NICE) -> None:
    """Lower the calling thread's CPU priority by `by` nice steps (Linux; elsewhere no-op)."""
    if not sys.platform.startswith("linux"):
        return
    tid = threading.get_native_id()
    try:
        now = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, now + by))
    except OSError:
        pass

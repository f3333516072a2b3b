"""Background threads of the window run at a lower CPU priority (Linux)."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from nnviz.ui.common.priority import BACKGROUND_NICE, lower_this_thread


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_lowering_a_thread_changes_only_that_thread():
    me = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = []

    def work() -> None:
        lower_this_thread()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == [min(19, me + BACKGROUND_NICE)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == me

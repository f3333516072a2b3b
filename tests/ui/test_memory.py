"""glibc is told to give large blocks back (nnviz.ui.common.memory), so the soak stays flat."""

import platform
import subprocess
import sys

import pytest

from nnviz.ui.common.memory import give_back_large_blocks

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="glibc's mallopt only")
def test_freed_large_arrays_leave_the_process():
    """In a fresh process: 2 MB arrays allocated on a thread and freed on another (as snapshots
    are) are returned to the system: resident memory ends where it started, within 20 MB."""
    code = """
import threading, queue, numpy as np
from nnviz.ui.common.memory import give_back_large_blocks
def rss():
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS')) / 1024
assert give_back_large_blocks()
q = queue.Queue()
def make():
    for i in range(300):
        q.put(np.ones((20, 12288)) * i)
    q.put(None)
before = rss()
threading.Thread(target=make).start()
kept = []
while (a := q.get()) is not None:
    kept.append(a)
    if len(kept) > 100:
        kept.clear()
kept.clear()
print(rss() - before)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 20, out.stdout


def test_harmless_where_it_does_not_apply():
    assert give_back_large_blocks() in (True, False)

"""Resident memory that stays bounded: glibc's allocator asked to give freed memory back.

The window's threads (training, its outbox, the GUI, background views) allocate and free numpy
arrays of 0.1-2 MB many times a second, often on different threads. glibc serves such sizes from
per-thread arenas once its mmap threshold has risen (it adapts upwards after each large free), and
fragmented arenas keep their free pages: the process's resident memory then grows for minutes
without any object growing (measured with `nnviz bench soak`: ~50 MB more after 4 minutes).

Two settings keep it flat: at most 2 arenas, and every TRIM_S seconds a background thread calls
malloc_trim(0), which hands the free pages inside the arenas back to the system. (Fixing the mmap
threshold at 128 KiB instead, so that every large block is its own mapping, did as well for memory
but cost a page fault per fresh page of every pixmap and snapshot: 20 % of the window's training
speed and 6 ms more GUI lateness.) Does nothing where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
ARENAS = 2
TRIM_S = 5.0

_started: list[threading.Thread] = []


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
    except (OSError, AttributeError):  # not glibc (musl has neither)
        return None
    return libc


def trim() -> bool:
    """Give the free pages of every arena back to the system now; True where glibc did it."""
    libc = _libc()
    return libc is not None and (libc.malloc_trim(0) in (0, 1))


def give_back_large_blocks(period_s: float = TRIM_S) -> bool:
    """Cap glibc's arenas and start the trimming thread (a daemon, once per process); call when
    the app starts. True when glibc took the settings."""
    libc = _libc()
    if libc is None or not libc.mallopt(M_ARENA_MAX, ARENAS):
        return False
    if not _started:

        def loop() -> None:
            while True:
                threading.Event().wait(period_s)
                libc.malloc_trim(0)

        t = threading.Thread(target=loop, name="nnviz-trim", daemon=True)
        t.start()
        _started.append(t)
    return True

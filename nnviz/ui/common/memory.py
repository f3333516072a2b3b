"""Resident memory that stays bounded: glibc's allocator told to give large blocks back.

The window's threads (training, its outbox, the GUI, background views) allocate and free numpy
arrays of 0.1-2 MB many times a second, often on different threads. glibc serves such sizes from
per-thread arenas once its mmap threshold has risen (it adapts upwards after each large free), and
fragmented arenas keep their pages: the process's resident memory then grows for minutes without
any object growing (measured with `nnviz bench soak`: ~50 MB more after 4 minutes). Fixing the
threshold at 128 KiB (every larger block is its own mapping, returned to the system when freed)
and capping the arenas at 2 keeps it flat (30-minute soak: +26 MB after the first minute, 370 MB
in all), at a cost: a page fault per fresh page of every large block (the canvas's 2.7 MB frames,
the snapshots' W[1]): about a fifth of the window's training speed and 5 ms more GUI lateness,
measured side by side. Trimming the arenas instead (malloc_trim(0) every 1 or 5 s, 2 arenas) kept
that speed but not the memory: 405 MB after 3 minutes. Does nothing where the C library is not
glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameters (malloc.h)
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # bytes: glibc's initial value, now fixed
ARENAS = 2


def give_back_large_blocks() -> bool:
    """Set glibc's mmap threshold and arena count (see the module docstring); call before the
    window's threads start. True when glibc took both settings."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_ARENA_MAX, ARENAS))

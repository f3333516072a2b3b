"""The command line's terminal plumbing: progress bars on stderr (only when it is a terminal) and
a quiet exit when the reader of stdout has gone (`nnviz train | head`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable


def iteration_bar(total: int) -> Callable[[int, float], None]:
    """Draw "[####....] i/total cost" on stderr, at most ten times a second, if it is a terminal."""
    if not sys.stderr.isatty() or total == 0:
        return lambda i, cost: None
    last = [0.0]

    def draw(i: int, cost: float) -> None:
        now = time.monotonic()
        if i < total and now - last[0] < 0.1:
            return
        last[0] = now
        filled = 30 * i // total
        end = "\n" if i >= total else ""
        bar = "#" * filled + "." * (30 - filled)
        sys.stderr.write(f"\r[{bar}] {i}/{total}  cost {cost:.6f}{end}")
        sys.stderr.flush()

    return draw


def download_bar() -> Callable[[int, int], None] | None:
    """progress(done, total) drawing "[####....] 1.2/3.2 MB" on stderr if it is a terminal."""
    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def draw(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        filled = 30 * done // max(total, 1)
        end = "\n" if done >= total else ""
        bar = "#" * filled + "." * (30 - filled)
        sys.stderr.write(f"\r[{bar}] {done / 1e6:.1f}/{total / 1e6:.1f} MB{end}")
        sys.stderr.flush()

    return draw


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises no second BrokenPipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests capture it): nothing will flush at exit

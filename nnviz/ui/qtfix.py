"""A process-wide workaround for a PySide6 6.12.0 reference-counting bug (call it before painting).

On Python < 3.12, PySide6 6.12.0 drops one reference to None on every call of a C++ method that
returns void (QPainter.setPen, QWidget.update, QFont.setPixelSize, ...), as if None were immortal
(it is only from Python 3.12 on); a process dies with "Fatal Python error: none_dealloc" after
~16,000 such calls, i.e. after a few dozen paints of the network canvas.
"""

from __future__ import annotations

import sys


def guard_none_refcount() -> None:
    """Give None a reference count the bug cannot spend (adds 2**48 once; a no-op on Python 3.12+,
    where None is immortal, and on other interpreters)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if getattr(guard_none_refcount, "done", False):
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
    guard_none_refcount.done = True  # type: ignore[attr-defined]

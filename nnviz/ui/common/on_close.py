"""Run something when a window closes, before Qt destroys it.

Background threads (a LatestJob's) must end while their Qt objects still exist: stopping them
from the window's `destroyed` signal runs during its destruction, often inside Python's garbage
collector, while a job still running may signal an object being deleted (a crash seen under the
test suite). OnClose(window, fn) calls fn() on the window's Close event instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject


class OnClose(QObject):
    """Calls fn() each time `window` receives its Close event (a child of window)."""

    def __init__(self, window: QObject, fn: Callable[[], None]) -> None:
        super().__init__(window)
        self._fn = fn
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._fn()
        return False

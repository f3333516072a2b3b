"""Coalesce fast updates for slow views: the newest value (or the batches since the last call)
is delivered at most `hz` times a second. Frames are dropped at the consumer; the producer is
already throttled to display rate."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer


class Latest(QObject):
    """Latest(fn, hz)(*args): fn(*args) runs with the newest args at most hz times a second."""

    def __init__(self, fn: Callable, hz: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args: tuple | None = None
        self._timer = QTimer(self, singleShot=True, interval=int(1000 / hz))
        self._timer.timeout.connect(self.flush)

    def __call__(self, *args) -> None:
        self._args = args
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Deliver now (if anything is pending)."""
        self._timer.stop()
        if self._args is not None:
            args, self._args = self._args, None
            self._fn(*args)

    def discard(self) -> None:
        self._timer.stop()
        self._args = None


class Batches(Latest):
    """Batches(fn, hz)(xs, ys): fn(concatenated xs, concatenated ys) at most hz times a second."""

    def __init__(self, fn: Callable, hz: float, parent: QObject | None = None) -> None:
        super().__init__(fn, hz, parent)
        self._parts: list[tuple[np.ndarray, np.ndarray]] = []

    def __call__(self, xs: np.ndarray, ys: np.ndarray) -> None:
        self._parts.append((xs, ys))
        super().__call__()

    def flush(self) -> None:
        self._timer.stop()
        if self._parts:
            parts, self._parts = self._parts, []
            self._args = None
            self._fn(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))

    def discard(self) -> None:
        super().discard()
        self._parts = []

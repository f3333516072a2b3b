"""Waits shared by the window tests: on the run record and the controller, never on sleeps."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def settle(qtbot, c, n: int) -> None:
    """Wait until the record shows iteration n, paused, with its J; then let the views follow."""
    qtbot.waitUntil(
        lambda: (
            c.record.iteration == n
            and not c.is_playing
            and c.snapshot is not None
            and c.snapshot.cost is not None
        ),
        timeout=60_000,
    )
    QApplication.processEvents()


def train_to(qtbot, c, n: int) -> None:
    """Train until the shown snapshot is iteration n."""
    c.play(until=n)
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == n, timeout=60_000)

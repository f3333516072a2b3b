"""Autosave: the run goes to data_dir()/autosave.npz every 30 s while training, on pause, on close.

The Session is gathered in the GUI thread from read-only snapshot copies; the file is written by a
plain background thread (save_session is atomic: a temporary file, fsync, rename), so a kill -9 at
any moment leaves either the previous autosave or the new one, never half a file. At most one
write runs at a time; closing waits for it and then writes the final state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from nnviz.data.session import Session, save_session
from nnviz.ui.session.store import autosave_interval_ms, autosave_path, gather


class Autosaver(QObject):
    """Writes the window's run to `path()` while enabled. saved(path, iteration) after each write,
    failed(message) when a write fails (reported once until a write succeeds again)."""

    saved = Signal(str, int)
    failed = Signal(str)

    def __init__(self, controller, path: Callable[[], Path] = autosave_path) -> None:
        super().__init__(controller)
        self.c = controller
        self.path = path
        self.enabled = False
        self.before_write: Callable[[], None] | None = None  # e.g. set an old autosave aside
        self._thread: threading.Thread | None = None
        self._last: tuple[int, int] | None = None  # (id of the snapshot, iteration) last written
        self._error_said = False
        self._done: tuple[str, int, str | None] | None = None
        self.timer = QTimer(self, interval=autosave_interval_ms())
        self.timer.timeout.connect(self.save_now)
        controller.playingChanged.connect(self._playing)

    def enable(self, on: bool = True) -> None:
        self.enabled = on
        if not on:
            self.timer.stop()
        elif self.c.is_playing:
            self.timer.start()

    def _playing(self, playing: bool) -> None:
        if not self.enabled:
            return
        if playing:
            self.timer.start()
        else:
            self.timer.stop()
            self.save_now()  # a pause is a natural moment to keep the work

    def _join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _gather(self) -> Session | None:
        snap = self.c.snapshot
        if snap is None or (id(snap), snap.iteration) == self._last:
            return None  # nothing new since the last write
        s = gather(self.c)
        if s is not None:
            self._last = (id(snap), snap.iteration)
        return s

    def save_now(self, wait: bool = False) -> bool:
        """Start writing the run if it changed; with wait, write in this thread and return when
        done. False when nothing was written (nothing new, disabled, or a write still running)."""
        if not self.enabled:
            return False
        if self.busy():
            if not wait:
                return False  # the next tick will catch up
            self._join()
        self._report()
        s = self._gather()
        if s is None:
            return False
        if self.before_write is not None:
            self.before_write()
        target = self.path()
        if wait:
            self._write(s, target)
            self._report()
            return True
        self._thread = threading.Thread(
            target=self._write, args=(s, target), name="nnviz-autosave", daemon=False
        )
        self._thread.start()
        QTimer.singleShot(0, self._poll)
        return True

    def _write(self, s: Session, target: Path) -> None:
        """In the writer thread: save, and leave the outcome for the GUI thread to report."""
        try:
            save_session(target, s)
        except Exception as e:  # a full disk, a read-only folder ...: said once, never fatal
            self._done = (str(target), s.iteration, f"{type(e).__name__}: {e}")
        else:
            self._done = (str(target), s.iteration, None)

    def _poll(self) -> None:
        if self.busy():
            QTimer.singleShot(50, self._poll)
        else:
            self._report()

    def _report(self) -> None:
        done, self._done = self._done, None
        if done is None:
            return
        path, iteration, error = done
        if error is None:
            self._error_said = False
            self.saved.emit(path, iteration)
        elif not self._error_said:
            self._error_said = True
            self._last = None
            self.failed.emit(f"Autosave to {path} failed ({error}); your run is still open.")

    def finish(self) -> None:
        """On close: wait for a running write, then write the final state."""
        self.timer.stop()
        if self.enabled:
            self.save_now(wait=True)
        elif self.busy():
            self._join()

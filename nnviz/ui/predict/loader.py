"""Decode dropped, pasted or opened pictures in a background thread, one job per drop.

A job is a list of Sources (a file, a folder, or encoded bytes from the clipboard). The worker
expands folders (nnviz.data.files), runs every picture through the one image pipeline
(nnviz.data.images.load_for_prediction / image_from_bytes) and reports each result as it comes:
decoded(job, Entry), failed(job, name, reason), progress(job, done, total), finished(job).
"""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, QThread, Signal, Slot

from nnviz.data.errors import DataError
from nnviz.data.files import expand_image_paths
from nnviz.data.images import image_from_bytes, load_for_prediction, to_column
from nnviz.ui.predict.history import Entry

THUMB = 160  # thumbnail's long side in px
VECTOR_SUFFIXES = (".svg", ".svgz")


@dataclass(frozen=True)
class Source:
    """A file or folder (path), encoded image bytes (data), or a thing we can say no to (reason)."""

    name: str
    path: str | None = None
    data: bytes | None = None
    reason: str | None = None


def _svg_reason() -> str:
    return "an SVG drawing, not a pixel image (export it as PNG or JPEG)"


def _thumb_from_bytes(data: bytes, fallback: np.ndarray) -> np.ndarray:
    """A display-only thumbnail of pasted bytes; the network's input comes from the pipeline."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.draft("RGB", (2 * THUMB, 2 * THUMB))
            rgb = im.convert("RGB")
            rgb.thumbnail((THUMB, THUMB))
            return np.asarray(rgb, dtype=np.uint8).copy()
    except Exception:
        return fallback


def decode(source: Source, shape: tuple[int, int, int]) -> Entry:
    """One picture through the pipeline -> Entry. Raises DataError naming it and the reason."""
    if source.reason is not None:
        raise DataError(source.name, source.reason)
    if source.data is not None:
        pixels = image_from_bytes(source.data, source.name, shape)
        fallback = np.rint(pixels * 255).astype(np.uint8)
        thumb = _thumb_from_bytes(source.data, fallback)
        key = f"data:{source.name}"  # pasted images get unique names
    else:
        path = os.fspath(source.path or "")
        if path.lower().endswith(VECTOR_SUFFIXES):
            raise DataError(path, _svg_reason())
        thumb, pixels = load_for_prediction(path, shape, thumb=THUMB)
        key = os.path.abspath(path)
    column = to_column(pixels).reshape(-1)
    h, w, c = (int(s) for s in shape)
    return Entry(source.name, key, thumb, column, (h, w, c))


class _Worker(QObject):
    decoded = Signal(int, object)  # job, Entry
    failed = Signal(int, str, str)  # job, name, reason
    progress = Signal(int, int, int)  # job, done, total
    finished = Signal(int)  # job

    def __init__(self) -> None:
        super().__init__()
        self.cancelled: set[int] = set()
        self.lock = threading.Lock()

    def _cancelled(self, job: int) -> bool:
        with self.lock:
            return job in self.cancelled

    @Slot(int, object, object)
    def run(self, job: int, sources: list[Source], shape: tuple[int, int, int]) -> None:
        todo: list[Source] = []
        for s in sources:
            if s.path is not None and s.reason is None and os.path.isdir(s.path):
                for path, reason in expand_image_paths([s.path]):
                    todo.append(Source(os.path.basename(path) or path, path, reason=reason))
            else:
                todo.append(s)
        total = len(todo)
        self.progress.emit(job, 0, total)
        for i, s in enumerate(todo):
            if self._cancelled(job):
                break
            try:
                self.decoded.emit(job, decode(s, shape))
            except DataError as e:
                self.failed.emit(job, s.name, e.reason)
            except Exception as e:
                self.failed.emit(job, s.name, f"{type(e).__name__}: {e}")
            self.progress.emit(job, i + 1, total)
        self.finished.emit(job)


class Loader(QObject):
    """One long-lived decoding thread. submit(sources, shape) -> job id; cancel(job); stop()."""

    decoded = Signal(int, object)
    failed = Signal(int, str, str)
    progress = Signal(int, int, int)
    finished = Signal(int)
    _submit = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = 0
        self._thread = QThread()
        self._thread.setObjectName("nnviz-predict-loader")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        for name in ("decoded", "failed", "progress", "finished"):
            getattr(self._worker, name).connect(getattr(self, name))
        self._thread.start()

    def submit(self, sources: list[Source], shape: tuple[int, int, int]) -> int:
        self._job += 1
        self._submit.emit(self._job, list(sources), tuple(shape))
        return self._job

    def cancel(self, job: int) -> None:
        with self._worker.lock:
            self._worker.cancelled.add(job)

    def stop(self) -> None:
        """Cancel every job and end the thread (returns once it has)."""
        if not self._thread.isRunning():
            return
        self.cancel_all()
        self._thread.quit()
        self._thread.wait()

    def cancel_all(self) -> None:
        with self._worker.lock:
            self._worker.cancelled.update(range(1, self._job + 1))

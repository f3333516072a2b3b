"""Drop-to-probability latency for `nnviz bench gui`: a real window, a real QDropEvent with a file
URL, timed from the drop event to the probability shown in the Predictions panel.

Keys: drop_large_p50_ms (a 24-megapixel JPEG, 6000 x 4000) and drop_small_p50_ms (a 64 x 64 PNG),
the median over `repeats` drops each (after one warm-up drop). The files are made with Pillow in a
temporary folder.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

import numpy as np

TARGETS = {"drop_large_p50_ms": ("<=", 150), "drop_small_p50_ms": ("<=", 20)}  # also in gui.TARGETS


def make_pictures(folder: str) -> tuple[str, str]:
    """(a 6000 x 4000 JPEG, a 64 x 64 PNG) written into `folder`: smooth colours plus noise."""
    from PIL import Image

    rng = np.random.default_rng(0)
    h, w = 4000, 6000
    ramp = np.linspace(0, 180, w, dtype=np.float32)[None, :, None]
    rows = np.linspace(0, 60, h, dtype=np.float32)[:, None, None]
    noise = rng.integers(0, 40, size=(h, w, 1), dtype=np.uint8).astype(np.float32)
    big = np.clip(ramp + rows + noise + np.array([0, 20, 40], np.float32), 0, 255)
    large = os.path.join(folder, "large-24mp.jpg")
    Image.fromarray(big.astype(np.uint8)).save(large, quality=90)
    small = os.path.join(folder, "small-64.png")
    Image.fromarray(rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)).save(small)
    return large, small


def drop_once(window, path: str, timeout_ms: int = 10_000) -> float:
    """Milliseconds from sending the drop of `path` onto the canvas to its probability shown."""
    from PySide6.QtCore import QEventLoop, QMimeData, QPointF, Qt, QTimer, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    target = window.canvas
    pos = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target, enter)
    loop = QEventLoop()
    shown: list[float] = []

    def done(_rows) -> None:
        shown.append(time.perf_counter())
        loop.quit()

    window.predictions.predicted.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    drop = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    t0 = time.perf_counter()
    QApplication.sendEvent(target, drop)
    if not shown:
        loop.exec()
    window.predictions.predicted.disconnect(done)
    if not shown:
        raise RuntimeError(f"no prediction for {path} within {timeout_ms} ms")
    return (shown[0] - t0) * 1000.0


def drop_latency(repeats: int = 10) -> dict:
    """{drop_large_p50_ms, drop_small_p50_ms} measured on a fresh window (untrained network)."""
    from nnviz.ui.app import build_window, make_app

    make_app(offscreen="DISPLAY" not in os.environ)
    window, _c = build_window("cats")
    window.resize(1600, 1000)
    window.show()
    try:
        with tempfile.TemporaryDirectory(prefix="nnviz-drop-") as folder:
            large, small = make_pictures(folder)
            out = {}
            for key, path in (("drop_large_p50_ms", large), ("drop_small_p50_ms", small)):
                drop_once(window, path)  # warm-up: first decode of this format
                out[key] = statistics.median(drop_once(window, path) for _ in range(repeats))
            return out
    finally:
        window.close()

"""The histograms' Recorder: the newest snapshot offered is summarized off the GUI thread."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QThread

from nnviz.engine import TrainConfig, Trainer
from nnviz.engine.snapshot import take_snapshot
from nnviz.ui.diagnose.recorder import Recorder


def test_the_newest_snapshot_offered_is_summarized_off_the_gui_thread(qtbot):
    rng = np.random.default_rng(0)
    X = rng.random((5, 20))
    t = Trainer(TrainConfig(hidden_layers=(3,)), X, (X[:1] > 0.5).astype(np.float64))
    snaps = []
    for _ in range(3):
        t.step()
        snaps.append(take_snapshot(t))
    recorder = Recorder()
    got: list = []
    gui = QThread.currentThread()
    recorder.summarized.connect(
        lambda token, point, layers: got.append(
            (token, point.iteration, layers, QThread.currentThread() is gui)
        )
    )
    recorder.offer(7, snaps[0])  # summarized at once
    recorder.offer(7, snaps[1])  # waits for it ...
    recorder.offer(8, snaps[2])  # ... and is replaced by the newest
    assert not recorder.idle()
    qtbot.waitUntil(lambda: len(got) == 2 and recorder.idle(), timeout=10_000)
    assert got == [(7, 1, 2, True), (8, 3, 2, True)]
    recorder.stop()
    assert "nnviz-histograms" not in [th.name for th in threading.enumerate()]

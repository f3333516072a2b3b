"""The diagnose views' Predictor: ŷ of every example off the GUI thread; failures as one message."""

from __future__ import annotations

import threading

import numpy as np

from nnviz.data import Dataset
from nnviz.engine import TrainConfig, Trainer
from nnviz.engine.snapshot import take_snapshot
from nnviz.ui.diagnose.compute import Predictor, predict_all


def dataset(n_x: int) -> Dataset:
    rng = np.random.default_rng(1)
    X, X_test = rng.random((n_x, 30)).astype(np.float32), rng.random((n_x, 10)).astype(np.float32)
    Y = (X[:1] > 0.5).astype(np.float32)
    Y_test = (X_test[:1] > 0.5).astype(np.float32)
    return Dataset("test", X, Y, X_test, Y_test, None, ("no", "yes"), "built-in")


def test_predictions_arrive_and_a_failure_is_one_plain_message(qtbot):
    ds = dataset(4)
    t = Trainer(TrainConfig(hidden_layers=(3,)), ds.X.astype(np.float64), ds.Y.astype(np.float64))
    t.step()
    snap = take_snapshot(t)
    predictor = Predictor()
    got: list = []
    predictor.ready.connect(got.append)
    predictor.failed.connect(got.append)
    predictor.request(("run", 1), snap, ds, None)
    qtbot.waitUntil(lambda: len(got) == 1, timeout=10_000)
    want = predict_all(("run", 1), snap, ds, None)
    assert got[0].key == ("run", 1) and np.array_equal(got[0].P_test, want.P_test)
    predictor.request(("run", 2), snap, dataset(6), None)  # X does not fit W[1]: ValueError
    qtbot.waitUntil(lambda: len(got) == 2, timeout=10_000)
    assert isinstance(got[1], str) and got[1].startswith("Could not compute the predictions: ")
    predictor.stop()
    assert "nnviz-diagnose" not in [th.name for th in threading.enumerate()]

"""The network's ŷ over the whole training and test sets, computed off the GUI thread.

Predictor.request(key, snap, dataset) asks for ŷ of every example with `snap`'s parameters; a
daemon thread serves only the newest request (numpy's matrix products run without the GIL, so
the window keeps its frame rate) and hands back a Predictions with `ready`. The data is taken
in the snapshot's precision (float64 exactly as the trainer has it, Dataset.as_dtype), kept
for the next requests of the same dataset.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from nnviz.data import DataError, Dataset
from nnviz.engine.diagnose import probabilities
from nnviz.engine.network import Architecture
from nnviz.engine.snapshot import Snapshot


@dataclass(frozen=True)
class Predictions:
    """ŷ of every example for the parameters of `iteration` (key: the requester's tag, e.g. the
    run's generation and the iteration). P: (m,), P_test: (m_test,); Y, Y_test: (m,), (m_test,)."""

    key: tuple
    iteration: int
    J: float | None
    dataset: Dataset
    P: np.ndarray
    P_test: np.ndarray
    Y: np.ndarray
    Y_test: np.ndarray

    def split(self, test: bool) -> tuple[np.ndarray, np.ndarray]:
        """(Y, P) of the test or training set."""
        return (self.Y_test, self.P_test) if test else (self.Y, self.P)


class _Data:
    """The dataset's X and X_test in one precision, kept while the dataset and precision stay."""

    def __init__(self) -> None:
        self._of: tuple[Dataset, str] | None = None  # the dataset itself: its id is not reused
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None

    def get(self, ds: Dataset, dtype: np.dtype) -> tuple[np.ndarray, np.ndarray]:
        name = np.dtype(dtype).name
        if self._of is None or self._of[0] is not ds or self._of[1] != name or not self._arrays:
            if np.dtype(dtype) == ds.X.dtype:
                arrays = (ds.X, ds.X_test)
            else:
                X, _, X_test, _ = ds.as_dtype(dtype)
                arrays = (X, X_test)
            self._of, self._arrays = (ds, name), arrays
        return self._arrays


def predict_all(key: tuple, snap: Snapshot, ds: Dataset, J: float | None, data=None) -> Predictions:
    """ŷ of every training and test example with `snap`'s W[l] (n_l, n_{l-1}), b[l] (n_l, 1)."""
    arch = Architecture(snap.layer_dims, snap.activation)
    X, X_test = (data or _Data()).get(ds, snap.W[-1].dtype)
    return Predictions(
        key,
        snap.iteration,
        J,
        ds,
        probabilities(arch, snap.W, snap.b, X),
        probabilities(arch, snap.W, snap.b, X_test),
        np.asarray(ds.Y).reshape(-1),
        np.asarray(ds.Y_test).reshape(-1),
    )


class Predictor(QObject):
    """Serves the newest request in a daemon thread: ready(Predictions), failed(message)."""

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cv = threading.Condition()
        self._wanted: tuple | None = None
        self._stop = False
        self._busy = False
        self._thread: threading.Thread | None = None
        self._data = _Data()

    def request(self, key: tuple, snap: Snapshot, ds: Dataset, J: float | None) -> None:
        with self._cv:
            if self._stop:
                return
            self._wanted = (key, snap, ds, J)
            self._cv.notify_all()
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="nnviz-diagnose", daemon=True)
            self._thread.start()

    def compute_now(self, key: tuple, snap: Snapshot, ds: Dataset, J: float | None) -> Predictions:
        """The same, here and now (for --dump-state and tests); waits for the thread's work."""
        with self._cv:
            self._cv.wait_for(lambda: not self._busy, timeout=30)
            self._busy = True
        try:
            return predict_all(key, snap, ds, J, self._data)
        finally:
            with self._cv:
                self._busy = False
                self._cv.notify_all()

    def idle(self) -> bool:
        with self._cv:
            return self._wanted is None and not self._busy

    def stop(self) -> None:
        with self._cv:
            self._stop = True
            self._cv.notify_all()
        if self._thread is not None:
            self._thread.join(5)

    def _loop(self) -> None:
        while True:
            with self._cv:
                self._cv.wait_for(
                    lambda: self._stop or (self._wanted is not None and not self._busy)
                )
                if self._stop:
                    return
                wanted, self._wanted = self._wanted, None
                self._busy = True
            try:
                if wanted is not None:
                    key, snap, ds, J = wanted
                    self.ready.emit(predict_all(key, snap, ds, J, self._data))
            except (DataError, ValueError, MemoryError) as e:
                self.failed.emit(f"Could not compute the predictions: {e}")
            finally:
                with self._cv:
                    self._busy = False
                    self._cv.notify_all()

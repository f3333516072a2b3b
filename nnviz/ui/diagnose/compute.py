"""The network's ŷ over the whole training and test sets, computed off the GUI thread.

Predictor.request(key, snap, dataset) asks for ŷ of every example with `snap`'s parameters; a
LatestJob's thread serves the newest request (numpy's matrix products run without the GIL, so
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
from nnviz.ui.common.latest_job import LatestJob


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
    """Serves the newest request off the GUI thread (a LatestJob): ready(Predictions),
    failed(message)."""

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = LatestJob(self._done, self, "diagnose")
        self._data = _Data()
        self._lock = threading.Lock()  # one computation at a time: they share self._data

    def request(self, key: tuple, snap: Snapshot, ds: Dataset, J: float | None) -> None:
        self._job(key, self._predict, key, snap, ds, J)

    def compute_now(self, key: tuple, snap: Snapshot, ds: Dataset, J: float | None) -> Predictions:
        """The same, here and now (for --dump-state and tests); waits for the thread's work."""
        with self._lock:
            return predict_all(key, snap, ds, J, self._data)

    def idle(self) -> bool:
        return self._job.idle()

    def stop(self) -> None:
        self._job.stop()

    def _predict(
        self, key: tuple, snap: Snapshot, ds: Dataset, J: float | None
    ) -> Predictions | str:
        """Predictions (in the job's thread), or what went wrong, said plainly."""
        try:
            return self.compute_now(key, snap, ds, J)
        except (DataError, ValueError, MemoryError) as e:
            return f"Could not compute the predictions: {e}"

    def _done(self, _key: tuple, result: Predictions | str) -> None:
        if isinstance(result, str):
            self.failed.emit(result)
        else:
            self.ready.emit(result)

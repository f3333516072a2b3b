"""Where sessions and settings live, and how the window's run becomes a Session.

data_dir(): NNVIZ_DATA_DIR if set (tests), else the platform's app-data folder (QStandardPaths).
app_settings(): QSettings, kept in an .ini file in data_dir() when NNVIZ_DATA_DIR is set, so tests
never touch the user's real settings. gather(): a Session from the newest snapshot (read-only
copies) and the cost plot's history; it never touches the worker's live trainer.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, QStandardPaths

from nnviz.data import BUILTIN, Dataset
from nnviz.data.session import Session
from nnviz.ui.run.worker import Evaluation

AUTOSAVE_NAME = "autosave.npz"
PREVIOUS_NAME = "autosave-previous.npz"
DEFAULT_AUTOSAVE_S = 30.0


def data_dir() -> Path:
    """The folder for autosaves (created on demand)."""
    env = os.environ.get("NNVIZ_DATA_DIR")
    where = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    folder = Path(env) if env else Path(where)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_path() -> Path:
    return data_dir() / AUTOSAVE_NAME


def autosave_interval_ms() -> int:
    """NNVIZ_AUTOSAVE_SECONDS (default 30) in milliseconds, at least 50 ms."""
    try:
        s = float(os.environ.get("NNVIZ_AUTOSAVE_SECONDS", DEFAULT_AUTOSAVE_S))
    except ValueError:
        s = DEFAULT_AUTOSAVE_S
    if not math.isfinite(s):
        s = DEFAULT_AUTOSAVE_S
    return max(50, int(s * 1000))


def app_settings() -> QSettings:
    env = os.environ.get("NNVIZ_DATA_DIR")
    if env:
        return QSettings(str(data_dir() / "settings.ini"), QSettings.IniFormat)
    return QSettings()


def set_aside(path: Path) -> Path:
    """Rename an unreadable file to <stem>.corrupt-<timestamp>.npz; returns the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, target)
    return target


def dataset_key(ds: Dataset) -> str:
    """What the dataset chooser calls `ds`: a built-in name, or its file or folder."""
    return ds.name if ds.name in BUILTIN else ds.source


def evaluations_list(a: np.ndarray) -> list[Evaluation]:
    """(4, k) array -> Evaluations (NaN -> None)."""

    def v(x: float) -> float | None:
        return None if math.isnan(x) else float(x)

    return [Evaluation(int(c[0]), v(c[1]), v(c[2]), v(c[3])) for c in np.asarray(a).T]


class History:
    """Every iteration's train cost and every evaluation of the current run, as the controller
    announces them (costsAppended, evaluated; runReset clears). Grows by doubling."""

    def __init__(self, controller) -> None:
        self._costs = np.zeros(1024)
        self._n = 0
        self._evals: list[Evaluation] = []
        controller.costsAppended.connect(self.append)
        controller.evaluated.connect(self.add_eval)
        controller.runReset.connect(lambda *_: self.clear())
        controller.runBranched.connect(self.truncate)
        if controller.evaluation is not None:  # made after the run's first evaluation came
            self.add_eval(controller.evaluation)

    def clear(self) -> None:
        self._n = 0
        self._evals = []

    def truncate(self, iteration: int) -> None:
        """The run went back to `iteration` (Continue from here): forget what came after."""
        self._n = min(self._n, int(iteration))
        self._evals = [e for e in self._evals if e.iteration <= iteration]

    def append(self, iterations: np.ndarray, costs: np.ndarray) -> None:
        its = np.asarray(iterations, dtype=np.int64).reshape(-1)
        if its.size == 0 or its[0] != self._n:  # the worker numbers costs 0, 1, 2, ...
            return
        need = self._n + its.size
        if need > self._costs.size:
            grown = np.zeros(max(need, 2 * self._costs.size))
            grown[: self._n] = self._costs[: self._n]
            self._costs = grown
        self._costs[self._n : need] = np.asarray(costs, dtype=np.float64).reshape(-1)
        self._n = need

    def add_eval(self, ev: Evaluation) -> None:
        if not self._evals or ev.iteration > self._evals[-1].iteration:
            self._evals.append(ev)

    def costs(self, upto: int) -> np.ndarray:
        """(n,) costs of iterations 0..min(n, upto)-1, a copy."""
        return self._costs[: min(self._n, upto)].copy()

    def evaluations(self, upto: int) -> np.ndarray:
        """(4, k): rows iteration, test cost, train accuracy, test accuracy (NaN when none)."""

        def f(v: float | None) -> float:
            return math.nan if v is None else float(v)

        rows = [
            (e.iteration, f(e.test_cost), f(e.train_accuracy), f(e.test_accuracy))
            for e in self._evals
            if e.iteration <= upto
        ]
        return np.asarray(rows, dtype=np.float64).reshape(-1, 4).T.copy()


def gather(controller, history: History) -> Session | None:
    """The current run as a Session, or None before the first iteration (nothing to keep).

    Parameters and iteration come from controller.snapshot (read-only copies); the history is
    cut at the snapshot's iteration."""
    snap = controller.snapshot
    if snap is None or snap.iteration <= 0:
        return None
    ds: Dataset = controller.dataset
    return Session(
        dataset=dataset_key(ds),
        positive=ds.class_names[1],
        class_names=ds.class_names,
        image_shape=ds.image_shape,
        config=controller.config,  # its lr is the rate in force (apply_config keeps it)
        iteration=int(snap.iteration),
        costs=history.costs(snap.iteration),
        evaluations=history.evaluations(snap.iteration),
        W=list(snap.W),
        b=list(snap.b),
    )

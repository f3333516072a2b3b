"""Where sessions and settings live, and how the window's run becomes a Session.

data_dir(): NNVIZ_DATA_DIR if set (tests), else the platform's app-data folder (QStandardPaths).
app_settings(): QSettings, kept in an .ini file in data_dir() when NNVIZ_DATA_DIR is set, so tests
never touch the user's real settings. gather(): a Session from the run record (its newest
snapshot's read-only copies and its history); it never touches the worker's live trainer.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, QStandardPaths

from nnviz.data import Dataset
from nnviz.data.session import Session
from nnviz.engine.evaluation import Evaluation
from nnviz.run.examples import dataset_key
from nnviz.run.history import EvaluationHistory

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


def evaluations_list(a: np.ndarray) -> list[Evaluation]:
    """(4, k) array -> Evaluations (NaN -> None)."""
    return EvaluationHistory.from_array(a)


def gather(controller) -> Session | None:
    """The run as a Session, or None before the first iteration (nothing to keep).

    Parameters and iteration are the record's newest snapshot (read-only copies); the history is
    the record's, cut at that iteration."""
    record = controller.record
    snap = record.live
    if snap is None or snap.iteration <= 0:
        return None
    ds: Dataset = controller.dataset
    its, J = record.costs.arrays(snap.iteration - 1)  # J(0) … J(n-1), as the trainer keeps
    if len(its) and not np.array_equal(its, np.arange(len(its))):  # thinned: J by iteration
        full = np.full(int(its[-1]) + 1, np.nan)
        full[its] = J
        J = full
    return Session(
        dataset=dataset_key(ds),
        positive=ds.class_names[1],
        class_names=ds.class_names,
        image_shape=ds.image_shape,
        config=record.config,  # its lr is the rate in force (apply_config keeps it)
        iteration=int(snap.iteration),
        costs=J,
        evaluations=record.evaluations.array(snap.iteration),
        W=list(snap.W),
        b=list(snap.b),
    )

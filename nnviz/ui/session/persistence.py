"""What the window remembers between launches (QSettings): recent files, geometry, last settings."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray

from nnviz.data.session import config_from_dict, config_to_dict
from nnviz.engine.trainer import TrainConfig
from nnviz.run.settings import MAX_HIDDEN_LAYERS, MAX_UNITS
from nnviz.ui.session.store import app_settings

MAX_RECENT = 8
RECENT_KEY = "recent/files"
GEOMETRY_KEY = "window/geometry"
SETTINGS_KEY = "training/last_settings"
FOLDER_KEY = "dialogs/last_folder"


def recent_files() -> list[str]:
    """Most recent first; only files that still exist."""
    value = app_settings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [p for p in value if isinstance(p, str) and os.path.isfile(p)][:MAX_RECENT]


def add_recent(path: str | os.PathLike) -> list[str]:
    p = os.path.abspath(os.fspath(path))
    files = [p] + [f for f in recent_files() if f != p]
    app_settings().setValue(RECENT_KEY, files[:MAX_RECENT])
    return files[:MAX_RECENT]


def save_geometry(window) -> None:
    app_settings().setValue(GEOMETRY_KEY, window.saveGeometry())


def restore_geometry(window) -> bool:
    value = app_settings().value(GEOMETRY_KEY)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return bool(window.restoreGeometry(value))
    return False


def save_last_settings(cfg: TrainConfig) -> None:
    app_settings().setValue(SETTINGS_KEY, json.dumps(config_to_dict(cfg)))


def last_settings() -> TrainConfig | None:
    """The settings in force when the window last closed; None when absent or unusable."""
    text = app_settings().value(SETTINGS_KEY)
    if not isinstance(text, str):
        return None
    try:
        cfg = config_from_dict(json.loads(text))
    except (ValueError, json.JSONDecodeError):
        return None
    layers = cfg.hidden_layers
    if len(layers) > MAX_HIDDEN_LAYERS or any(n > MAX_UNITS for n in layers):
        return None
    return cfg


def last_folder() -> str:
    """Where the last file dialog went (a file's folder, or a chosen folder); "" at first, when
    Qt's dialogs start in the user's home or documents."""
    value = app_settings().value(FOLDER_KEY, "")
    return value if isinstance(value, str) and os.path.isdir(value) else ""


def remember_folder(path: str | os.PathLike) -> None:
    """The next dialog starts where `path` (a file or folder the user chose) is."""
    p = os.fspath(path)
    app_settings().setValue(FOLDER_KEY, p if os.path.isdir(p) else os.path.dirname(p))

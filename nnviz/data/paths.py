"""Where nnviz keeps its files: the one place that names the app's data folder (no Qt here).

data_dir(): $NNVIZ_DATA_DIR when set (the tests set it), else the platform's per-user data folder:
%APPDATA%/nnviz on Windows, ~/Library/Application Support/nnviz on macOS, else
$XDG_DATA_HOME/nnviz or ~/.local/share/nnviz. downloads_dir(): data_dir()/datasets, where
downloaded datasets are cached. Folders are created on demand by whoever writes into them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "nnviz"


def data_dir() -> Path:
    """The app's data folder (not created here)."""
    env = os.environ.get("NNVIZ_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP


def downloads_dir() -> Path:
    """Where downloaded datasets are cached: data_dir()/datasets."""
    return data_dir() / "datasets"

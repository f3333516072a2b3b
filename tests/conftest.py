"""Shared test setup: Qt runs offscreen; the course's data is found when it is beside us."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NNVIZ_DATA_DIR", str(Path(__file__).parent / ".nnviz-test-data"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "catvnoncat"


@pytest.fixture(scope="session")
def catvnoncat() -> Path:
    """The course's cat / non-cat folder; tests that need it skip cleanly without it."""
    if not (SHARED / "train_catvnoncat.h5").is_file():
        pytest.skip("the course's catvnoncat data is not beside the project (../shared/data)")
    return SHARED

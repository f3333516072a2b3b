"""Shared test setup: Qt runs offscreen; the course's data is found when it is beside us."""

from __future__ import annotations

import os
import threading
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


@pytest.fixture(autouse=True)
def nnviz_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Each test gets its own data folder (autosaves, settings): never the user's, never shared."""
    folder = tmp_path_factory.mktemp("nnviz-data")
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def make_window(qtbot):
    """Factory for main windows (the real build_window): make(spec, size). Afterwards it closes
    each one and checks that its threads (training, picture loading, scrubbing) all ended."""
    from nnviz.ui.app import build_window, make_app

    made = []

    def make(spec: str = "cats", size: tuple[int, int] = (1400, 900), launched: bool = False):
        """launched: start as a user does (app.launch: plots and features after the first
        paint, then the session), else everything built at once."""
        make_app()
        if launched:
            from nnviz.ui.app import launch

            window, controller = launch(spec, size)
            qtbot.addWidget(window)
        else:
            window, controller = build_window(spec)
            qtbot.addWidget(window)
            window.resize(*size)
            window.show()
        made.append((window, controller))
        return window, controller

    yield make
    for window, controller in made:
        window.close()
        assert controller.thread.wait(5000)
        assert controller.thread.isFinished(), "the training thread is still running"
        assert controller.worker.training_process is None, "the training process is running"
        loader = getattr(getattr(window, "predictions", None), "loader", None)
        if loader is not None:
            assert loader._thread.wait(5000) and loader._thread.isFinished()
        timeline = getattr(window, "timeline", None)
        if timeline is not None:
            assert not timeline.scrubber.running()
    # the diagnose tabs' background threads end when their window closes, not when Qt later
    # destroys it (stopping them then could crash: nnviz.ui.common.on_close)
    left = {t.name for t in threading.enumerate()} & {"nnviz-histograms", "nnviz-diagnose"}
    assert not left, f"still running after the windows closed: {sorted(left)}"


@pytest.fixture
def session_window(make_window):
    """make_window at 1200x800 (the session tests check the saved geometry)."""
    return lambda spec="cats": make_window(spec, (1200, 800))

"""A real drag and drop from another program (XDND under Xvfb): the app takes it and predicts.

Starts its own Xvfb, runs `python main.py` on it (QT_QPA_PLATFORM=xcb, NNVIZ_LOG_PREDICTIONS=1)
and drops a PNG with ../shared/tools/xdnd_drop.py, which moves the real pointer with xdotool.
Skips when Xvfb, xdotool or the drop tool is missing.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[3]
TOOL = ROOT.parent / "shared" / "tools" / "xdnd_drop.py"

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool") and TOOL.is_file()),
    reason="needs Xvfb, xdotool and ../shared/tools/xdnd_drop.py",
)


def read_line(proc: subprocess.Popen, prefix: str, seconds: float) -> str | None:
    """The first line of proc's stdout starting with `prefix`, within `seconds` (else None)."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            return None
        line = proc.stdout.readline()
        if not line:
            return None
        if line.startswith(prefix):
            return line.strip()
    return None


@pytest.fixture
def xvfb():
    """DISPLAY of a fresh Xvfb (it chooses a free display number itself)."""
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 10)
        number = proc.stdout.readline().strip() if ready else ""
        if not number.isdigit():
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_file_dragged_from_another_program_is_predicted(xvfb, tmp_path):
    picture = tmp_path / "dropped-cat.png"
    Image.new("RGB", (64, 64), (200, 120, 40)).save(picture)
    env = dict(
        os.environ,
        DISPLAY=xvfb,
        QT_QPA_PLATFORM="xcb",
        NNVIZ_LOG_PREDICTIONS="1",
        NNVIZ_DATA_DIR=str(tmp_path / "data"),
        PYTHONUNBUFFERED="1",
    )
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--size", "1200x800"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        drop = subprocess.run(
            [sys.executable, str(TOOL), str(picture), "--window", "^nnviz — watch"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "RESULT CopyAction" in drop.stdout, drop.stdout + drop.stderr
        line = read_line(app, "nnviz: predicted dropped-cat.png:", 20)
        assert line is not None, "the app printed no prediction for the dropped file"
        assert "iteration 0" in line  # nothing trained yet
    finally:
        app.terminate()
        app.wait(10)

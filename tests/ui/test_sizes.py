"""The window at every screen size a class uses: the size asked for is the size given, every
shown view lies wholly inside the window, and no canvas or sigmoid plot text overlaps or is
clipped; at 150 % and 200 % scaling the screenshot has the device pixels of that size."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication

SIZES = [(1024, 700), (1024, 768), (1280, 720), (1280, 800), (1366, 768), (1600, 900),
         (1920, 1080), (2560, 1440)]  # fmt: skip


def test_every_size_fits_and_nothing_is_cut_off_or_overlapping(qtbot, make_window, tmp_path):
    w, c = make_window(size=SIZES[0])
    c.play(until=30)
    qtbot.waitUntil(lambda: c.record.iteration == 30 and not c.is_playing, timeout=60_000)
    for size in SIZES:
        w.resize(*size)
        QApplication.processEvents()
        assert (w.width(), w.height()) == size, f"asked for {size}, got {w.size().toTuple()}"
        state = w.dump_state(tmp_path / "s.json")
        for name, view in state.items():
            assert isinstance(view["shown"], bool) and isinstance(view["fully_visible"], bool)
            if view["shown"]:
                assert view["fully_visible"], f"{name} is cut off at {size}"
        assert state["canvas"]["overlapping_texts"] == [], size
        assert state["sigmoid_plot"]["overlapping_texts"] == [], size  # readout, switch, ŷ
        for name in ("toolbar", "canvas", "cost_plot", "timeline", "example_bar"):
            assert state[name]["shown"], f"{name} is not shown at {size}"


@pytest.mark.parametrize(("size", "scale"), [((1280, 800), 2), ((1024, 768), 1.5)])
def test_scaled_screenshots_have_the_device_pixels(tmp_path, size, scale):
    shot, dump = tmp_path / "s.png", tmp_path / "s.json"
    env = {**os.environ, "QT_SCALE_FACTOR": str(scale), "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "nnviz", "--size", "{}x{}".format(*size), "--train", "3"]
    cmd += ["--screenshot", str(shot), "--dump-state", str(dump)]
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    from PIL import Image

    assert Image.open(shot).size == (round(size[0] * scale), round(size[1] * scale))
    state = json.loads(dump.read_text())
    assert all(v["fully_visible"] for v in state.values() if v["shown"])
    assert state["canvas"]["overlapping_texts"] == []

"""Faults in the window: divergence, an exception in the worker, and quitting mid-way through a
folder load, a training step or an autosave; the window always lives or closes cleanly."""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image

from nnviz.data.session import load_session
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.ui.session import autosave as autosave_module
from nnviz.ui.session.store import autosave_path


def test_divergence_stops_with_the_iteration_and_keeps_finite_parameters(qtbot, session_window):
    w, c = session_window()
    # ReLU nets die rather than diverge; leaky ReLU with a huge rate reaches NaN in 3 steps
    c.apply_config(TrainConfig(hidden_layers=(20, 7, 5), activation="leaky_relu", lr=1000.0))
    with qtbot.waitSignal(c.problem, timeout=60_000) as blocker:
        c.play()
    message = blocker.args[0]
    assert "iteration" in message and "smaller rate" in message
    qtbot.waitUntil(lambda: not c.is_playing, timeout=30_000)
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    assert f"iteration {c.snapshot.iteration}" in message  # the kept iteration is named
    assert all(np.all(np.isfinite(W)) for W in c.snapshot.W[1:])
    assert w.banner.isVisible() and message in w.banner.text.text()
    c.apply_config(c.config.with_(lr=0.001))  # the window lives: a smaller rate trains on
    at = c.snapshot.iteration
    c.step()
    qtbot.waitUntil(lambda: c.snapshot.iteration == at + 1, timeout=30_000)


def test_an_exception_in_the_worker_reaches_the_user(qtbot, session_window, monkeypatch):
    _w, c = session_window()

    def broken(self):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(Trainer, "step", broken)
    with qtbot.waitSignal(c.problem, timeout=30_000) as blocker:
        c.play()
    assert "RuntimeError" in blocker.args[0] and "injected fault" in blocker.args[0]
    qtbot.waitUntil(lambda: not c.is_playing, timeout=30_000)
    assert c.thread.isRunning()  # the worker survives and waits for the next command
    monkeypatch.undo()
    c.step()
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 1, timeout=30_000)


def test_quit_during_a_folder_load(qtbot, session_window, tmp_path):
    rng = np.random.default_rng(0)
    for cls in ("cat", "dog"):
        (tmp_path / cls).mkdir()
        for i in range(40):
            pixels = rng.integers(0, 255, (48, 48, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(tmp_path / cls / f"{i}.png")
    w, c = session_window()
    c.load(str(tmp_path), background=True)
    assert c.loading._task is not None and c.loading._task.running()
    w.close()  # cancels and waits for the loader; the fixture checks the training thread
    assert not c.loading._task.running()


def test_quit_during_training(qtbot, session_window):
    w, c = session_window()
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=bool):
        c.play()
    w.close()
    assert c.thread.wait(10_000)


def test_quit_during_an_autosave_keeps_a_whole_file(qtbot, session_window, monkeypatch):
    w, c = session_window()
    c.apply_config(TrainConfig(hidden_layers=(3,)))
    w.session.autosaver.enable(True)
    c.step()
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 1, timeout=30_000)
    started, release = threading.Event(), threading.Event()
    real = autosave_module.save_session

    def slow_save(path, session):
        started.set()
        release.wait(10)  # the writer is mid-save when the window closes
        real(path, session)

    monkeypatch.setattr(autosave_module, "save_session", slow_save)
    assert w.session.autosaver.save_now()
    assert started.wait(10)
    c.step()
    qtbot.waitUntil(lambda: c.snapshot.iteration == 2, timeout=30_000)
    threading.Timer(0.05, release.set).start()  # lets the close's wait for the writer end
    w.close()
    assert not w.session.autosaver.busy()
    assert load_session(autosave_path()).iteration == 2  # the final state, written after
    assert [p.name for p in autosave_path().parent.glob(".autosave*")] == []

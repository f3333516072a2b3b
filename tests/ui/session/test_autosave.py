"""Sessions in the window: save/open, autosave and the restore offer, corrupt autosaves, model
files that do not fit, a vanished dataset, persistence, and kill -9 of a training process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnviz.data import load_dataset
from nnviz.data.modelfile import ModelMeta, load_model, save_model
from nnviz.data.session import load_session, save_session
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.ui.session import persistence
from nnviz.ui.session.store import PREVIOUS_NAME, autosave_path, gather

SMALL = TrainConfig(hidden_layers=(4, 3), lr=0.01)


def train_to(qtbot, c, n: int) -> None:
    with qtbot.waitSignal(
        c.snapshotChanged, timeout=60_000, check_params_cb=lambda s: s.iteration >= n
    ):
        c.play(until=n)
    qtbot.waitUntil(lambda: not c.is_playing, timeout=30_000)


def wait_restored(qtbot, c, iteration: int) -> None:
    qtbot.waitUntil(
        lambda: c.snapshot is not None and c.snapshot.iteration == iteration, timeout=30_000
    )


def same_params(snap, W, b) -> None:
    for l in range(1, len(snap.layer_dims)):
        np.testing.assert_array_equal(snap.W[l], W[l])
        np.testing.assert_array_equal(snap.b[l], b[l])


def test_save_and_open_session_round_trip(qtbot, session_window, tmp_path):
    w1, c1 = session_window()
    c1.apply_config(SMALL)
    train_to(qtbot, c1, 8)
    c1.apply_config(SMALL.with_(lr=0.02))
    path = tmp_path / "run.npz"
    assert w1.session.save_session(path)
    saved = load_session(path)
    assert saved.iteration == 8 and len(saved.costs) == 8 and saved.config.lr == 0.02

    w2, c2 = session_window()
    assert w2.session.open_session(path)
    wait_restored(qtbot, c2, 8)
    assert c2.config == saved.config
    assert w2.controls.config() == saved.config  # the settings panel shows it
    same_params(c2.snapshot, saved.W, saved.b)
    qtbot.waitUntil(lambda: len(w2.record.costs.arrays(7)[1]) == 8)  # J(0) … J(7)
    np.testing.assert_array_equal(w2.record.costs.arrays(7)[1], saved.costs)
    assert persistence.recent_files()[0] == str(path)
    train_to(qtbot, c2, 10)  # and training continues from there
    assert gather(c2).costs.shape == (10,)


def test_autosave_on_pause_then_restore_offer(qtbot, session_window):
    w1, c1 = session_window()
    w1.session.autosaver.enable(True)
    c1.apply_config(SMALL)
    with qtbot.waitSignal(w1.session.autosaver.saved, timeout=60_000) as blocker:
        train_to(qtbot, c1, 5)  # the pause at the target autosaves
    assert blocker.args == [str(autosave_path()), 5]
    file = load_session(autosave_path())

    w2, c2 = session_window()
    offered = w2.session.offer_restore()
    assert offered is not None and w2.session.bar.isVisible()
    assert "iteration 5" in w2.session.bar.text.text()
    w2.session.bar.restore.click()
    wait_restored(qtbot, c2, 5)
    assert not w2.session.bar.isVisible()
    assert c2.config.hidden_layers == (4, 3)
    same_params(c2.snapshot, file.W, file.b)


def test_autosave_repeats_while_training_and_on_close(qtbot, session_window, monkeypatch):
    monkeypatch.setenv("NNVIZ_AUTOSAVE_SECONDS", "0.05")
    w, c = session_window()
    c.apply_config(SMALL)
    w.session.autosaver.enable(True)
    c.set_speed(200.0)
    c.play()
    seen: list[int] = []
    w.session.autosaver.saved.connect(lambda path, it: seen.append(it))
    qtbot.waitUntil(lambda: len(seen) >= 2 and seen[-1] > seen[0], timeout=60_000)
    assert not c.progressed() or c.is_playing  # saved while still training
    c.pause()
    qtbot.waitUntil(lambda: not c.is_playing)
    w.close()  # waits for a running write, then writes the final state
    assert load_session(autosave_path()).iteration == c.snapshot.iteration


def autosaved_run(qtbot, session_window, iterations: int):
    """A window with autosave on, trained `iterations` and autosaved: (window, controller)."""
    w, c = session_window()
    w.session.autosaver.enable(True)
    with qtbot.waitSignal(w.session.autosaver.saved, timeout=60_000):
        train_to(qtbot, c, iterations)
    return w, c


def test_an_untrained_run_never_overwrites_the_autosave(qtbot, session_window):
    autosaved_run(qtbot, session_window, 3)
    w2, _ = session_window()
    w2.session.autosaver.enable(True)
    w2.close()
    assert load_session(autosave_path()).iteration == 3


def test_a_corrupt_autosave_is_set_aside_with_a_message(qtbot, session_window):
    autosave_path().write_bytes(b"PK\x03\x04 not really a zip")
    w, c = session_window()
    with qtbot.waitSignal(c.problem) as blocker:
        assert w.session.offer_restore() is None
    assert "set aside" in blocker.args[0]
    assert not autosave_path().exists() and not w.session.bar.isVisible()
    aside = list(autosave_path().parent.glob("autosave.corrupt-*.npz"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"PK")


def test_discard_keeps_the_old_autosave_one_step_back(qtbot, session_window):
    autosaved_run(qtbot, session_window, 4)
    w2, c2 = session_window()
    w2.session.offer_restore()
    w2.session.bar.discard.click()
    assert not autosave_path().exists()
    assert load_session(autosave_path().with_name(PREVIOUS_NAME)).iteration == 4
    assert c2.snapshot is None or c2.snapshot.iteration == 0


def small_model(tmp_path: Path, n_x: int = 12288, classes=("non-cat", "cat"), hidden=(3,)):
    dims = (n_x, *hidden, 1)
    X = np.random.default_rng(0).random((n_x, 4), dtype=np.float32)
    t = Trainer(TrainConfig(hidden_layers=hidden), X, np.array([[0, 1, 0, 1]], np.float32))
    t.run(2)
    path = tmp_path / "model.npz"
    meta = ModelMeta(layer_dims=dims, class_names=classes, iterations=2)
    save_model(path, t.W, t.b, meta)
    return path


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [({"n_x": 10}, "takes 10 inputs"), ({"classes": ("dog", "car")}, "classes are dog / car")],
)
def test_a_model_that_does_not_fit_changes_nothing(qtbot, session_window, tmp_path, kwargs, reason):
    w, c = session_window()
    c.apply_config(SMALL)
    train_to(qtbot, c, 5)
    before, shown = c.snapshot, w.controls.config()
    path = small_model(tmp_path, **kwargs)
    with qtbot.waitSignal(c.problem) as blocker:
        assert not w.session.open_model(path)
    assert reason in blocker.args[0] and "Nothing was changed" in blocker.args[0]
    assert c.snapshot is before and c.config == SMALL and w.controls.config() == shown


def test_a_fitting_model_becomes_the_run(qtbot, session_window, tmp_path):
    w, c = session_window()
    path = small_model(tmp_path, hidden=(6,))
    meta0, W, b = load_model(path)
    assert w.session.open_model(path)
    k = meta0.iterations  # a trained model keeps its iteration: it is not "untrained"
    wait_restored(qtbot, c, k)
    assert c.config.hidden_layers == (6,) and w.controls.config().hidden_layers == (6,)
    same_params(c.snapshot, W, b)
    out = Path(path).with_name("again.npz")
    train_to(qtbot, c, k + 2)
    assert w.session.save_model(out)
    meta, W2, _ = load_model(out)
    assert meta.layer_dims == (12288, 6, 1) and meta.iterations == k + 2
    same_params(c.snapshot, W2, [np.zeros(0), *list(c.snapshot.b[1:])])


def test_a_session_whose_dataset_is_gone_keeps_the_model(qtbot, session_window, tmp_path):
    _w1, c1 = session_window()
    c1.apply_config(SMALL)
    train_to(qtbot, c1, 6)
    s = gather(c1)
    from dataclasses import replace

    path = tmp_path / "gone.npz"
    save_session(path, replace(s, dataset=str(tmp_path / "vanished.h5")))
    w2, c2 = session_window()
    with qtbot.waitSignal(c2.problem) as blocker:
        assert w2.session.open_session(path)
    assert "gone" in blocker.args[0] and "kept" in blocker.args[0]
    wait_restored(qtbot, c2, 6)
    same_params(c2.snapshot, s.W, s.b)


def test_geometry_and_last_settings_persist(qtbot, session_window):
    w1, c1 = session_window()
    w1.session.start(offer_restore=False)
    w1.resize(1300, 720)
    size = (w1.width(), w1.height())
    assert size != (1200, 800)
    c1.apply_config(SMALL.with_(lr=0.03))
    w1.close()
    w2, c2 = session_window()
    w2.session.start(offer_restore=False)
    assert c2.config == SMALL.with_(lr=0.03) and w2.controls.config() == c2.config
    assert w2.height() == size[1]  # (the offscreen screen may clamp the width)


KILL_SCRIPT = """
import sys
from nnviz.cli import main
sys.exit(main(["--train", "1000000"]))
"""


def test_kill_9_while_training_then_restore(qtbot, session_window, nnviz_data_dir):
    env = dict(os.environ, NNVIZ_AUTOSAVE_SECONDS="0.2", QT_QPA_PLATFORM="offscreen")
    env["NNVIZ_DATA_DIR"] = str(nnviz_data_dir)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT], env=env, stderr=subprocess.PIPE, text=True
    )
    path = autosave_path()
    try:
        for _ in range(600):  # bounded: up to about 60 s for start-up and a first autosave
            if path.is_file():
                break
            try:
                proc.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the window exited early: {proc.stderr.read()[-2000:]}")
        assert path.is_file(), "no autosave appeared"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    saved = load_session(path)  # atomic writes: the file is whole whenever the kill came
    assert saved.iteration > 0

    w, c = session_window()
    assert w.session.offer_restore() is not None
    w.session.bar.restore.click()
    wait_restored(qtbot, c, saved.iteration)
    same_params(c.snapshot, saved.W, saved.b)
    assert c.dataset.name == "cats" and load_dataset("cats").n_x == c.dataset.n_x


def test_opening_another_session_withdraws_the_restore_offer(qtbot, session_window, tmp_path):
    """The "Restore the session?" bar goes when the user opens another run; the autosave it
    offered is kept aside, not lost."""
    w1, c1 = session_window()
    w1.session.autosaver.enable(True)
    c1.apply_config(SMALL)
    with qtbot.waitSignal(w1.session.autosaver.saved, timeout=60_000):
        train_to(qtbot, c1, 4)
    other = tmp_path / "other.npz"
    assert w1.session.save_session(other)

    w2, c2 = session_window()
    assert w2.session.offer_restore() is not None and w2.session.bar.isVisible()
    c2.confirm_reset = lambda question: True
    assert w2.session.open_session(other)
    assert not w2.session.bar.isVisible() and not w2.session.bar.pending()
    assert (autosave_path().parent / PREVIOUS_NAME).is_file()

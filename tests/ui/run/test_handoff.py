"""The window's run handed to the training process while it plays at full speed (the real
window, offscreen): what the window shows is the run this process would have trained."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest
from ui_waits import settle

from nnviz.data.planar import load_planar
from nnviz.engine.trainer import Trainer
from nnviz.run.loop import Loop


def reference(c, n: int) -> Trainer:
    """The window's run trained here, n iterations."""
    X, Y, _, _ = c.dataset.as_dtype(c.config.dtype)
    t = Trainer(c.config, X, Y)
    Loop(t).run(n)
    return t


def test_a_run_played_in_the_training_process_is_the_run_trained_here(qtbot, make_window):
    window, c = make_window()
    c.worker.handoff_s = 0.0  # hand off at once
    costs = []
    c.costsAppended.connect(lambda it, cs: costs.extend(cs))
    c.play()
    qtbot.waitUntil(lambda: c.record.iteration >= 400, timeout=60_000)
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=lambda p: not p):
        c.pause()
    process = c.worker.training_process
    assert process is not None and process.pid is not None  # it trained there
    tl = window.timeline.timeline
    n = tl.last  # where the process stopped: the window's thread has its state by now
    settle(qtbot, c, n)
    assert len(costs) == n, "every iteration's cost reaches the window, once"
    ref = reference(c, n)
    np.testing.assert_array_equal(costs, np.asarray(ref.costs))
    assert c.snapshot.cost == pytest.approx(ref.cost_now(), rel=1e-12)  # over X, not dual
    for shown, here in zip(c.snapshot.W, ref.W, strict=True):
        np.testing.assert_array_equal(shown, here)
    assert len(tl.checkpoints()) > 20
    k = n // 2 + 3  # a past iteration, replayed from a state the process sent
    np.testing.assert_array_equal(tl.snapshot_at(k).W[1], reference(c, k).W[1])
    c.step()  # the window's thread goes on from the process's state
    settle(qtbot, c, n + 1)
    Loop(ref).run(1)
    its, cs = c.record.costs.arrays()
    assert its[-2] == n and cs[-2] == ref.costs[n]  # J(n) of the step taken here


def test_a_rate_changed_while_the_process_trains_applies_from_the_next_iteration(
    qtbot, make_window
):
    window, c = make_window()
    c.worker.handoff_s = 0.0
    c.play(until=3000)
    qtbot.waitUntil(lambda: c.record.iteration >= 100, timeout=60_000)
    cfg = c.config
    c.apply_config(cfg.with_(lr=0.01))  # a change while playing: the process stops, goes on
    settle(qtbot, c, 3000)
    assert len(c.record.costs) == 3001  # J(0) … J(3000), the last the shown network's
    ref = Trainer(cfg, *c.dataset.as_dtype(cfg.dtype)[:2])
    tl = window.timeline.timeline
    lr_from = next(i for i in range(3000) if tl.lr_at(i) == 0.01)
    loop = Loop(ref)
    loop.run(lr_from)
    ref.lr = 0.01
    loop.run(3000 - lr_from)
    np.testing.assert_array_equal(c.record.costs.arrays()[1][:-1], np.asarray(ref.costs))
    assert c.record.costs.arrays()[1][-1] == pytest.approx(ref.cost_now(), rel=1e-12)


def test_a_divergence_in_the_training_process_is_reported_and_the_run_kept(qtbot, make_window):
    window, c = make_window()
    c.worker.handoff_s = 0.0
    # leaky ReLU with a huge rate reaches NaN in 3 steps (see tests/ui/test_faults.py)
    c.apply_config(c.config.with_(activation="leaky_relu", lr=1000.0))
    with qtbot.waitSignal(c.problem, timeout=60_000) as said:
        c.play()
    assert "the learning rate 1000 is too large" in said.args[0]
    qtbot.waitUntil(lambda: not c.is_playing, timeout=30_000)
    n = window.timeline.timeline.last  # the last finite iteration, kept
    settle(qtbot, c, n)
    assert n > 0 and np.isfinite(c.record.costs.arrays()[1]).all()
    assert c.worker.training_process is not None


def test_if_the_training_process_dies_the_run_goes_on_in_the_window(qtbot, make_window):
    window, c = make_window()
    c.worker.handoff_s = 0.0
    c.play()
    qtbot.waitUntil(lambda: c.worker.training_process is not None, timeout=30_000)
    process = c.worker.training_process
    qtbot.waitUntil(lambda: c.record.iteration >= 200, timeout=60_000)
    os.kill(process.pid, signal.SIGKILL)  # as if it crashed
    qtbot.waitUntil(lambda: c.worker.training_process is None, timeout=30_000)
    at = c.record.iteration
    qtbot.waitUntil(lambda: c.record.iteration >= at + 100, timeout=60_000)  # trained here
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=lambda p: not p):
        c.pause()
    n = window.timeline.timeline.last
    settle(qtbot, c, n)
    np.testing.assert_array_equal(
        c.record.costs.arrays()[1][:-1], np.asarray(reference(c, n).costs)
    )


def test_a_large_x_in_primal_form_stays_in_the_window(qtbot, make_window, monkeypatch):
    from nnviz.ui.run import handoff

    monkeypatch.setattr(handoff, "COPY_BYTES", 0)  # every X counts as large
    _, c = make_window()
    c.worker.handoff_s = 0.0
    c.set_dataset(load_planar("spiral"), ask=False)  # 2-D data: the primal form
    c.play(until=300)
    settle(qtbot, c, 300)
    assert c.worker.training_process is None  # never started
    monkeypatch.setattr(handoff, "COPY_BYTES", 64 << 20)
    c.play(until=3000)
    settle(qtbot, c, 3000)
    assert c.worker.training_process is not None  # a small X is sent

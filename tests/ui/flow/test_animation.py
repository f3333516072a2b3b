"""The animated flow: timeline and pulse math (no Qt), the overlay's timer running only while it
animates, the Animate toggle, and "1 iteration per animation cycle" making training wait."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot

from nnviz.engine.trainer import Phase, TrainConfig, Trainer, phases
from nnviz.ui.app import make_app
from nnviz.ui.canvas.scene import build_scene
from nnviz.ui.flow.animation import (
    CYCLE,
    Playhead,
    Timeline,
    comets,
    forward_strength,
    groups,
    levels,
    phase_caption,
)


def test_timeline_plays_the_engines_phases_in_order():
    tl = Timeline.for_layers(4)
    assert list(tl.stages) == phases(4)
    assert tl.at(0.0) == (0, 0.0)
    i, f = tl.at(tl.starts[5] + 0.5 * (tl.starts[6] - tl.starts[5]))
    assert tl.stages[i] == Phase("backward", 4) and f == pytest.approx(0.5)
    assert tl.at(tl.duration + 9) == (len(tl.stages) - 1, 1.0)
    assert phase_caption(Phase("backward", 2), 4) == ("backward through layer 2", 8, 10)


def test_playhead_once_holds_its_stage_and_loop_counts_cycles():
    tl, ph = Timeline.for_layers(2), Playhead()
    ph.play(tl, now=10.0, loop=False, first=3, last=3)  # backward through layer 2
    assert ph.position(9.0) == (Phase("backward", 2), pytest.approx(0.0))
    end = 10.0 + tl.starts[4] - tl.starts[3]
    assert not ph.finished(end - 1e-6) and ph.finished(end + 1e-9)
    assert ph.position(end + 5) == (Phase("backward", 2), 1.0)
    ph.play(tl, now=0.0, loop=True)
    assert ph.cycles(tl.duration * 2.5) == 2 and not ph.finished(1e9)
    assert ph.position(tl.duration + 1e-9)[0] == Phase("forward", 1)


def test_pulses_travel_along_edges_forward_and_back_batched_by_strength():
    W = [np.zeros((0, 0)), np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([[1.0, 1.0]])]
    scene = build_scene((2, 2, 1), W, 600, 400)
    es = scene.edges[1]
    a0 = np.array([1.0, 1.0])
    v = forward_strength(es, a0)
    np.testing.assert_allclose(v, es.w * 1.0)
    seg = comets(es, 1.0)
    np.testing.assert_allclose(seg[:, 2:], es.p1)  # arrived: heads at the destinations
    back = comets(es, 1.0, reverse=True)
    np.testing.assert_allclose(back[:, 2:], es.p0)  # backward ends at the sources
    assert np.all(comets(es, 0.5)[:, 2] > es.p0[:, 0])  # left to right
    assert list(levels(np.array([0.0, 0.01, 0.5, -1.0]))) == [0, 0, 2, 4]
    found = groups(v)  # (negative, level, edge indices), weak first
    assert sum(len(g[2]) for g in found) == 3  # the zero weight carries nothing
    assert len(found) <= 8 and any(neg for neg, _, _ in found)
    assert all(np.all(v[idx] < 0) == neg for neg, _, idx in found)


@pytest.fixture
def window(make_window):
    return make_window("flower", (1200, 800))


def test_the_timer_runs_only_while_animating(qtbot, window):
    w, c = window
    o = w.stepping.overlay
    assert not o.animating  # idle window: no timer
    with qtbot.waitSignal(c.playingChanged, check_params_cb=lambda p: p):
        w.transport.play.trigger()
    qtbot.waitUntil(lambda: o.animating)
    w.stepping.animate.setChecked(False)  # View > Animate flow off
    assert not o.animating and not o.enabled
    w.stepping.animate.setChecked(True)
    assert o.animating
    with qtbot.waitSignal(c.playingChanged, check_params_cb=lambda p: not p):
        w.transport.play.trigger()
    assert not o.animating
    # a stepped phase plays once, then the timer stops and the phase is held
    with qtbot.waitSignal(o.finished, timeout=10_000):
        w.stepping.step_phase.trigger()
    assert not o.animating and o.held == c.snapshot.phase


def test_one_iteration_per_cycle_waits_for_the_animation(qtbot, window):
    w, c = window
    o = w.stepping.overlay
    w.transport.speed.setValue(0)
    assert c.speed == CYCLE and w.transport.speed_text.text() == "1 it / cycle"
    w.transport.play.trigger()
    worker = c.worker
    qtbot.waitUntil(lambda: worker.awaiting_cycle and o.animating, timeout=10_000)
    first = worker._trainer.iteration - 1  # shown with its J and dW, before its update
    assert c.snapshot.iteration == first  # the animation shows the newest iteration
    assert worker.awaiting_cycle and worker._trainer.iteration == first + 1  # still waiting
    with qtbot.waitSignal(c.snapshotChanged, check_params_cb=lambda s: s.iteration == first + 1):
        o.finish_now()  # the cycle ends: the trainer may run exactly one more iteration
    qtbot.waitUntil(lambda: worker.awaiting_cycle)
    assert worker._trainer.iteration == first + 2
    c.pause()
    qtbot.waitUntil(lambda: not c.is_playing)


class Inbox(QObject):
    """A receiver in the GUI thread, as the window's Controller is: the worker's signals come
    from its outbox thread and are delivered here queued (a bare lambda would be queued to the
    worker's own, busy thread)."""

    def __init__(self, fn) -> None:
        super().__init__()
        self.fn = fn

    @Slot(int, object)
    def take(self, run, snap) -> None:
        self.fn(run, snap)


def test_worker_does_not_advance_until_the_cycle_completes(qtbot):
    from nnviz.data import load_dataset
    from nnviz.ui.run.worker import TrainingWorker, start_worker

    make_app()
    X, Y, _, _ = load_dataset("flower").as_dtype("float32")
    worker = TrainingWorker(Trainer(TrainConfig(hidden_layers=(4,)), X, Y))
    got = []
    inbox = Inbox(lambda run, s: got.append(s.iteration))
    worker.snapshot.connect(inbox.take)
    thread = start_worker(worker)
    try:
        worker.set_wait_for_cycle(True)
        worker.play()
        qtbot.waitUntil(lambda: worker.awaiting_cycle)
        assert worker._trainer.iteration == 1
        for n in (2, 3):
            worker.cycle_done()
            qtbot.waitUntil(lambda n=n: worker.awaiting_cycle and worker._trainer.iteration == n)
        qtbot.waitUntil(lambda: bool(got) and got[-1] == 2)  # each shown before its update
        worker.set_wait_for_cycle(False)  # back to free running
        qtbot.waitUntil(lambda: bool(got) and got[-1] > 10)
    finally:
        worker.stop()
        thread.quit()
        assert thread.wait(5000)


def test_one_snapshot_in_flight_a_gui_that_does_not_take_them_slows_them_not_training(qtbot):
    """Snapshots are not queued up behind a busy GUI: until the last one is taken the worker
    sends none (but for a stale one now and then), and training runs on regardless."""
    from nnviz.data import load_dataset
    from nnviz.ui.run.worker import STALE_S, TrainingWorker, start_worker

    make_app()
    X, Y, _, _ = load_dataset("flower").as_dtype("float32")
    worker = TrainingWorker(Trainer(TrainConfig(hidden_layers=(4,)), X, Y))
    got = []
    inbox = Inbox(lambda run, s: got.append(s.iteration))  # never taken
    worker.snapshot.connect(inbox.take)
    thread = start_worker(worker)
    try:
        qtbot.waitUntil(lambda: len(got) == 1)  # the first, on start
        worker.play()
        qtbot.waitUntil(lambda: len(got) >= 3, timeout=10_000)
        # each later one came only after STALE_S: the flower network trains far more meanwhile
        assert min(b - a for a, b in itertools.pairwise(got)) > 20
        taken = len(got)
        keeper = Inbox(lambda run, s: worker.snapshot_taken())  # now the GUI keeps up
        worker.snapshot.connect(keeper.take)
        qtbot.waitUntil(lambda: len(got) >= taken + 10, timeout=int(STALE_S * 1000 * 4))
    finally:
        worker.stop()
        thread.quit()
        assert thread.wait(5000)

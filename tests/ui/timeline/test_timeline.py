"""The run's timeline: exact recompute of past iterations, branching, the memory budget, the bar."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from ui_waits import train_to

from nnviz.engine.timeline import Timeline
from nnviz.engine.trainer import TrainConfig, Trainer, TrainingDiverged

LR_CHANGE = (37, 0.2)  # from iteration 37 on, the rate is 0.2


def small_data(n_x: int = 12, m: int = 60, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = (X[:1] + 0.5 * X[1:2] > 0).astype(np.float64)
    return X, Y


def config(dtype: str, batch: int | None) -> TrainConfig:
    return TrainConfig(hidden_layers=(6, 3), lr=0.05, batch_size=batch, dtype=dtype, seed=4)


def train(t: Trainer, n: int, timeline: Timeline | None = None) -> None:
    """n iterations the way the worker runs them (lr change applied between iterations)."""
    for _ in range(n):
        if t.iteration == LR_CHANGE[0]:
            t.lr = LR_CHANGE[1]
        t.step()
        if timeline is not None:
            timeline.record(t)


def fresh(cfg: TrainConfig, X, Y, k: int) -> Trainer:
    t = Trainer(cfg, X, Y)
    train(t, k)
    return t


def one_checkpoint_bytes(cfg: TrainConfig, X, Y) -> int:
    return Trainer(cfg, X, Y).state().nbytes


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("batch", [None, 16])
def test_scrubbing_to_k_gives_the_parameters_of_a_fresh_run_stopped_at_k(dtype, batch):
    X, Y = small_data()
    cfg = config(dtype, batch)
    tl = Timeline(budget_bytes=10 * one_checkpoint_bytes(cfg, X, Y))  # forces thinning
    t = Trainer(cfg, X, Y)
    tl.start(t)
    train(t, 120, tl)
    assert tl.last == 120 and len(tl.checkpoints()) <= 10
    for k in (0, 1, 2, 36, 37, 38, 77, 119, 120):
        ref = fresh(cfg, X, Y, k)
        state = tl.state_at(k)
        snap = tl.snapshot_at(k)
        assert state.iteration == snap.iteration == k
        for l in range(1, ref.arch.L + 1):
            for got in (state.W[l], snap.W[l]):
                assert got.dtype == np.dtype(dtype)
                assert np.array_equal(got, ref.W[l]), f"W{l} at iteration {k}"
            assert np.array_equal(state.b[l], ref.b[l]) and np.array_equal(snap.b[l], ref.b[l])
        # J of these parameters ("Cost after iteration k"); no gradient that is not W(k)'s
        assert not any(snap.has_grad(l) for l in range(1, ref.arch.L + 1))
        assert snap.cost == pytest.approx(ref.step(), rel=1e-5 if dtype == "float32" else 1e-12)
        assert snap.lr == (LR_CHANGE[1] if k > LR_CHANGE[0] else cfg.lr)
    assert tl.lr_at(36) == cfg.lr and tl.lr_at(37) == LR_CHANGE[1]


@pytest.mark.parametrize("batch", [None, 16])
def test_continue_from_here_gives_the_costs_of_an_uninterrupted_run(batch):
    X, Y = small_data()
    cfg = config("float32", batch)
    whole = fresh(cfg, X, Y, 90)
    tl = Timeline(budget_bytes=8 * one_checkpoint_bytes(cfg, X, Y))
    t = Trainer(cfg, X, Y)
    tl.start(t)
    train(t, 70, tl)
    b = tl.branch(41)
    assert b.iteration == tl.last == 41 and max(tl.checkpoints()) <= 41
    assert b.costs == whole.costs[:41] and b.lr == LR_CHANGE[1]
    tl.start(b)  # the worker does this when it swaps the trainer in: a no-op for a branch
    train(t, 5, tl)  # the old trainer, still finishing an iteration, is ignored
    assert tl.last == 41
    train(b, 49, tl)
    assert b.costs == whole.costs
    for l in range(1, b.arch.L + 1):
        assert np.array_equal(b.W[l], whole.W[l])
        assert np.array_equal(tl.state_at(64).W[l], fresh(cfg, X, Y, 64).W[l])


def test_checkpoints_stay_within_the_budget_dense_early_and_evenly_spread():
    X, Y = small_data()
    cfg = config("float64", None)
    size = one_checkpoint_bytes(cfg, X, Y)
    tl = Timeline(budget_bytes=40 * size + size // 2, early=8, recent=16)
    t = Trainer(cfg, X, Y)
    tl.start(t)
    assert tl.capacity == 40
    for _ in range(1000):
        train(t, 1, tl)
        assert tl.nbytes <= tl.budget_bytes
    keys = tl.checkpoints()
    assert len(keys) == 40 and keys[:8] == list(range(8))  # all of the first iterations
    gaps = np.diff(keys[8:])
    assert gaps.max() <= 2 * 1000 / 40, "no stretch needs more than ~2x the even spacing"
    assert keys[-1] >= 1000 - 1000 // 40
    assert tl.nbytes == sum(tl.state_at(k).nbytes for k in keys[:1]) * len(keys)
    with pytest.raises(ValueError, match="iteration 1001 is not in the timeline"):
        tl.snapshot_at(1001)
    with pytest.raises(ValueError, match="budget"):
        Timeline(budget_bytes=0)


def test_a_diverged_mini_batch_run_stays_reproducible():
    X, Y = small_data()
    cfg = TrainConfig(hidden_layers=(5,), activation="linear", lr=1e-4, batch_size=16)
    tl = Timeline()
    t = Trainer(cfg.with_(dtype="float64"), X * 50, Y)
    tl.start(t)
    train(t, 20, tl)
    t.lr = 10.0

    def train_until_it_diverges() -> None:
        for _ in range(10_000):
            t.step()
            tl.record(t)

    with pytest.raises(TrainingDiverged):
        train_until_it_diverges()
    tl.recover(t)  # the worker calls this when it reports the divergence
    assert tl.last == t.iteration > 20
    t.lr = 1e-4
    for _ in range(10):
        t.step()
        tl.record(t)
    state = tl.state_at(t.iteration)
    assert all(np.array_equal(a, w) for a, w in zip(state.W[1:], t.W[1:], strict=True))


def test_a_half_done_iteration_is_recorded_once_it_finishes():
    X, Y = small_data()
    cfg = config("float32", 16)
    tl = Timeline()
    t = Trainer(cfg, X, Y)
    tl.start(t)
    train(t, 3, tl)
    t.step_phase()
    tl.record(t)  # the worker records after every phase step too
    assert tl.last == 3
    t.step()
    tl.record(t)
    assert tl.last == 4
    assert np.array_equal(tl.state_at(4).W[2], fresh(cfg, X, Y, 4).W[2])


# ----- the bar in the window (pytest-qt) -----
@pytest.fixture
def window(qtbot):
    from nnviz.ui.app import build_window, make_app

    make_app()
    win, c = build_window("flower")  # small and fast; the bar is the same
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win, c
    win.close()
    assert c.thread.wait(5000) and not win.timeline.scrubber.running()


def test_the_bar_follows_training_and_scrubbing_shows_the_past_everywhere(qtbot, window):
    win, c = window
    feature, bar = win.timeline, win.timeline.bar
    train_to(qtbot, c, 24)
    qtbot.waitUntil(lambda: bar.slider.value() == bar.slider.maximum() == 24, timeout=30_000)
    assert "iteration 24 of 24" in bar.label.text() and not bar.continue_button.isEnabled()
    live = c.snapshot
    feature.show_iteration(9)
    qtbot.waitUntil(lambda: c.viewing_past and c.snapshot.iteration == 9, timeout=30_000)
    X, Y, _, _ = c.dataset.as_dtype(c.config.dtype)
    ref = Trainer(c.config, X, Y)
    ref.run(9)
    assert all(np.array_equal(a, w) for a, w in zip(c.snapshot.W, ref.W, strict=True))
    assert win.cost_plot.marker() == 9 and bar.continue_button.isEnabled()
    assert "iteration <b>9</b>" in win.transport.counter.text()
    assert "iteration 9 of 24" in bar.label.text()
    assert win.canvas._snap is c.snapshot  # the canvas draws the past weights
    c.worker.snapshot.emit(c._run, live)  # a late live snapshot must not yank the view back
    QApplication.processEvents()
    assert c.snapshot.iteration == 9 and win.canvas._snap.iteration == 9
    feature.show_iteration(24)  # back to the end: live again
    assert not c.viewing_past and c.snapshot is live and win.cost_plot.marker() is None


def test_a_past_iteration_that_cannot_be_recomputed_is_one_plain_message(
    qtbot, window, monkeypatch
):
    win, c = window
    feature = win.timeline
    train_to(qtbot, c, 12)
    qtbot.waitUntil(lambda: feature.bar.slider.maximum() == 12, timeout=30_000)

    def broken(k):
        raise ArithmeticError("replay overflowed")

    monkeypatch.setattr(feature.timeline, "snapshot_at", broken)
    with qtbot.waitSignal(c.problem, timeout=30_000) as said:
        feature.show_iteration(5)  # replayed off the GUI thread; no traceback reaches the user
    assert said.args == ["Could not show iteration 5: replay overflowed"]
    assert not c.viewing_past and feature.viewing is None


@pytest.mark.parametrize("superseded_by", ["reset", "newer position"])
def test_an_out_of_date_scrub_that_fails_says_nothing(qtbot, window, monkeypatch, superseded_by):
    win, c = window
    feature = win.timeline
    train_to(qtbot, c, 12)
    qtbot.waitUntil(lambda: feature.bar.slider.maximum() == 12, timeout=30_000)
    replay, started, release = feature.timeline.snapshot_at, threading.Event(), threading.Event()

    def fails_at_5(k):
        if k != 5:
            return replay(k)
        started.set()
        assert release.wait(30)
        raise ValueError("iteration 5 is not in the timeline")

    monkeypatch.setattr(feature.timeline, "snapshot_at", fails_at_5)
    said: list[str] = []
    c.problem.connect(said.append)
    feature.show_iteration(5)
    assert started.wait(30)  # the replay of 5 is under way when the newer request comes in
    if superseded_by == "reset":
        c.reset()
        train_to(qtbot, c, 6)
        qtbot.waitUntil(lambda: feature.bar.slider.maximum() == 6, timeout=30_000)
    feature.show_iteration(3)  # waits behind 5; its result arrives after 5's failure
    release.set()
    qtbot.waitUntil(lambda: c.viewing_past and c.snapshot.iteration == 3, timeout=30_000)
    assert not [s for s in said if s.startswith("Could not show")]
    assert feature.viewing == 3


def test_continue_from_here_branches_and_training_repeats_the_same_costs(qtbot, window):
    win, c = window
    feature = win.timeline
    train_to(qtbot, c, 20)
    qtbot.waitUntil(lambda: len(win.cost_plot.costs()[1]) == 21, timeout=30_000)  # J(0) … J(20)
    # the bar too: a snapshot it has not seen yet would take the handle back to live
    qtbot.waitUntil(lambda: feature.bar.slider.maximum() == 20, timeout=30_000)
    uninterrupted = win.cost_plot.costs()[1]
    feature.show_iteration(7)
    qtbot.waitUntil(lambda: c.viewing_past and c.snapshot.iteration == 7, timeout=30_000)
    asked = []
    c.confirm_reset = lambda q: asked.append(q) or False
    assert not feature.continue_from_here() and "13 later iterations" in asked[0]
    c.confirm_reset = lambda q: True
    assert feature.continue_from_here()
    qtbot.waitUntil(lambda: len(win.cost_plot.costs()[1]) == 8, timeout=30_000)  # J(0) … J(7)
    assert feature.timeline.last == 7
    assert len(win.record.costs) == 8  # the record (and so a saved session) forgets them too
    train_to(qtbot, c, 20)
    qtbot.waitUntil(lambda: len(win.cost_plot.costs()[1]) == 21, timeout=30_000)
    np.testing.assert_array_equal(win.cost_plot.costs()[1], uninterrupted)
    np.testing.assert_array_equal(win.record.costs.arrays()[1], uninterrupted)
    assert win.timeline.bar.slider.maximum() == 20


def test_the_timeline_benchmark_reports_its_figures():
    from nnviz.bench.timeline import report, run_timeline_bench

    r = run_timeline_bench(iterations=40, positions=5, config=TrainConfig(hidden_layers=(3,)))
    assert 0 < r["checkpoint_mb"] <= 300 and r["checkpoints"] == 18 and r["max_gap"] == 10
    assert r["scrub_p95_ms"] > 0 and "scrub_p95_ms" in report(r)[0]

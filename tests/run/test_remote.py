"""The training process (nnviz.run.remote): its messages, and the same run as in this process."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from nnviz.engine.snapshot import take_draft
from nnviz.engine.timeline import Timeline
from nnviz.engine.trainer import TrainConfig, Trainer, TrainingDiverged
from nnviz.run import wire
from nnviz.run.loop import Loop
from nnviz.run.remote_client import End, ProcessFailed, Progress, TrainingProcess


def data(n_x: int = 300, m: int = 40, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    return X, (X[:1] + 0.5 * X[1:2] > 0).astype(np.float64)


def round_trip(msg: dict) -> dict:
    r, w = os.pipe()
    try:
        wire.write(w, msg)
        return wire.read(r)
    finally:
        os.close(r)
        os.close(w)


def test_a_message_of_numbers_text_and_arrays_comes_back_equal():
    arrays = [np.arange(6.0).reshape(2, 3), np.zeros((0, 0)), np.array([3], np.int64)]
    arrays.append(np.asfortranarray(np.ones((3, 2), np.float32)))
    msg = {"kind": "x", "n": 2**70, "f": 0.1, "none": None, "list": [1, "a", arrays[0]]}
    back = round_trip({**msg, "arrays": arrays, "rng": {"state": {"inc": 2**100}}})
    assert back["n"] == 2**70 and back["f"] == 0.1 and back["none"] is None
    assert back["rng"]["state"]["inc"] == 2**100 and back["list"][:2] == [1, "a"]
    for a, b in zip([arrays[0], *arrays], [back["list"][2], *back["arrays"]], strict=True):
        assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
        assert b.flags.writeable


def test_objects_are_never_sent_and_a_stream_that_is_not_ours_is_refused():
    with pytest.raises(wire.WireError, match="dtype object"):
        wire.encode({"a": np.array([None, 1], dtype=object)})
    r, w = os.pipe()
    os.write(w, (5).to_bytes(8, "little") + b"nope!")
    os.close(w)
    with pytest.raises(wire.WireError, match="not JSON"):
        wire.read(r)
    with pytest.raises(EOFError):
        wire.read(r)
    os.close(r)


def run_remote(p: TrainingProcess, t: Trainer, target: int | None, tl: Timeline | None = None):
    """Train t's run to target in the process as the window's worker does; returns the
    progress messages and the End (t then continues from its state)."""
    keep_before, every = tl.sending_policy() if tl is not None else (0, 10)
    p.begin(t, target, keep_before, every, frame_s=0.0)
    got = []
    while not isinstance(msg := p.next(), End):
        assert msg.first == len(t.costs)
        t.costs.extend(msg.costs)
        for s in msg.states:
            if tl is not None:
                tl.record_state(t, s)
        got.append(msg)
    if msg.state is not None:
        t.restore_state(msg.state)
        if tl is not None:
            tl.record_state(t, msg.state)
    return got, msg


@pytest.mark.parametrize(
    "cfg",
    [
        TrainConfig(hidden_layers=(6, 3), lr=0.05, seed=4),
        TrainConfig(hidden_layers=(6, 3), lr=0.05, seed=4, batch_size=16, l2=0.3),
        TrainConfig(hidden_layers=(5,), lr=0.05, seed=2, dtype="float32"),
    ],
    ids=["full-batch", "mini-batch-l2", "float32"],
)
def test_the_process_trains_the_same_run_bit_for_bit(cfg):
    X, Y = data()
    here, there = Trainer(cfg, X, Y), Trainer(cfg, X, Y)
    Loop(here).run(5)
    Loop(there).run(5)
    tl = Timeline()
    Loop(there, tl)
    p = TrainingProcess()
    try:
        got, end = run_remote(p, there, 205, tl)
    finally:
        p.close()
    Loop(here).run(200)
    assert end.why == "target" and there.iteration == here.iteration == 205
    assert np.array_equal(np.asarray(here.costs), np.asarray(there.costs))
    for a, b in zip([*here.W, *here.b], [*there.W, *there.b], strict=True):
        assert np.array_equal(a, b)
    assert tl.last == 205 and 200 in tl.checkpoints()
    ref = Trainer(cfg, X, Y)
    Loop(ref).run(137)  # a replay in this process from a state the process sent
    assert np.array_equal(tl.snapshot_at(137).W[1], ref.W[1])
    # drafts: a snapshot of the run about to update, as the window's worker takes it here
    draft = next(m.draft for m in got if m.draft is not None).finish()
    ref = Trainer(cfg, X, Y)
    Loop(ref).run(draft.iteration)
    shown = []
    Loop(ref).iterate(lambda t: shown.append(take_draft(t).finish()))
    for a, b in zip([*draft.W, *draft.dW], [*shown[0].W, *shown[0].dW], strict=True):
        assert np.array_equal(a, b)
    assert draft.cost == shown[0].cost


def test_a_stop_ends_the_run_after_its_iteration_in_progress():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6, 3), lr=0.05), X, Y)
    p = TrainingProcess()
    try:
        p.begin(t, None, 0, 10, frame_s=1.0)
        first = p.next()
        assert isinstance(first, Progress)
        p.stop()
        n = first.costs.size
        while not isinstance(msg := p.next(), End):
            n += msg.costs.size
        assert msg.why == "stopped" and msg.state is not None
        assert msg.state.iteration == msg.state.n_costs == n > 0
        _, end = run_remote(p, t, n + 3)  # the same process goes on
        assert end.why == "target" and t.iteration == n + 3
    finally:
        p.close()


def test_a_divergence_in_the_process_is_the_one_this_process_would_report():
    X, Y = data()
    cfg = TrainConfig(hidden_layers=(6,), lr=40.0, seed=1, batch_size=8)
    here, there = Trainer(cfg, X, Y), Trainer(cfg, X, Y)
    tl = Timeline()
    loop = Loop(here, tl)
    with pytest.raises(TrainingDiverged) as e:
        loop.run(10_000)
    p = TrainingProcess()
    try:
        _, end = run_remote(p, there, 10_000)
    finally:
        p.close()
    assert end.why == "diverged" and end.message == str(e.value)
    assert there.iteration == here.iteration and len(there.costs) == len(here.costs)
    here.lr = there.lr = 0.01  # the mini-batch order was put back alike: the run goes on the same
    Loop(here).run(3)
    Loop(there).run(3)
    assert np.array_equal(np.asarray(here.costs), np.asarray(there.costs))


def test_a_process_that_dies_is_reported_as_failed():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6, 3), lr=0.05), X, Y)
    p = TrainingProcess()
    try:
        p.begin(t, None, 0, 10, frame_s=1.0)
        assert isinstance(p.next(), Progress)
        os.kill(p.pid, signal.SIGKILL)  # as if it crashed

        def drain() -> None:
            while True:
                p.next()

        with pytest.raises(ProcessFailed):
            drain()
    finally:
        p.close()

"""A hand edit of one parameter: one step of the run, a new dual base for W[1], both forms alike,
pinned in the timeline (exact before and after it, never evicted, dropped by an earlier branch)."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import TrainConfig, Trainer
from nnviz.engine.edit import Target
from nnviz.engine.network import forward, l2_cost
from nnviz.engine.timeline import Timeline
from nnviz.run.loop import Loop


def data(n_x: int = 40, m: int = 30, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.random((n_x, m))
    Y = (X[:4].sum(axis=0, keepdims=True) > 2).astype(np.float64)
    return X, Y


def fresh_cost(t: Trainer) -> float:
    """J of t's parameters by a plain forward pass over all of X."""
    W, b = list(t.W), list(t.b)
    Z, A = forward(t.arch, W, b, t.X)
    L = t.arch.L
    return t.loss.cost(Z[L], A[L], t.Y) + l2_cost(W, t.config.l2, t.m)


def test_an_edit_is_one_step_and_j_is_the_edited_networks():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6, 4)), X, Y, form="dual")
    t.run(5)
    before = t.cost_now()
    t.edit(Target("W", 2, 1, 3), 0.75)
    assert t.iteration == 6 and len(t.costs) == 6
    assert t.costs[5] == before  # J(5): the parameters before the edit
    assert t.W[2][1, 3] == 0.75
    J6 = fresh_cost(t)
    assert t.cost_now() == pytest.approx(J6, abs=1e-12)
    assert t.step() == pytest.approx(J6, abs=1e-12)  # J(6), recorded by the next iteration
    assert t.iteration == 7 and len(t.costs) == 7


def test_an_edit_of_w1_starts_a_new_dual_base():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6,)), X, Y, form="dual")
    t.run(4)
    d = t._d
    assert d is not None and d.c == 1.0 and np.any(d.D != 0)  # the run has moved D
    G, old_base = d.base.G, d.base
    W1 = t.W[1].copy()
    t.edit(Target("W", 1, 2, 7), -1.5)
    W1[2, 7] = -1.5
    assert d.base is not old_base and d.base.G is G  # G kept
    assert d.c == 1.0 and not np.any(d.D)
    assert np.array_equal(d.base.W0, W1)
    assert np.allclose(d.base.Z0, W1 @ X, rtol=0, atol=1e-12)
    assert np.array_equal(t.W[1], W1)


@pytest.mark.parametrize(("batch", "l2"), [(None, 0.0), (None, 0.7), (8, 0.0), (8, 0.3)])
def test_dual_and_primal_agree_after_edits(batch, l2):
    X, Y = data()
    cfg = TrainConfig(hidden_layers=(6, 4), batch_size=batch, l2=l2, lr=0.05)
    dual, primal = (Trainer(cfg, X, Y, form=f) for f in ("dual", "primal"))
    edits = [(Target("W", 1, 2, 7), -1.5), (Target("b", 2, 3), 0.4), (Target("W", 3, 0, 1), 2.0)]
    for target, value in edits:
        for t in (dual, primal):
            t.run(7)
            t.edit(target, value)
    for t in (dual, primal):
        t.run(10)
    assert dual.iteration == primal.iteration == 34
    assert np.allclose(dual.costs.view(), primal.costs.view(), rtol=0, atol=1e-10)
    for a, b in zip(dual.W[1:] + dual.b[1:], primal.W[1:] + primal.b[1:], strict=True):
        assert np.allclose(a, b, rtol=0, atol=1e-10)


def test_an_amended_edit_stays_one_step():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6,)), X, Y, form="dual")
    t.run(3)
    target = Target("W", 1, 0, 0)
    t.edit(target, 0.5)
    costs = list(t.costs)
    for v in (0.6, 0.7, 0.8):  # a drag's later values
        t.edit(target, v, amend=True)
    assert t.iteration == 4 and list(t.costs) == costs and t.W[1][0, 0] == 0.8


def test_an_edit_mid_iteration_abandons_it():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6,)), X, Y, form="dual")
    t.run(2)
    J2 = t.cost_now()
    for _ in range(4):  # forward, forward, cost, backward: J(2) recorded
        t.step_phase()
    assert t.mid_iteration and len(t.costs) == 3
    t.edit(Target("b", 1, 0), 1.0)
    assert not t.mid_iteration and t.iteration == 3
    assert len(t.costs) == 3 and t.costs[2] == J2
    t.step()
    assert t.iteration == 4 and len(t.costs) == 4


@pytest.mark.parametrize(
    ("target", "value", "said"),
    [
        (Target("W", 3, 0, 0), 1.0, "no layer 3"),
        (Target("W", 1, 6, 0), 1.0, r"W\[1\]\[7,1\] does not exist: W\[1\] is 6 × 40"),
        (Target("b", 2, 1), 1.0, r"b\[2\]\[2\] does not exist: b\[2\] has 1 unit "),
        (Target("W", 1, 0, 0), float("nan"), "finite"),
        (Target("W", 1, 0, 0), 1e300, "within"),
        (Target("W", 1, 0, 0), "x", "not a number"),
    ],
)
def test_a_bad_edit_is_refused_with_one_clear_message(target, value, said):
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6,)), X, Y)
    t.run(2)
    W, costs = [w.copy() for w in t.W], list(t.costs)
    with pytest.raises(ValueError, match=said):
        t.edit(target, value)
    assert t.iteration == 2 and list(t.costs) == costs
    assert all(np.array_equal(a, b) for a, b in zip(W, t.W, strict=True))


@pytest.mark.parametrize("form", ["dual", "primal"])
def test_an_edit_that_makes_j_infinite_is_undone(form, monkeypatch):
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(6,)), X, Y, form=form)
    t.run(2)
    W = [w.copy() for w in t.W]
    real, calls = t.cost_now, []  # J before the edit as it is, J after it infinite

    def cost_now() -> float:
        calls.append(1)
        return real() if len(calls) < 2 else np.inf

    monkeypatch.setattr(t, "cost_now", cost_now)
    with pytest.raises(ValueError, match=r"W\[1\]\[1,1\] = 3 would make the cost J infinite"):
        t.edit(Target("W", 1, 0, 0), 3.0)
    assert t.iteration == 2 and len(t.costs) == 2
    assert all(np.array_equal(a, b) for a, b in zip(W, t.W, strict=True))


def states_equal(a, b) -> bool:
    return all(
        np.array_equal(x, y) for x, y in zip(a.W[1:] + a.b[1:], b.W[1:] + b.b[1:], strict=True)
    )


@pytest.mark.parametrize("batch", [None, 8])
def test_the_timeline_pins_an_edit(batch):
    X, Y = data()
    cfg = TrainConfig(hidden_layers=(6, 4), lr=0.05, batch_size=batch)
    t = Trainer(cfg, X, Y)  # the timeline replays in the form its trainers choose: dual here
    assert t.form == "dual"
    one = t.state().nbytes
    timeline = Timeline(budget_bytes=one * 6, early=2, recent=4, every=2)
    loop = Loop(t, timeline)
    kept = {}
    for _ in range(30):
        loop.iterate()
        kept[t.iteration] = t.state()
    unedited = Trainer(cfg, X, Y)  # the run without the edit
    unedited.restore_state(t.state())
    loop.edit(Target("W", 1, 2, 7), -1.5)
    kept[31] = t.state()
    for _ in range(200):
        loop.iterate()
        kept[t.iteration] = t.state()
    assert timeline.edits() == [31] and 31 in timeline.checkpoints()
    assert len(timeline.checkpoints()) <= 6  # the pinned one survived eviction within budget
    assert states_equal(timeline.state_at(30), kept[30])  # before: the unedited network
    assert states_equal(timeline.state_at(31), kept[31])  # the edit itself, exactly
    for k in (32, 45, 100, 231):
        assert states_equal(timeline.state_at(k), kept[k])
    snap = timeline.snapshot_at(31)
    assert snap.W[1][2, 7] == -1.5 and snap.cost == t_at(cfg, X, Y, kept[31]).cost_now()
    # a branch after the edit keeps it, one before it drops it
    after = timeline.branch(40)
    assert states_equal(after.state(), kept[40]) and timeline.edits() == [31]
    before = timeline.branch(20)
    assert timeline.edits() == [] and timeline.last == 20
    assert states_equal(before.state(), kept[20])
    unedited.step()
    assert not states_equal(unedited.state(), kept[31])


def t_at(cfg, X, Y, s) -> Trainer:
    t = Trainer(cfg, X, Y)
    t.restore_state(s)
    return t

"""The dual (Gram) form of layer 1 against finite differences, the primal form and its own rules."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine import TrainConfig, Trainer, TrainingDiverged, get_loss
from nnviz.engine.dual import choose_form
from nnviz.engine.gradcheck import cost_of


def data(n_x: int = 40, m: int = 30, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.random((n_x, m))
    Y = (X[:4].sum(axis=0, keepdims=True) > 2).astype(np.float64)
    return X, Y


def until_backward_done(t: Trainer) -> None:
    """Step phases up to (and including) the backward pass through layer 1."""
    while True:
        ph = t.step_phase()
        if ph.kind == "backward" and ph.layer == 1:
            return


def numeric_grads(t: Trainer, eps: float = 1e-6) -> list[np.ndarray]:
    """Centred differences of J on the trainer's batch, for every W[l] and b[l] (in that order)."""
    W, b = [w.copy() for w in t.W], [v.copy() for v in t.b]
    X, Y, loss, l2 = t.A[0], t.Y_batch, get_loss(t.config.loss), t.config.l2
    out = []
    for p in [x for l in range(1, t.arch.L + 1) for x in (W[l], b[l])]:
        g, flat = np.empty(p.size), p.reshape(-1)
        for i in range(p.size):
            keep = flat[i]
            flat[i] = keep + eps
            plus = cost_of(t.arch, W, b, X, Y, loss, l2)
            flat[i] = keep - eps
            minus = cost_of(t.arch, W, b, X, Y, loss, l2)
            flat[i] = keep
            g[i] = (plus - minus) / (2 * eps)
        out.append(g.reshape(p.shape))
    return out


@pytest.mark.parametrize("form", ["dual", "primal"])
@pytest.mark.parametrize(("batch", "l2"), [(None, 0.0), (None, 0.5), (8, 0.3)])
def test_gradients_match_finite_differences(form, batch, l2):
    X, Y = data(n_x=10, m=16)
    cfg = TrainConfig(hidden_layers=(4, 3), activation="tanh", lr=0.3, batch_size=batch, l2=l2)
    t = Trainer(cfg, X, Y, form=form)
    t.run(7)  # away from the base: c != 1, D != 0 in dual form
    until_backward_done(t)
    analytic = [x for l in range(1, 4) for x in (t.dW[l], t.db[l])]
    for a, n in zip(analytic, numeric_grads(t), strict=True):
        np.testing.assert_allclose(a, n, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(("batch", "l2"), [(None, 0.0), (None, 0.7), (16, 0.0), (16, 0.4)])
def test_both_forms_agree(batch, l2):
    X, Y = data(n_x=300, m=50)
    cfg = TrainConfig(hidden_layers=(8, 4), lr=0.05, batch_size=batch, l2=l2, seed=3)
    d, p = Trainer(cfg, X, Y), Trainer(cfg, X, Y, form="primal")
    assert d.form == "dual" and p.form == "primal"
    d.run(150)
    p.run(150)
    np.testing.assert_allclose(d.costs, p.costs, rtol=0, atol=1e-10)
    for l in range(1, 4):
        np.testing.assert_allclose(d.W[l], p.W[l], rtol=0, atol=1e-10)
        np.testing.assert_allclose(d.b[l], p.b[l], rtol=0, atol=1e-10)
        np.testing.assert_allclose(d.dW[l], p.dW[l], rtol=0, atol=1e-10)
    assert d.A[0].shape == p.A[0].shape and np.array_equal(d.A[0], p.A[0])


@pytest.mark.parametrize(("batch", "l2"), [(None, 0.0), (None, 0.7), (16, 0.4)])
def test_a_snapshot_builds_w1_and_dw1_in_one_product_with_the_same_values(batch, l2):
    X, Y = data(n_x=300, m=50)
    t = Trainer(TrainConfig(hidden_layers=(8, 4), lr=0.05, batch_size=batch, l2=l2, seed=3), X, Y)
    t.run(20)
    until_backward_done(t)
    frozen = t.deferred()[0]
    assert frozen is not None
    W, dW = frozen.both()
    np.testing.assert_allclose(W, t.W[1], rtol=0, atol=1e-13)
    np.testing.assert_allclose(dW, t.dW[1], rtol=0, atol=1e-13)


def test_the_form_follows_the_rules():
    assert choose_form(12288, 209, 20)[0] == "dual"
    assert choose_form(12288, 209, 20, batch_size=64)[0] == "dual"
    for opt in ("adam", "RMSProp"):  # they rescale each weight: W[1] leaves the span of X
        assert choose_form(12288, 209, 20, optimizer=opt)[0] == "primal"
    assert choose_form(12288, 209, 20, optimizer="momentum")[0] == "dual"
    assert choose_form(12288, 50_000, 20)[0] == "primal"  # m > 2 n_x
    form, why = choose_form(200_000, 30_000, 20)  # G would take 7.2 GB
    assert form == "primal" and "Gram" in why
    X, Y = data(n_x=10, m=40)  # m > 2 n_x
    assert Trainer(TrainConfig(hidden_layers=(3,)), X, Y).form == "primal"
    with pytest.raises(ValueError, match="form"):
        Trainer(TrainConfig(), X, Y, form="gram")


def test_set_params_starts_a_new_base():
    X, Y = data()
    cfg = TrainConfig(hidden_layers=(5,), lr=0.1, l2=0.2)
    t = Trainer(cfg, X, Y)
    t.run(5)
    rng = np.random.default_rng(5)
    W = [w + rng.normal(scale=0.1, size=w.shape) for w in t.W]
    t.set_params(W, t.b)
    d = t._layer1()
    assert d.c == 1.0 and not d.D.any() and d.base.W0 is not None
    np.testing.assert_array_equal(t.W[1], W[1])
    p = Trainer(cfg, X, Y, form="primal")
    p.set_params(W, t.b)
    t.run(20)
    p.run(20)
    np.testing.assert_allclose(t.W[1], p.W[1], atol=1e-12)
    # a state of a primal run (a model opened from elsewhere) also starts a new base
    t.restore_state(p.state())
    assert t._layer1().c == 1.0 and np.array_equal(t.W[1], p.W[1])


def test_a_dual_state_replays_bit_for_bit_on_its_base():
    X, Y = data()
    cfg = TrainConfig(hidden_layers=(5, 3), lr=0.1, batch_size=7, l2=0.1)
    t = Trainer(cfg, X, Y, form="dual")
    t.run(9)
    s = t.state()
    assert s.dual is not None and s.weights[1].size == 0
    assert s.nbytes < s.W[1].nbytes + s.order.nbytes + 1000  # D (5 x 30), not W[1] (5 x 40)
    t.run(11)
    other = Trainer(cfg, X, Y, form="dual")
    other.restore_state(s, t.costs)
    other.run(11)
    assert other.costs == t.costs and other._layer1().base is t._layer1().base
    for l in range(1, 4):
        assert np.array_equal(other.W[l], t.W[l]) and np.array_equal(other.b[l], t.b[l])


@pytest.mark.parametrize("form", ["dual", "primal"])
@pytest.mark.parametrize(("batch", "l2"), [(None, 0.0), (None, 0.3), (7, 0.2)])
def test_cost_now_is_the_next_cost_and_changes_nothing(form, batch, l2):
    X, Y = data()
    cfg = TrainConfig(hidden_layers=(5, 3), lr=0.1, batch_size=batch, l2=l2)
    a, b = Trainer(cfg, X, Y, form=form), Trainer(cfg, X, Y, form=form)
    for _ in range(12):  # crosses epochs: peeking at the next shuffle changes nothing
        c = a.cost_now()
        assert a.cost_now() == c and a.step() == c
        b.step()
    assert a.costs == b.costs
    for l in range(1, 4):
        assert np.array_equal(a.W[l], b.W[l])
    a.step_phase()  # mid-iteration, before the cost phase: the cost it will record
    c = a.cost_now()
    while a.step_phase().kind != "cost":
        pass
    assert a.costs[-1] == c and a.cost_now() == c  # after it: the recorded one


def test_cost_now_in_dual_form_does_not_read_x():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(5,), l2=0.3), X, Y)
    t.run(3)
    expected = t.cost_now()
    t.X = None  # anything reading the trainer's X would fail
    assert t.cost_now() == expected


def test_divergence_in_dual_form_rolls_back_to_the_last_finite_iteration():
    X, Y = data()
    t = Trainer(TrainConfig(hidden_layers=(5,), activation="linear", lr=10.0), X * 50, Y)
    assert t.form == "dual"
    kept = {0: [w.copy() for w in t.W]}
    with pytest.raises(TrainingDiverged, match="is too large"):
        t.run(10_000, on_iteration=lambda tr: kept.update({tr.iteration: [w.copy() for w in tr.W]}))
    i = t.iteration
    assert len(t.costs) == i and np.isfinite(t.costs).all()
    for l in (1, 2):
        np.testing.assert_array_equal(t.W[l], kept[i][l])
    assert np.isfinite(t.cost_now())

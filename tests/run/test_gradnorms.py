"""The gradient-norm history against numpy's norms of the run's snapshots; bounded; skips what
does not describe one set of parameters."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.snapshot import settled_snapshot, take_snapshot
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.gradnorms import GradNormHistory


def _trainer(hidden=(6, 4), activation="relu"):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 40))
    Y = (X[:1] > 0).astype(np.float64)
    return Trainer(TrainConfig(hidden_layers=hidden, lr=0.1, activation=activation), X, Y)


def test_norms_are_numpys_of_the_settled_snapshots():
    t = _trainer()
    h = GradNormHistory()
    snaps = []
    for _ in range(5):
        s = settled_snapshot(t)
        snaps.append(s)
        assert h.add(s)
        t.step()
    its, dW, W = h.arrays()
    assert its.tolist() == [0, 1, 2, 3, 4] and dW.shape == W.shape == (5, 3)
    for k, s in enumerate(snaps):
        for l in range(1, 4):
            assert dW[k, l - 1] == pytest.approx(np.linalg.norm(s.dW[l]), rel=1e-12)
            assert W[k, l - 1] == pytest.approx(np.linalg.norm(s.W[l]), rel=1e-12)
    np.testing.assert_allclose(h.ratios(), dW / W)
    assert not h.add(snaps[2])  # not newer
    h.truncate(2)
    assert h.arrays()[0].tolist() == [0, 1, 2]


def test_snapshots_without_their_own_gradients_are_skipped():
    t = _trainer()
    h = GradNormHistory()
    assert not h.add(take_snapshot(t))  # between iterations: no gradients
    t.step_phase()  # forward of layer 1 ... until an update phase
    while t.phase is None or t.phase.kind != "update":
        t.step_phase()
    assert not h.add(take_snapshot(t))  # the update's gradients belong to the parameters before
    assert len(h) == 0 and h.arrays()[1].shape == (0, 0)


def test_bounded_and_thinned_keeping_the_newest():
    t = _trainer((3,))
    h = GradNormHistory(capacity=16)
    for _ in range(100):
        h.add(settled_snapshot(t))
        t.step()
    its = h.arrays()[0]
    assert len(its) <= 16 and its[0] == 0 and its[-1] == 99
    assert np.all(np.diff(its) > 0)


def test_another_network_starts_over():
    h = GradNormHistory()
    h.add(settled_snapshot(_trainer((3,))))
    t = _trainer((5, 4, 3))
    t.step()
    assert h.add(settled_snapshot(t))
    assert h.layers == 4 and len(h) == 1


def test_sigmoid_hidden_units_with_6_layers_make_the_first_gradients_vanish():
    sig = _trainer((10, 10, 10, 10, 10), activation="sigmoid")
    relu = _trainer((10, 10, 10, 10, 10), activation="relu")
    ratios = []
    for t in (sig, relu):
        h = GradNormHistory()
        h.add(settled_snapshot(t))
        dW = h.arrays()[1][0]
        ratios.append(dW[1] / dW[-1])  # ‖dW[2]‖ / ‖dW[6]‖
    assert ratios[0] < 0.05 and ratios[1] > 5 * ratios[0]

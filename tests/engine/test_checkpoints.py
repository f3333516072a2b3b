"""The timeline in dual form: 10,000 iterations of the cat network within 56 MB, any replayed."""

from __future__ import annotations

import numpy as np

from nnviz.engine import TrainConfig, Trainer
from nnviz.engine.timeline import DEFAULT_BUDGET, Timeline


def test_ten_thousand_iterations_of_the_cat_network_fit_in_56_mb_and_replay_exactly():
    rng = np.random.default_rng(0)
    X = rng.random((12288, 209))  # the cat set's shape
    Y = (rng.random((1, 209)) < 0.35).astype(np.float64)
    t = Trainer(TrainConfig(), X, Y)
    assert t.form == "dual" and DEFAULT_BUDGET == 56_000_000
    timeline = Timeline()
    timeline.start(t)
    picks = {0, 1, 2, 17, 999, 4321, 7777, 9998, 10_000}
    kept = {0: t.state()}
    for _ in range(10_000):
        t.step()
        timeline.record(t)
        if t.iteration in picks:
            kept[t.iteration] = t.state()
    keys = timeline.checkpoints()
    assert timeline.nbytes <= 56_000_000 and timeline.last == 10_000
    assert max(np.diff(keys)) <= 10, "no thinning: a few replayed iterations at most"
    assert kept[10_000].nbytes < 40_000  # (c, D): n_1 x m numbers, not W[1]'s n_1 x n_x
    for k in sorted(picks):
        s = timeline.state_at(k)
        assert s.dual.c == kept[k].dual.c and np.array_equal(s.dual.D, kept[k].dual.D)
        assert s.dual.base is kept[k].dual.base
        for a, b in zip(s.weights[2:] + s.b, kept[k].weights[2:] + kept[k].b, strict=True):
            assert np.array_equal(a, b)
    assert np.array_equal(timeline.state_at(9998).W[1], kept[9998].W[1])

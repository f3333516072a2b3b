"""Histograms over time against numpy's on the run's history."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.snapshot import settled_snapshot, take_snapshot
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.histograms import (
    BINS,
    PERCENTILES,
    HistogramHistory,
    summarize,
    summarize_snapshot,
)


def _trainer():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(12, 50))
    Y = (X[:1] > 0).astype(np.float64)
    return Trainer(TrainConfig(hidden_layers=(7, 3), lr=0.1), X, Y)


def test_summary_is_numpys_histogram_and_percentiles():
    a = np.random.default_rng(2).normal(size=(40, 30))
    s = summarize(a)
    counts, edges = np.histogram(a, bins=BINS)
    np.testing.assert_array_equal(s.counts, counts)
    np.testing.assert_allclose(s.edges, edges)
    np.testing.assert_allclose(s.percentiles, np.percentile(a, PERCENTILES))
    assert s.size == s.finite == 1200 and s.counts.sum() == 1200


def test_summary_of_constant_and_non_finite_arrays():
    s = summarize(np.zeros((3, 1)))
    assert s.counts.sum() == 3 and s.edges[0] == -0.5 and s.edges[-1] == 0.5
    s = summarize(np.array([1.0, np.nan, np.inf, 3.0]))
    assert s.finite == 2 and s.counts.sum() == 2 and s.percentiles[0] == 1.0
    s = summarize(np.array([np.nan]))
    assert s.finite == 0 and np.isnan(s.percentiles).all()


def test_history_of_a_run_against_numpy():
    t = _trainer()
    h = HistogramHistory()
    snaps = []
    for _ in range(6):
        s = settled_snapshot(t)
        snaps.append(s)
        assert h.add(summarize_snapshot(s), s.L)
        t.step()
    for tensor in ("W", "b", "dW"):
        for l in (1, 2, 3):
            its, sums = h.series(tensor, l)
            assert its.tolist() == [0, 1, 2, 3, 4, 5]
            for s, summary in zip(snaps, sums, strict=True):
                a = getattr(s, tensor)[l]
                np.testing.assert_allclose(summary.percentiles, np.percentile(a, PERCENTILES))
                assert summary.counts.sum() == a.size
    its, _ = h.series("W", 2, first=2, last=4)
    assert its.tolist() == [2, 3, 4]
    h.truncate(3)
    assert h.series("W", 1)[0].tolist() == [0, 1, 2, 3]
    assert not h.add(summarize_snapshot(snaps[1]), 3)  # not newer
    with pytest.raises(ValueError, match="tensor must be one of"):
        h.series("Z", 1)


def test_snapshots_without_gradients_give_weights_only_and_the_history_is_bounded():
    t = _trainer()
    h = HistogramHistory(capacity=16)
    for _ in range(40):
        t.step()
        h.add(summarize_snapshot(take_snapshot(t)), 3)
    assert len(h) <= 16 and h.points[-1].iteration == 40 and h.points[0].iteration == 1
    assert len(h.series("W", 1)[0]) == len(h) and len(h.series("dW", 1)[0]) == 0

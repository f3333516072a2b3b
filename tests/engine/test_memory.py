"""Large data in the primal form: no copies of X beyond the one in the working precision, and a
dataset that would not fit in memory refused up front with the figures."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

import nnviz.data.dataset as dataset
from nnviz.data.dataset import Dataset
from nnviz.data.errors import DataError
from nnviz.engine import TrainConfig, Trainer


def pictures(m: int, side: int = 16, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    raw = rng.integers(0, 256, size=(m, side, side, 3), dtype=np.uint8)
    y = (raw[:, 0, 0, 0] > 127).astype(np.float32)
    return Dataset(
        name="many",
        X=None,
        Y=y.reshape(1, -1),
        X_test=None,
        Y_test=np.zeros((1, 0)),
        image_shape=(side, side, 3),
        class_names=("no", "yes"),
        source="test",
        raw=raw,
        raw_test=np.zeros((0, side, side, 3), np.uint8),
    )


@pytest.mark.parametrize("batch", [None, 500])
def test_training_in_the_primal_form_holds_one_x(batch):
    ds = pictures(4000)  # n_x = 768 < m / 2: primal form
    tracemalloc.start()
    try:
        X, Y, _, _ = ds.as_dtype("float64")
        t = Trainer(TrainConfig(hidden_layers=(20, 7, 5), batch_size=batch), X, Y)
        t.run(3)
        t.cost_now()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert t.form == "primal" and t.X is X and X.dtype == np.float64
    assert np.array_equal(X, ds.raw.reshape(4000, -1).T / 255.0)  # the course's exact X
    # beyond X: the iteration's (n_l, m) arrays, about 0.2 X here (n_x = 768), 0.01 X for 64x64x3
    assert peak <= 1.5 * X.nbytes, f"peak {peak / X.nbytes:.2f} x the size of X"


def test_the_pictures_are_the_only_copy_kept():
    tracemalloc.start()
    try:
        ds = pictures(2000)
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept < 1.5 * ds.raw.nbytes  # no float32 X until someone asks for it
    assert ds.X.dtype == np.float32 and not ds.X.flags.writeable
    assert np.array_equal(ds.X, (ds.raw.reshape(2000, -1).T / 255).astype(np.float32))
    assert ds.X_test.shape == (768, 0) and (ds.n_x, ds.m, ds.m_test) == (768, 2000, 0)


def test_a_dataset_that_would_not_fit_is_refused_with_the_figures(monkeypatch):
    ds = pictures(100)
    monkeypatch.setattr(dataset, "available_memory", lambda: 500_000)
    need = 768 * 100 * 8
    with pytest.raises(DataError, match=rf"needs 0.00 GB \({need} bytes\).*\(500000 bytes\)"):
        ds.as_dtype("float64")
    X = ds.as_dtype("float32")[0]  # 307,200 bytes fit
    assert X.nbytes == need // 2

"""A blown-up cost names its cause: L2 when α·λ/m > 2 makes every update grow W, else the rate."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.data import load_dataset
from nnviz.engine.divergence import divergence_cause, divergence_message, l2_ratio
from nnviz.engine.trainer import TrainConfig, Trainer, TrainingDiverged


def course_shaped(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Pictures-like data of the course's shape: X (12288, 209) in [0, 1], 72 positives."""
    rng = np.random.default_rng(seed)
    X = rng.random((12288, 209))
    Y = np.zeros((1, 209))
    Y[0, rng.permutation(209)[:72]] = 1
    return X, Y


def test_the_cause_is_l2_exactly_when_its_factor_is_below_minus_one():
    c = divergence_cause(0.0075, 1e5, 209)  # the course's data, m = 209
    assert c.kind == "l2" and c.ratio == pytest.approx(3.589, abs=1e-3)
    assert "α·λ/m = 3.59 > 2" in c.text and "λ < 2m/α = 55,733" in c.text
    assert divergence_cause(0.0075, 5e4, 209).kind == "learning_rate"  # α·λ/m = 1.79: W shrinks
    at_limit = 2 * 209 / 0.0075
    assert divergence_cause(0.0075, at_limit, 209).kind == "learning_rate"
    assert divergence_cause(0.0075, at_limit * 1.001, 209).kind == "l2"
    assert divergence_cause(10.0, 0.0, 209).text == "the learning rate 10 is too large"
    batch = divergence_cause(0.0075, 1e5, 64, mini_batch=True)  # L2 divides by the batch's size
    assert "α·λ/b = 11.7 > 2" in batch.text and "λ < 2b/α = 17,067" in batch.text
    assert l2_ratio(0.5, 8.0, 2) == 2.0


def test_the_message_keeps_its_shape():
    msg = divergence_message("inf", 12, 0.0075, 1e5, 209)
    assert msg == (
        "cost became inf at iteration 12: L2 is too strong for this learning rate (α·λ/m = 3.59 "
        "> 2 makes every update grow W; use λ < 2m/α = 55,733 or a smaller α) (kept the "
        "parameters of iteration 11)"
    )
    assert divergence_message("NaN", 3, 10.0, 0.0, 30) == (
        "cost became NaN at iteration 3: the learning rate 10 is too large (kept the parameters "
        "of iteration 2; try a smaller rate)"
    )


def test_a_large_l2_on_course_shaped_data_is_named_with_its_figure():
    X, Y = course_shaped()
    t = Trainer(TrainConfig(l2=1e5), X, Y)  # the course's defaults otherwise: α = 0.0075
    with pytest.raises(TrainingDiverged, match=r"L2 is too strong") as e:
        t.run(2000)
    assert "α·λ/m = 3.59 > 2" in str(e.value) and "55,733" in str(e.value)
    assert "learning rate 0.0075 is too large" not in str(e.value)
    assert np.isfinite(t.costs).all() and len(t.costs) == t.iteration  # rolled back, as always
    assert all(np.isfinite(w).all() for w in t.W[1:])


def test_l2_with_mini_batches_names_the_batch_size():
    X, Y = course_shaped(1)
    t = Trainer(TrainConfig(l2=1e5, batch_size=64), X, Y)
    with pytest.raises(TrainingDiverged, match=r"α·λ/b = 11\.7 > 2.*λ < 2b/α = 17,067"):
        t.run(2000)


def test_a_plain_large_rate_is_still_blamed_on_the_rate():
    X, Y = course_shaped(2)
    t = Trainer(TrainConfig(hidden_layers=(5,), activation="linear", lr=10.0), X, Y)
    with pytest.raises(TrainingDiverged, match=r"the learning rate 10 is too large"):
        t.run(2000)
    # a small L2 beside it does not take the blame: α·λ/m = 10 · 0.01 / 209 is far below 2
    t = Trainer(TrainConfig(hidden_layers=(5,), activation="linear", lr=10.0, l2=0.01), X, Y)
    with pytest.raises(TrainingDiverged, match=r"the learning rate 10 is too large"):
        t.run(2000)


def test_the_course_data_with_lambda_1e5_blames_l2(catvnoncat):
    X, Y, _, _ = load_dataset(str(catvnoncat / "train_catvnoncat.h5")).as_dtype("float64")
    assert X.shape == (12288, 209)
    t = Trainer(TrainConfig(l2=1e5), X, Y)
    with pytest.raises(TrainingDiverged) as e:
        t.run(2500)
    assert "L2 is too strong" in str(e.value) and "α·λ/m = 3.59 > 2" in str(e.value)
    assert "λ < 2m/α = 55,733" in str(e.value)

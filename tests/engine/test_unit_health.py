"""Dead ReLUs and identical units: constructed cases, zeros initialisation, a too large α."""

from __future__ import annotations

import numpy as np

from nnviz.engine import Architecture, TrainConfig, Trainer, initialize
from nnviz.engine.unit_health import dead_units, health, identical_layers, messages, serious


def test_a_constructed_dead_unit_is_found_and_named_with_the_remedy():
    rng = np.random.default_rng(0)
    arch = Architecture((3, 4, 1), "relu")
    X = rng.random((3, 20))  # inputs >= 0
    W, b = initialize(arch.layer_dims, "he", seed=1, dtype=np.float64)
    W[1][2] = -np.abs(W[1][2]) - 0.1  # unit 3 of layer 1: Z < 0 for every example
    b[1][2] = -0.5
    W[1][0] = np.abs(W[1][0])  # unit 1 alive for every example
    h = health(arch, W, b, X)
    assert h.dead[1].tolist()[2] and not h.dead[1][0] and h.dead_count() >= 1
    (text,) = messages(h)
    assert "Dead ReLUs: 1 of 4" in text and "layer 1: 1/4" in text and not serious(h)
    assert "Remedy" not in text  # one dead unit of four: said, not alarmed
    W[1][:] = -1.0  # all of them
    h = health(arch, W, b, X)
    assert h.dead_count() == h.relu_count() == 4 and "Every ReLU is dead" in messages(h)[0]
    assert serious(h) and "smaller learning rate α, leaky ReLU or He" in messages(h)[0]


def test_zeros_with_sigmoid_stay_identical_and_zeros_with_relu_are_dead():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(4, 30))
    Y = (X[:1] > 0).astype(float)
    cfg = TrainConfig(hidden_layers=(5, 3), activation="sigmoid", init="zeros", lr=0.5)
    t = Trainer(cfg, X, Y)
    t.run(20)
    h = health(t.arch, t.W, t.b, X)
    assert h.identical == (1, 2) and not h.all_zero and np.any(t.W[1])  # moved, yet identical
    assert "Units identical in layers 1 and 2" in messages(h)[0]
    relu = Trainer(cfg.with_(activation="relu"), X, Y)
    relu.run(20)
    h = health(relu.arch, relu.W, relu.b, X)
    assert h.all_zero and "Dead network" in messages(h)[0] and "relu(0) = 0" in messages(h)[0]
    rand = Trainer(cfg.with_(init="he"), X, Y)
    assert (
        identical_layers(rand.W, rand.b) == []
        and messages(health(rand.arch, rand.W, rand.b, X)) == []
    )


def test_alpha_5_kills_a_whole_layer_of_the_cat_network_and_says_it_stalled():
    from nnviz.data import load_dataset

    X, Y, _, _ = load_dataset("cats").as_dtype("float64")
    t = Trainer(TrainConfig(lr=5.0), X, Y)
    t.run(30)
    h = health(t.arch, t.W, t.b, X)
    assert h.fully_dead() and h.dead_count() > h.relu_count() // 2
    assert "training has stalled" in messages(h)[0] and "smaller learning rate" in messages(h)[0]


def test_dead_units_combined_over_chunks_equal_the_whole():
    rng = np.random.default_rng(4)
    arch = Architecture((3, 6, 4, 1), "relu")
    W, b = initialize(arch.layer_dims, "he", seed=3, dtype=np.float64)
    b[1] -= 0.8
    X = rng.random((3, 50))
    whole = health(arch, W, b, X)
    parts = [dead_units(arch, W, b, X[:, i : i + 7]) for i in range(0, 50, 7)]
    combined = [np.logical_and.reduce([p[l] for p in parts]) for l in range(arch.L + 1)]
    chunked = health(arch, W, b, None, dead=combined)
    assert whole.dead_count() > 0
    for a, c in zip(whole.dead, chunked.dead, strict=True):
        np.testing.assert_array_equal(a, c)

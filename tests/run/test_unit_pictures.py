"""First-layer weights as pictures (nnviz.run.unit_pictures): layout, colours, extremes."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.run.unit_pictures import (
    GAP,
    channel_maps,
    extremes,
    row_scales,
    tile_at,
    tile_grid,
    weight_pictures,
)

SHAPE = (64, 64, 3)


def test_a_row_is_laid_out_as_the_course_flattens_a_picture():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, SHAPE).astype(np.uint8)
    x = image.reshape(-1) / 255.0  # column i of X: x.reshape(m, -1).T / 255
    w = x - 0.5
    pic = weight_pictures(w, SHAPE, scales=np.array([0.5]))[0]
    assert pic.shape == SHAPE and pic.dtype == np.uint8
    expected = np.rint(127.5 * (1 + (image / 255.0 - 0.5) / 0.5)).astype(np.uint8)
    np.testing.assert_array_equal(pic, expected)  # the picture itself, pixel for pixel


def test_pictures_match_W1_row_by_row_with_grey_zero_and_saturation():
    rng = np.random.default_rng(1)
    W1 = rng.standard_normal((5, 12288)) * 0.01
    W1[2] = 0.0
    pics = weight_pictures(W1, SHAPE)
    s = row_scales(W1)
    for j in range(5):
        v = np.clip(W1[j] / s[j], -1, 1)
        np.testing.assert_array_equal(pics[j].reshape(-1), np.rint(127.5 * (1 + v)))
    assert np.all(pics[2] == 128)  # weight 0 is mid-grey (127.5 rounds to 128)
    assert s[2] == 1.0  # an all-zero row has a scale, not a division by zero
    big = np.argmax(np.abs(W1[0]))
    assert pics[0].reshape(-1)[big] in (0, 255)  # the largest weights saturate


def test_channel_maps_put_red_green_blue_side_by_side_in_the_themes_colours():
    w = np.zeros(SHAPE)
    w[..., 0] = 1.0  # red channel all positive
    w[..., 2] = -1.0  # blue channel all negative
    strip = channel_maps(w.reshape(-1), SHAPE, scale=1.0)
    assert strip.shape == (64, 3 * 64 + 2 * GAP, 3)
    np.testing.assert_array_equal(strip[10, 10], (43, 108, 176))  # red weights > 0: blue
    np.testing.assert_array_equal(strip[10, 64 + GAP + 10], (247, 247, 247))  # green 0: white
    np.testing.assert_array_equal(strip[10, 2 * (64 + GAP) + 10], (221, 107, 32))  # < 0: orange


def test_grid_tiles_and_hit_test_agree():
    pics = np.stack([np.full((4, 4, 3), k, np.uint8) for k in range(7)])
    grid = tile_grid(pics, 3)
    assert grid.shape == (3 * 4 + 2 * GAP, 3 * 4 + 2 * GAP, 3)
    for k in range(7):
        r, c = divmod(k, 3)
        y, x = r * (4 + GAP) + 1, c * (4 + GAP) + 1
        assert grid[y, x, 0] == k
        assert tile_at(x, y, 7, 3, 4, GAP) == k
    assert tile_at(4.5, 1, 7, 3, 4, GAP) is None  # in a gap
    assert tile_at(2 * (4 + GAP) + 1, 2 * (4 + GAP) + 1, 7, 3, 4, GAP) is None  # past the last


def test_extremes_are_the_largest_and_smallest_pre_activations():
    rng = np.random.default_rng(2)
    X = rng.random((30, 50)).astype(np.float32)
    w = rng.standard_normal(30)
    top, bottom, z = extremes(w, 0.3, X, k=6)
    brute = np.array([w @ X[:, i] + 0.3 for i in range(50)])
    np.testing.assert_allclose(z, brute, rtol=1e-5)
    assert list(top) == list(np.argsort(-brute)[:6])
    assert list(bottom) == list(np.argsort(brute)[:6])
    with pytest.raises(ValueError, match="weights"):
        extremes(w[:5], 0.0, X)


def test_wrong_shapes_are_refused_with_a_message():
    with pytest.raises(ValueError, match="pictures"):
        weight_pictures(np.zeros((2, 100)), SHAPE)

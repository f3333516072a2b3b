"""The network canvas's geometry without Qt: selection, layout, edges, buckets, colours, hits."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.network import Architecture, forward
from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.edges import N_BUCKETS, activation_rgba, bucket_style, quantise
from nnviz.ui.canvas.scene import (
    MAX_SHOWN_WIDE,
    N_SAMPLE_INPUTS,
    View,
    build_scene,
    input_pixel,
    pixel_centres,
    select_units,
)
from nnviz.ui.canvas.values import example_values

IMAGE = (64, 64, 3)


def weights(dims, seed=0, dtype=np.float32):
    rng = np.random.default_rng(seed)
    W = [np.zeros((0, 0), dtype)] + [
        (rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])).astype(dtype)
        for l in range(1, len(dims))
    ]
    b = [np.zeros((0, 0), dtype)] + [
        rng.standard_normal((n, 1)).astype(dtype) * 0.1 for n in dims[1:]
    ]
    return W, b


@pytest.mark.parametrize(
    ("dims", "image", "shown"),
    [
        ((12288, 1), IMAGE, [16, 1]),
        ((12288, 20, 7, 5, 1), IMAGE, [16, 20, 7, 5, 1]),
        ((2, 4, 1), None, [2, 4, 1]),
        ((12288, *([500] * 6), 1), IMAGE, [16] + [MAX_SHOWN_WIDE] * 6 + [1]),
        ((100, 1000, 1), None, [N_SAMPLE_INPUTS, MAX_SHOWN_WIDE, 1]),
    ],
)
def test_extreme_architectures_lay_out_inside_the_canvas(dims, image, shown):
    W, _ = weights(dims)
    s = build_scene(dims, W, 1200, 700, image)
    assert [len(u) for u in s.shown] == shown
    g = s.geometry
    assert np.all(np.diff(g.column_x) > 2 * g.radius)  # columns left to right, apart
    for l, pos in enumerate(g.pos):
        assert pos.shape == (shown[l], 2)
        assert np.all((pos[:, 0] > 0) & (pos[:, 0] < 1200) & (pos[:, 1] > g.top - 1))
        assert np.all(pos[:, 1] < g.bottom + 1)
        assert np.all(np.diff(pos[:, 1]) >= 2 * g.radius)  # no overlapping units
        assert np.all(np.diff(s.shown[l]) > 0)  # ascending unit indices, top to bottom
        assert (g.more[l] is None) == (shown[l] == dims[l])
    assert (g.image_rect is not None) == (image is not None)
    for l in range(1, len(dims)):  # edges only between shown units, W[l][dst, src]
        es = s.edges[l]
        assert len(es.w) == shown[l] * shown[l - 1]
        assert es.total == dims[l] * dims[l - 1]
        np.testing.assert_array_equal(es.w, W[l][es.dst, es.src])
        assert set(es.src) <= set(s.shown[l - 1]) and set(es.dst) <= set(s.shown[l])


def test_input_samples_are_the_inputs_layer_1_listens_to_most():
    dims = (12288, 20, 1)
    W, _ = weights(dims)
    W[1][:, [5, 700, 9000]] *= 50
    s = build_scene(dims, W, 1200, 700, IMAGE)
    assert {5, 700, 9000} <= set(s.shown[0].tolist())
    assert len(s.shown[0]) == N_SAMPLE_INPUTS
    # 16 x 20 = 320 of 245,760 weights drawn
    assert len(s.edges[1].w) == 320 and s.edges[1].total == 245_760 and s.edges[1].subsampled


def test_select_units_keeps_near_ties_to_avoid_flicker():
    scores = np.array([1.0, 5, 3, 4, 2])
    np.testing.assert_array_equal(select_units(scores, 2), [1, 3])
    assert len(select_units(scores, 9)) == 5
    prev = np.array([2, 1])  # unit 2 scores 3 >= 0.9 * 4 (the 2nd best)? no: 3 < 3.6
    np.testing.assert_array_equal(select_units(scores, 2, prev), [1, 3])
    scores[2] = 3.9  # now a near tie with unit 3: it stays
    np.testing.assert_array_equal(select_units(scores, 2, np.array([1, 2])), [1, 2])


def test_input_pixel_follows_the_course_flattening():
    rng = np.random.default_rng(1)
    img = rng.integers(0, 255, IMAGE)
    x = img.reshape(-1)  # course: x.reshape(m, -1).T on (m, 64, 64, 3)
    for i in (0, 1, 2, 3, 191, 192, 5000, 12287):
        r, c, ch = input_pixel(np.array(i), IMAGE)
        assert img[r, c, ch] == x[i]
    centres = pixel_centres(np.array([0, 12287]), IMAGE, (10, 20, 128, 128))
    np.testing.assert_allclose(centres, [[11, 21], [10 + 127, 20 + 127]])


def test_quantise_splits_sign_and_orders_levels():
    w = np.array([-2.0, -0.01, 0.0, 0.01, 0.5, 1.0, 2.0])
    b = quantise(w)
    assert b.min() >= 0 and b.max() < 2 * N_BUCKETS
    assert b[0] >= N_BUCKETS and b[1] >= N_BUCKETS  # negative weights
    assert np.all(b[2:] < N_BUCKETS)
    assert b[3] <= b[4] <= b[5] <= b[6] == N_BUCKETS - 1
    assert quantise(np.zeros(0)).size == 0
    assert np.all(quantise(np.zeros(4)) == 0)  # no division by zero
    widths = [bucket_style(k)[1] for k in range(N_BUCKETS)]
    assert widths == sorted(widths)


def test_activation_scale_is_white_to_ink():
    rgba = activation_rgba(np.array([0.0, 1.0, 0.5, np.nan]), 0.0, 1.0)
    assert tuple(rgba[0]) == (255, 255, 255, 255)
    assert rgba[1, :3].sum() < rgba[2, :3].sum() < rgba[0, :3].sum()


def test_hit_tests_find_units_and_edges():
    dims = (2, 4, 1)
    W, _ = weights(dims)
    s = build_scene(dims, W, 800, 500)
    x, y = s.geometry.pos[1][2]
    assert s.hit_unit((x + 1, y - 1)) == (1, 2)
    assert s.hit_unit((5, 5)) is None
    es = s.edges[2]  # layer 1 -> output
    i = 0
    mid = (es.p0[i] + es.p1[i]) / 2
    assert s.hit_unit(tuple(mid)) is None
    assert s.hit_edge(tuple(mid + np.array([0, 1.5])), tol=4) == (2, int(es.dst[i]), int(es.src[i]))
    assert s.hit_edge((5, 5), tol=4) is None


def test_view_zooms_about_the_pointer():
    v = View().zoomed(2.0, (100, 50))
    np.testing.assert_allclose(v.map((100, 50)), (100, 50))
    np.testing.assert_allclose(v.unmap(v.map((3, 4))), (3, 4))
    assert v.scale == 2 and v.panned(5, 0).tx == v.tx + 5


def test_example_values_match_the_engine():
    dims = (12, 5, 3, 1)
    W, b = weights(dims)
    snap = Snapshot(0, dims, "relu", "cross-entropy", 0.1, tuple(W), tuple(b), (), (), None, None)
    X = np.random.default_rng(2).random((12, 4)).astype(np.float32)
    _, A = forward(Architecture(dims, "relu"), W, b, X)
    v = example_values(snap, X[:, 2], 1.0)
    np.testing.assert_allclose(v.yhat, A[-1][0, 2], rtol=1e-6)
    np.testing.assert_allclose(v.a[1], A[1][:, 2], rtol=1e-6)
    np.testing.assert_allclose(v.dz[-1], [v.yhat - 1.0], rtol=1e-5)  # dZ[L] = A - Y
    assert example_values(snap, X[:, 2], None).dz is None
    with pytest.raises(ValueError, match=r"shape \(12,\)"):
        example_values(snap, np.zeros(7), 1.0)

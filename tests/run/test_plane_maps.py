"""Maps over the input plane (nnviz.run.plane_maps): grids, the forward pass, colours, contours."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.data import load_builtin
from nnviz.data.planar import PlanarSpec, make_planar
from nnviz.engine.network import Architecture, forward
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.plane_maps import (
    LUT,
    Plane,
    activation_range,
    contour_segments,
    diverging_rgb,
    grid_inputs,
    plane_for,
    unit_grids,
)


def test_grid_is_row_major_from_the_top_left():
    g = Plane(-1, 1, -2, 2).grid(4)
    assert g.shape == (2, 16)
    assert g[:, 0] == pytest.approx([-0.75, 1.5])  # top-left cell centre
    assert g[:, 3] == pytest.approx([0.75, 1.5])  # top-right
    assert g[:, 12] == pytest.approx([-0.75, -1.5])  # bottom-left


def test_planes_of_2d_data_and_none_for_pictures():
    assert plane_for(make_planar(PlanarSpec("xor"))) == Plane(-6, 6, -6, 6)
    flower = load_builtin("flower")
    p = plane_for(flower)
    pts = np.concatenate([flower.X, flower.X_test], axis=1)
    assert p.x0 < pts[0].min() and p.x1 > pts[0].max() and p.y0 < pts[1].min()
    assert p.x1 - p.x0 == pytest.approx(p.y1 - p.y0)  # square
    assert plane_for(load_builtin("cats")) is None


def test_unit_grids_are_the_engines_forward_pass_at_every_point():
    ds = make_planar(PlanarSpec("spiral", features=("x1", "x2", "sin1", "x1x2")))
    X, Y, _, _ = ds.as_dtype("float64")
    t = Trainer(TrainConfig(hidden_layers=(5, 3), activation="tanh", lr=0.1), X, Y)
    t.run(50)
    res = 12
    plane = plane_for(ds)
    inputs = grid_inputs(ds, plane, res)
    grids = unit_grids(t.arch.layer_dims, "tanh", t.W, t.b, inputs, res)
    assert [g.shape for g in grids] == [(4, res, res), (5, res, res), (3, res, res), (1, res, res)]
    pts = plane.grid(res)
    for k in (0, 37, 143):  # grid point k, through the engine alone
        r, c = divmod(k, res)
        x = ds.spec.features_of(pts[:, k : k + 1])
        _, A = forward(Architecture(t.arch.layer_dims, "tanh"), t.W, t.b, x)
        for l in range(4):
            np.testing.assert_allclose(grids[l][:, r, c], A[l][:, 0], rtol=1e-12, atol=1e-12)
    assert np.all((grids[3] > 0) & (grids[3] < 1))  # ŷ


def test_colours_and_ranges():
    rgb = diverging_rgb(np.array([0.0, 0.5, 1.0, np.nan]), 0.0, 1.0)
    assert tuple(rgb[0]) == (221, 107, 32) and tuple(rgb[2]) == (43, 108, 176)
    assert rgb[1].min() > 240 and rgb[3].min() > 240  # white at the middle (and for NaN)
    assert LUT.shape == (256, 3)
    assert activation_range("tanh", np.zeros(3)) == (-1, 1)
    assert activation_range("relu", np.array([0.0, 2.0, -3.0])) == (-3, 3)
    assert activation_range("relu", np.zeros(0), output=True) == (0, 1)


def test_contour_of_a_disc_lies_on_its_circle():
    plane = Plane(-2, 2, -2, 2)
    res = 41
    pts = plane.grid(res)
    v = np.hypot(pts[0], pts[1]).reshape(res, res)
    seg = contour_segments(v, 1.0, plane)
    assert len(seg) > 40
    radii = np.hypot(seg[..., 0], seg[..., 1])
    assert np.abs(radii - 1.0).max() < 0.02  # linear interpolation on a fine grid
    assert len(contour_segments(np.zeros((5, 5)) + 2, 1.0, plane)) == 0
    xor = np.array([[1.0, 0.0], [0.0, 1.0]])  # a saddle cell: two segments
    assert len(contour_segments(xor, 0.5, plane)) == 2


def test_unit_maps_are_coloured_activations_of_the_forward_pass():
    from nnviz.engine.snapshot import take_snapshot
    from nnviz.run.plane_maps import colour_unit_maps

    ds = make_planar(PlanarSpec("circle", features=("x1", "x2", "x1sq")))
    X, Y, _, _ = ds.as_dtype("float64")
    t = Trainer(TrainConfig(hidden_layers=(3, 2), activation="relu", lr=0.1), X, Y)
    t.run(20)
    snap = take_snapshot(t)
    res = 10
    inputs = grid_inputs(ds, plane_for(ds), res)
    maps = colour_unit_maps(snap, inputs, res)
    assert [m.shape for m in maps] == [(3, res, res, 3), (3, res, res, 3), (2, res, res, 3),
                                       (1, res, res, 3)]  # fmt: skip
    _, A = forward(Architecture(snap.layer_dims, "relu"), snap.W, snap.b, inputs)
    m1 = np.abs(A[1]).max()
    np.testing.assert_array_equal(maps[1][2].reshape(-1, 3), diverging_rgb(A[1][2], -m1, m1))
    np.testing.assert_array_equal(maps[3][0].reshape(-1, 3), diverging_rgb(A[3][0], 0, 1))
    x1sq = inputs[2] / np.abs(inputs[2]).max()
    np.testing.assert_array_equal(maps[0][2].reshape(-1, 3), diverging_rgb(x1sq, -1, 1))

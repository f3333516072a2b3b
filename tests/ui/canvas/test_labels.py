"""The canvas's word layout without Qt: the placer, the words of every architecture at every width
(measured by a stand-in for the font), the legend plan and the one fill scale; the words against
what is drawn over them (edges, the picture's lines, units): the tests of a box against those
agree with a brute-force look, the placer and the example's caption step aside from them, and no
word at any width is drawn under one."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.ui.canvas.caption import caption_labels
from nnviz.ui.canvas.edges import activation_rgba, fill_scale
from nnviz.ui.canvas.labels import Face, Placer, Want, clashes, options, overlaps
from nnviz.ui.canvas.legend import plan_legend
from nnviz.ui.canvas.marks import Marks, canvas_marks, clear_until, crosses, meets
from nnviz.ui.canvas.scene import View, build_scene
from nnviz.ui.canvas.wording import layout_words, readout_labels


def fake_measure(text: str, face: Face) -> tuple[float, float]:
    """Roughly DejaVu Sans: 0.62 em a character (0.68 bold), 1.17 em a line."""
    return len(text) * face.px * (0.68 if face.bold else 0.62), face.px * 1.17


def weights(dims, seed=0):
    rng = np.random.default_rng(seed)
    return [np.zeros((0, 0))] + [
        rng.standard_normal((dims[l], dims[l - 1])) for l in range(1, len(dims))
    ]


ARCHS = [
    ((12288, 50, 20, 10, 5, 1), (64, 64, 3)),
    ((12288, *[500] * 7, 1), (64, 64, 3)),
    ((12288, 20, 7, 5, 1), (64, 64, 3)),
    ((2, 4, 1), None),
    ((30, 8, 1), None),
    ((100, 500, 500, 1), None),
]


def placed_labels(scene, size, image, readout, marks: bool = True) -> list:
    """Every word the canvas places: the layout's, the example caption and the readout."""
    ws = layout_words(scene, View(), size, "ReLU", image, fake_measure)
    labels = list(ws.labels)
    if ws.caption_zone is not None:
        cx = scene.geometry.image_rect[0] + scene.geometry.image_rect[2] / 2
        caption = "train example 123 · y = 1 (cat)"
        avoid = (canvas_marks(scene, View()),) if marks else ()
        labels += caption_labels(ws.caption_zone, cx, caption, fake_measure, *avoid)
    cy = float(scene.geometry.pos[-1][0][1])
    return labels + readout_labels(ws.readout_zone, cy, readout, fake_measure)


@pytest.mark.parametrize(("dims", "image"), ARCHS)
def test_no_word_overlaps_or_leaves_the_canvas_at_any_width(dims, image):
    W = weights(dims)
    for width in range(500, 2001, 150):
        for height in (360, 560, 900):
            scene = build_scene(dims, W, width, height, image)
            readout = [("ŷ = 0.52", "text"), ("→ non-cat", "text"), ("y = 0 (non-cat) ✓", "ok")]
            labels = placed_labels(scene, (width, height), image, readout, marks=False)
            assert clashes(labels, (0, 0, width, height)) == [], (width, height)
            kinds = {lab.kind for lab in labels}
            assert {"title", "readout"} <= kinds, (width, height)  # the essentials stay


def test_wide_canvases_keep_the_full_words():
    dims = (12288, 50, 20, 10, 5, 1)
    scene = build_scene(dims, weights(dims), 1800, 700, (64, 64, 3))
    ws = layout_words(scene, View(), (1800, 700), "ReLU", (64, 64, 3), fake_measure)
    texts = {lab.text for lab in ws.labels}
    assert {"Input · layer 0", "Layer 5 · output", "50 units · ReLU", "W[1] (50, 12288)"} <= texts
    assert "showing 384 of 614,400 weights" in texts


def test_narrow_canvases_shorten_rather_than_overlap():
    dims = (12288, *[500] * 7, 1)
    scene = build_scene(dims, weights(dims), 500, 420, (64, 64, 3))
    ws = layout_words(scene, View(), (500, 420), "ReLU", (64, 64, 3), fake_measure)
    titles = [lab.text for lab in ws.labels if lab.kind == "title"]
    assert len(titles) == 9 and "L8" in titles  # every column named, shortly
    assert clashes(ws.labels, (0, 0, 500, 420)) == []


def test_the_placer_drops_what_does_not_fit_and_groups_read_alike():
    p = Placer(fake_measure, (0, 0, 200, 100))
    big = options(["a long long label", "short"], [Face(12), Face(9)])
    a, b = p.group([Want("t", 50, 10, big), Want("t", 150, 10, big)])
    assert a.lines == b.lines == ("short",) and a.face == b.face  # one option for both
    assert p.one(Want("t", 100, 10, options(["a long long label"], [Face(12)]))) is None  # no room
    assert p.one(Want("t", 100, 10, options(["x"], [Face(12)]))) is not None  # between the two
    assert p.one(Want("t", 190, 50, options(["clamped"], [Face(12)]), clamp=True)).x + 1 < 200 - 50
    assert not any(
        overlaps(x.box, y.box) for i, x in enumerate(p.labels) for y in p.labels[i + 1 :]
    )


def test_the_caption_wraps_then_drops_parts():
    zone = (2, 10, 110, 30)
    (lab,) = caption_labels(zone, 60, "train example 12 · y = 1 (cat)", fake_measure)
    assert lab.lines[0].startswith("train example 12")
    assert clashes([lab], zone) == []


def test_the_legend_shortens_with_the_width_and_keeps_the_fill_scale():
    wide = plan_legend(1400, 600, 30, 0.0, 3.2, fake_measure)
    words = [p.label.text for p in wide if p.label]
    assert "fill: activation a, one scale for all layers" in words and "3.2" in words
    for w in (420, 500, 700, 1000):
        pieces = plan_legend(w, 600, 30, 0.0, 3.2, fake_measure)
        assert pieces and pieces[-1].x + pieces[-1].w <= w
        assert any(p.kind == "gradient" for p in pieces)
        assert any(p.label and p.label.text == "3.2" for p in pieces)
        assert clashes([p.label for p in pieces if p.label], (0, 570, w, 30)) == []


def test_one_fill_scale_for_all_layers():
    a = [np.zeros(2), np.array([0.0009, 0.0002]), np.array([2.5, 0.1]), np.array([0.6])]
    lo, hi = fill_scale(a, "relu", image=False)
    assert (lo, hi) == (0.0, 2.5)
    tiny = activation_rgba(np.array([0.0009]), lo, hi)[0]
    assert tiny[:3].min() > 250  # near white, not the darkest colour
    lo, hi = fill_scale([np.zeros(0), np.array([0.0009]), np.array([0.4])], "relu", image=True)
    assert (lo, hi) == (0.0, 1.0)  # never narrower than 0..1: small activations stay pale
    assert activation_rgba(np.array([0.0009]), lo, hi)[0][:3].min() > 250
    assert fill_scale([np.array([-0.5]), np.array([0.2])], "tanh", image=False) == (-1.0, 1.0)


def _hits(points: np.ndarray, box, grow: float) -> bool:
    x, y, w, h = box
    inside = (points[:, 0] >= x - grow) & (points[:, 0] <= x + w + grow)
    return bool((inside & (points[:, 1] >= y - grow) & (points[:, 1] <= y + h + grow)).any())


def test_crosses_and_meets_agree_with_points_along_the_lines():
    rng = np.random.default_rng(1)
    t = np.linspace(0, 1, 4001)[:, None]
    grid = np.stack(np.meshgrid(np.linspace(0, 1, 101), np.linspace(0, 1, 101)), -1)
    grid = grid.reshape(-1, 2)
    for _ in range(300):
        seg = rng.uniform(0, 100, 4)
        if rng.random() < 0.2:
            seg[3] = seg[1]  # a horizontal line
        box = (*rng.uniform(0, 90, 2), *rng.uniform(1, 30, 2))
        points = seg[:2] + (seg[2:] - seg[:2]) * t
        if _hits(points, box, -0.1):
            assert crosses(box, seg[None, :]), (seg, box)
        if not _hits(points, box, 0.1):
            assert not crosses(box, seg[None, :]), (seg, box)
        down = np.array([0.0, 25.0])
        quad = np.array([seg[:2], seg[2:], seg[2:] + down, seg[:2] + down])
        filled = seg[:2] + (seg[2:] - seg[:2]) * grid[:, :1] + down * grid[:, 1:]
        if _hits(filled, box, -0.1):
            assert meets(box, quad), (quad, box)
        if not _hits(filled, box, 1.5):  # the grid's points are at most 1.2 px apart
            assert not meets(box, quad), (quad, box)
    assert crosses((0, 0, 10, 10), np.array([[-5, 12, 15, 12]]), pad=2.5)  # within the pad


def test_clear_until_is_where_a_band_first_meets_the_marks():
    rng = np.random.default_rng(2)
    marks = Marks(rng.uniform(40, 200, (12, 4)), rng.uniform(60, 200, (5, 2)), 6.0)
    tops = np.arange(0.0, 200.0, 7.0)
    for top, x in zip(tops, clear_until(marks, 0.0, 250.0, tops, tops + 20), strict=True):
        if x > 3:
            assert marks.hit((0.0, top, x - 1, 20.0)) is None, (top, x)
        if x < 249:
            assert marks.hit((0.0, top, x + 3, 20.0)) is not None, (top, x)


def test_the_placer_steps_aside_from_lines_and_the_caption_moves_up():
    lines = Marks(np.array([[0.0, 40.0, 200.0, 40.0], [100.0, 0.0, 100.0, 100.0]]))
    p = Placer(fake_measure, (0, 0, 200, 100), marks=lines)
    opts = options(["a label"], [Face(12)])
    lab = p.one(Want("t", 100, 34, opts, ys=(38, 43, 46), anchors=((110, "left"),)))
    assert lab is not None and (lab.y, lab.x) == (43, 110)  # under one line, right of the other
    zone = (0.0, 0.0, 120.0, 60.0)
    (cap,) = caption_labels(zone, 50, "train example 1 · y = 1 (cat)", fake_measure, lines)
    assert cap.y + cap.h <= 38 and lines.hit(cap.box) is None  # above the line, all of it
    assert " · ".join(cap.lines) == "train example 1 · y = 1 (cat)" and cap.face.px >= 10


@pytest.mark.parametrize(("dims", "image"), ARCHS)
def test_no_word_is_drawn_under_an_edge_a_line_or_a_unit_at_any_width(dims, image):
    W = weights(dims)
    for width in range(500, 2001, 250):
        for height in (360, 560, 900):
            scene = build_scene(dims, W, width, height, image)
            labels = placed_labels(scene, (width, height), image, [("ŷ = 0.52", "text")])
            drawn = canvas_marks(scene, View(), edges=True)  # every edge, as painted
            assert clashes(labels, (0, 0, width, height), drawn) == [], (width, height)
            if image is not None:
                kinds = [lab.kind for lab in labels]
                assert "caption" in kinds and "input" in kinds, (width, height)

"""The Landscape tab's α and β axes: readable, non-overlapping tick labels on narrow plots."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from nnviz.run.landscape_plan import Landscape
from nnviz.ui.lessons.landscape_view import LandscapePlots


def plane(span: float, beta: float = 1.0) -> Landscape:
    """A synthetic gradient + random plane: α in ±span, β in ±beta, a bowl for both losses."""
    a, b = np.linspace(-span, span, 41), np.linspace(-beta, beta, 41)
    bowl = 0.46 + (a[None, :] / span) ** 2 + (b[:, None] / beta) ** 2
    line_a = np.linspace(-span, span, 81)
    line = 0.46 + (line_a / span) ** 2
    return Landscape(
        mode="gradient",
        iteration=200,
        alphas=a,
        betas=b,
        grids={"cross-entropy": bowl, "squared-error": bowl / 4},
        line_alphas=line_a,
        line={"cross-entropy": line, "squared-error": line / 4},
        centre=(0.0, 0.0),
        path=None,
        names=("α", "β"),
        explained=None,
        m=300,
    )


def labels(axis) -> list[tuple]:
    """The tick labels the axis draws: (rect, text), as pyqtgraph lays them out."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    p = QPainter(image)
    try:
        if axis.style["tickFont"] is not None:
            p.setFont(axis.style["tickFont"])
        specs = axis.generateDrawSpecs(p)
    finally:
        p.end()
    assert specs is not None
    return [(rect, text) for rect, _flags, text in specs[2]]


def assert_readable(axis, at_least: int) -> list[str]:
    drawn = sorted(labels(axis), key=lambda rt: (rt[0].left(), rt[0].top()))
    texts = [t for _r, t in drawn]
    assert len(drawn) >= at_least, texts
    for (r1, t1), (r2, t2) in itertools.pairwise(drawn):
        assert not r1.intersects(r2), (t1, t2, texts)
        if axis.orientation == "bottom":
            assert r2.left() - r1.right() >= 6, (t1, t2, texts)  # a visible gap
    return texts


@pytest.mark.parametrize("width", [330, 420, 700])
def test_narrow_plane_alpha_labels_do_not_overlap(qtbot, width):
    """Cats at iteration 200, gradient + random: α in ±0.05 on maps ~100 px wide used to read
    "-0.020.000.020.04", and J along α showed a lone "0.00"."""
    plots = LandscapePlots()
    qtbot.addWidget(plots)
    plots.resize(width, 220)
    plots.show()
    qtbot.waitExposed(plots)
    plots.draw(plane(0.05))
    axis = plots.maps["cross-entropy"].getAxis("bottom")
    qtbot.waitUntil(lambda: axis.range[1] == pytest.approx(0.05), timeout=5_000)
    for key in ("cross-entropy", "squared-error"):
        texts = assert_readable(plots.maps[key].getAxis("bottom"), at_least=2)
        assert "0" in texts and "0.00" not in texts, texts  # compact labels
        assert_readable(plots.maps[key].getAxis("left"), at_least=2)
    assert_readable(plots.line_plot.getAxis("bottom"), at_least=2)


def test_map_edges_are_labelled_when_the_plane_is_narrow(qtbot):
    """With ~100 px for ±0.05 the labels are the plane's edges and its centre."""
    plots = LandscapePlots()
    qtbot.addWidget(plots)
    plots.resize(420, 220)
    plots.show()
    qtbot.waitExposed(plots)
    plots.draw(plane(0.05))
    axis = plots.maps["cross-entropy"].getAxis("bottom")
    qtbot.waitUntil(lambda: axis.range[1] == pytest.approx(0.05), timeout=5_000)
    assert axis.geometry().width() < 130
    assert [t for _r, t in sorted(labels(axis), key=lambda rt: rt[0].left())] == [
        "-0.05",
        "0",
        "0.05",
    ]

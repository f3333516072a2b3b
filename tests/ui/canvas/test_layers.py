"""The canvas's cached layers: the legend strip drawn once and blitted looks as drawn in place."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from nnviz.ui.canvas.layers import LegendStrip
from nnviz.ui.canvas.text import draw_legend
from nnviz.ui.common import theme

W, H = 900, 560


def canvas_image(draw) -> QImage:
    img = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor(theme.SURFACE))
    p = QPainter(img)
    draw(p)
    p.end()
    return img


@pytest.mark.parametrize("maps", [False, True])
def test_the_cached_legend_strip_is_the_legend_drawn_in_place(qtbot, maps):
    scale = (-0.75, 1.5)
    want = canvas_image(lambda p: draw_legend(p, W, H, "tanh", scale, maps))
    strip = LegendStrip()
    got = canvas_image(lambda p: strip.draw(p, W, H, "tanh", scale, maps))
    assert got == want


def test_the_strip_is_drawn_again_only_when_its_words_change(qtbot):
    strip = LegendStrip()
    canvas_image(lambda p: strip.draw(p, W, H, "relu", (0.0, 1.0), False))
    made = strip._made
    canvas_image(lambda p: strip.draw(p, W, H, "relu", (0.0, 1.0001), False))  # "1" either way
    assert strip._made is made
    canvas_image(lambda p: strip.draw(p, W, H, "relu", (0.0, 2.0), False))  # a new end
    assert strip._made is not made
    made = strip._made
    canvas_image(lambda p: strip.draw(p, W, H, "relu", (0.0, 5.0), True))  # maps: no numbers
    made = strip._made
    canvas_image(lambda p: strip.draw(p, W, H, "relu", (0.0, 7.0), True))
    assert strip._made is made

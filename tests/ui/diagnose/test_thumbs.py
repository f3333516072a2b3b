"""The example thumbnails (Mistakes tab, confusion matrix cells): every caption reads in full in
its item, whatever its length or the font, on a grid of equal cells."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from nnviz.data.dataset import Dataset
from nnviz.ui.diagnose.thumbs import Thumbs


def _pictures(names: tuple[str, str]) -> Dataset:
    raw = np.random.default_rng(0).integers(0, 255, (8, 8, 8, 3), dtype=np.uint8)
    Y = np.array([[0, 1, 0, 0, 1, 0, 0, 1]], np.float32)
    X = raw.reshape(8, -1).T / 255
    return Dataset("t", X, Y, X, Y, (8, 8, 3), names, "built-in", raw=raw, raw_test=raw)


def _points() -> Dataset:
    X = np.random.default_rng(1).normal(size=(2, 8)) * 3
    Y = np.array([[0, 1, 0, 0, 1, 0, 0, 1]], np.float32)
    return Dataset("p", X, Y, X, Y, None, ("red", "blue"), "built-in")


def cut_captions(thumbs: Thumbs) -> list[str]:
    """The caption lines of the shown items that are wider than their item leaves room for
    (the delegate elides those to "y = non…")."""
    margin = thumbs.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, thumbs) + 1
    fm = thumbs.fontMetrics()
    cut = []
    for row in range(thumbs.count()):
        item = thumbs.item(row)
        room = thumbs.visualItemRect(item).width() - 2 * margin
        cut += [line for line in item.text().split("\n") if fm.horizontalAdvance(line) > room]
    return cut


@pytest.mark.parametrize("points", [9.0, 13.0])
@pytest.mark.parametrize(
    ("names", "icon", "lines"),
    [
        (("non-cat", "cat"), 52, 2),  # the Mistakes tab
        (("not a golden retriever", "golden retriever"), 52, 2),  # a folder's class names
        (("non-cat", "cat"), 36, 1),  # a confusion matrix cell
        (None, 36, 1),  # point data: "x = (0.31, -1.2)"
    ],
)
def test_every_caption_reads_in_full_on_an_even_grid(qtbot, names, icon, lines, points):
    data = _points() if names is None else _pictures(names)
    thumbs = Thumbs(icon, lines=lines)
    font = QFont(thumbs.font())
    font.setPointSizeF(points)
    thumbs.setFont(font)
    qtbot.addWidget(thumbs)
    thumbs.resize(520, 400)
    thumbs.show()
    labels = lines == 2
    order = np.arange(8)
    P = np.linspace(0.9, 0.1, 8)
    # "y = cat" last: uniform item sizes would size every item as that one (Qt's sample)
    thumbs.show_examples(data, True, order, P, data.Y_test[0], labels=labels)
    QApplication.processEvents()
    assert not cut_captions(thumbs)
    # the same examples again with new ŷ (as while training: the items are kept, words change)
    thumbs.show_examples(data, True, order, P[::-1], data.Y_test[0], labels=labels)
    QApplication.processEvents()
    assert not cut_captions(thumbs)
    # other examples, "y = non-cat" last
    thumbs.show_examples(data, True, order[:-1], P, data.Y_test[0], labels=labels)
    QApplication.processEvents()
    assert not cut_captions(thumbs)
    # a grid of equal cells, at least as roomy as before
    grid = thumbs.gridSize()
    assert grid.width() >= icon + 48 and grid.height() >= icon + 8 + 15 * lines
    rects = [thumbs.visualItemRect(thumbs.item(r)) for r in range(thumbs.count())]
    cells = {(r.left() // grid.width(), r.top() // grid.height()) for r in rects}
    assert len(cells) == len(rects) and len({col for col, _ in cells}) > 1
    for r in rects:  # each item inside its own cell
        assert r.right() // grid.width() == r.left() // grid.width()
        assert r.bottom() // grid.height() == r.top() // grid.height()

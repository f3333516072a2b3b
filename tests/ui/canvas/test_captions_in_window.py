"""The canvas in the real window at the sizes a class uses: the example's caption ("train example
1 · y = 1 (cat)") and the input's notes ("x₁ … x₁₂₂₈₈", "16 most used inputs shown") are shown
whole, inside the canvas above the legend, and clear of every drawn edge, line of the picture and
unit (which are painted over the words); no other text overlaps, is clipped or is drawn under
them either."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from nnviz.ui.canvas.labels import inside
from nnviz.ui.canvas.marks import canvas_marks
from nnviz.ui.canvas.wording import LEGEND_H, text_bounds

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]


@pytest.fixture
def trained_window(qtbot, make_window):
    w, c = make_window(size=SIZES[0])
    c.play(until=20)
    qtbot.waitUntil(lambda: c.record.iteration == 20 and not c.is_playing, timeout=60_000)
    return w, c


def test_captions_are_whole_and_clear_of_edges_and_units(trained_window):
    w, c = trained_window
    for size in SIZES:
        w.resize(*size)
        QApplication.processEvents()
        canvas = w.canvas
        canvas.flush()
        labels = canvas.drawn_labels()
        marks = canvas_marks(canvas.scene, canvas.view, edges=True)  # as painted, every edge
        width, height = canvas.width(), canvas.height()
        assert height > LEGEND_H + 200, (size, height)
        caption = [lab for lab in labels if lab.kind == "caption"]
        notes = [" ".join(lab.lines) for lab in labels if lab.kind == "input"]
        assert [" · ".join(lab.lines) for lab in caption] == [c.example_caption()], size
        assert notes == ["x₁ … x₁₂₂₈₈", "16 most used inputs shown"], size
        for lab in [*caption, *(lab for lab in labels if lab.kind == "input")]:
            assert inside(lab.box, text_bounds(width, height), 0.0), (size, lab)
            assert marks.hit(lab.box, 0.0) is None, (size, lab, marks.hit(lab.box, 0.0))
            assert lab.face.px >= 10, (size, lab)  # readable, not squeezed to the smallest
        assert canvas.overlapping_texts() == [], size

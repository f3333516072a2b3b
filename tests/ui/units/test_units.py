"""The Units tab: first-layer weights as pictures, live, with the most and least active pictures."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from ui_waits import settle

from nnviz.run.unit_pictures import extremes, weight_pictures


def as_array(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    h, w, bpl = img.height(), img.width(), img.bytesPerLine()
    return np.frombuffer(img.constBits(), np.uint8).reshape(h, bpl)[:, : 3 * w].reshape(h, w, 3)


def test_units_tab_shows_W1_as_pictures_live_and_follows_canvas_clicks(qtbot, make_window):
    w, c = make_window("cats")
    units = w.units
    assert not units.state()["shown"]  # a tab among others until asked for
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    assert c.snapshot.iteration == 0
    start = np.array(c.snapshot.W[1])
    c.play(until=30)
    settle(qtbot, c, 30)
    w.places.show_tab(units.panel)
    QApplication.processEvents()
    state = units.state()
    snap = c.snapshot
    assert state["shown"] and state["iteration"] == 30 and state["units"] == 20
    assert abs(state["J"] - c.record.J()) < 1e-4
    # the grid: W[1] - W[1] at the start, row by row (the default "change since start")
    assert state["change"]
    want = weight_pictures(snap.W[1] - start, (64, 64, 3))
    for j in (0, 7, 19):
        np.testing.assert_array_equal(as_array(units.view.tiles[j]), want[j])
    # W[1] itself when the toggle is off
    units.panel.change.setChecked(False)
    np.testing.assert_array_equal(
        as_array(units.view.tiles[3]), weight_pictures(snap.W[1][3], (64, 64, 3))[0]
    )
    # a click on unit 6 of layer 1 on the canvas selects it, with its extremes
    w.canvas.unitClicked.emit(1, 5)
    state = units.state()
    assert state["unit"] == 6
    top, bottom, _ = extremes(snap.W[1][5], float(snap.b[1][5, 0]), c.dataset.X, 6)
    assert state["most_active"] == list(top) and state["least_active"] == list(bottom)
    assert len(units.view.top) == len(units.view.bottom) == 6
    # hovering unit 3 shows it (and its picture beside the canvas's hover box); leaving: unit 6
    w.canvas.unitHovered.emit(1, 2)
    assert units.state()["unit"] == 3
    pic = units.hover_picture((1, 2))
    np.testing.assert_array_equal(as_array(pic), weight_pictures(snap.W[1][2], (64, 64, 3))[0])
    assert units.hover_picture((2, 1)) is None  # only first-layer units are pictures
    w.canvas.unitHovered.emit(-1, -1)
    assert units.state()["unit"] == 6
    # a click on a grid tile selects that unit
    lay = units.view.layout_now()
    r = lay.tile_rect(10)
    qtbot.mouseClick(units.view, Qt.MouseButton.LeftButton, pos=r.center().toPoint())
    assert units.state()["unit"] == 11
    # live: more training, the tab follows
    c.play(until=45)
    settle(qtbot, c, 45)
    qtbot.waitUntil(lambda: units.state()["iteration"] == 45, timeout=10_000)
    np.testing.assert_array_equal(
        as_array(units.view.tiles[4]), weight_pictures(c.snapshot.W[1][4], (64, 64, 3))[0]
    )


def test_units_tab_says_why_it_is_empty_for_2d_data(qtbot, make_window):
    w, _c = make_window("flower")
    w.places.show_tab(w.units.panel)
    QApplication.processEvents()
    assert "picture datasets" in w.units.panel.note.text()
    assert w.units.state()["units"] == 0
    assert w.units.hover_picture((1, 0)) is None

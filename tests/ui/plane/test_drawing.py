"""Draw your own 2-D data on the Plane tab: clicks, drags, removal, CSV files, the settings."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from nnviz.data.drawn import read_csv, write_csv
from nnviz.data.planar import DRAWN, default_spec


def test_drawing_points_opens_them_as_the_dataset(qtbot, make_window, tmp_path):
    w, c = make_window("cats")
    plane = w.units.plane
    w.places.show_tab(plane.panel)
    bar, m = plane.drawing.bar, plane.map
    bar.draw.setChecked(True)  # pictures shown: drawing starts on an empty plane
    QApplication.processEvents()
    assert m.drawing and m.plane is not None and plane.drawing.y.size == 0
    r = m.square()

    def at(fx: float, fy: float) -> QPoint:
        return QPoint(int(r.left() + fx * r.width()), int(r.top() + fy * r.height()))

    qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=at(0.25, 0.25))  # one point: not yet
    assert c.dataset.name == "cats"
    bar.blue.setChecked(True)
    qtbot.mousePress(m, Qt.MouseButton.LeftButton, pos=at(0.7, 0.7))
    for k in range(1, 6):  # a stroke paints several
        qtbot.mouseMove(m, at(0.7 + 0.03 * k, 0.7))
    qtbot.mouseRelease(m, Qt.MouseButton.LeftButton, pos=at(0.85, 0.7))
    ds = c.dataset
    assert ds.spec.kind == DRAWN and ds.m + ds.m_test >= 4
    y = np.concatenate([ds.Y[0], ds.Y_test[0]])
    assert (y == 0).sum() == 1 and (y == 1).sum() >= 3
    pts = np.concatenate([ds.points, ds.points_test], axis=1)
    orange = pts[:, np.argmin(np.concatenate([ds.Y[0], ds.Y_test[0]]))]
    assert orange[0] < -2 and orange[1] > 2  # top-left of the plane
    assert plane.panel.settings.kind.currentData() == DRAWN
    assert not plane.panel.settings.noise.isEnabled()
    # right click removes the nearest
    n = ds.m + ds.m_test
    qtbot.mouseClick(m, Qt.MouseButton.RightButton, pos=at(0.25, 0.25))
    assert c.dataset.m + c.dataset.m_test == n - 1
    # the train share applies to drawn points too
    plane.panel.settings.ratio.setValue(90)
    assert c.dataset.spec.kind == DRAWN and c.dataset.spec.ratio == 0.9
    # save, then open: the same points
    path = tmp_path / "drawn.csv"
    assert plane.drawing.save_csv(str(path))
    _p, yy = read_csv(path)
    assert yy.size == n - 1
    bar.draw.setChecked(False)
    assert plane.open_spec(default_spec("circle"))
    assert plane.drawing.open_csv(str(path))
    assert c.dataset.spec.kind == DRAWN and c.dataset.m + c.dataset.m_test == n - 1
    # a bad file: one clear message naming it, nothing changed
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,y\n1,2,7\n")
    with qtbot.waitSignal(c.problem) as said:
        assert not plane.drawing.open_csv(str(bad))
    assert "bad.csv" in said.args[0] and "line 2" in said.args[0]


def test_drawing_asks_before_losing_training(qtbot, make_window, tmp_path):
    w, c = make_window("flower")
    plane = w.units.plane
    c.play(until=5)
    qtbot.waitUntil(lambda: c.record.iteration == 5 and not c.is_playing, timeout=60_000)
    c.confirm_reset = lambda question: False
    plane.drawing.bar.draw.setChecked(True)
    assert not plane.drawing.bar.draw.isChecked() and not plane.map.drawing
    c.confirm_reset = lambda question: True
    plane.drawing.bar.draw.setChecked(True)
    assert plane.drawing.y.size == c.dataset.m + c.dataset.m_test  # from the flower's points
    path = tmp_path / "flower.csv"
    write_csv(path, plane.drawing.points, plane.drawing.y)
    assert read_csv(path)[1].size == 400

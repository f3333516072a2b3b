"""Presenter mode: the canvas and the cost plot under a large caption; the transport keys work;
Escape leaves and everything comes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_presenter_mode_hides_the_chrome_keeps_the_keys_and_escape_leaves(qtbot, make_window):
    w, c = make_window(size=(1280, 720))
    p = w.presenter
    p.fullscreen = False  # offscreen: keep the window's size
    chrome = [x for x in w.places.chrome() if x.isVisible()]
    assert w.controls.isVisibleTo(w) and w.transport in chrome and w.timeline.bar in chrome
    p.action.trigger()  # F5
    assert p.on and all(not x.isVisible() for x in chrome)
    assert w.canvas.isVisible() and w.cost_plot.isVisible() and p.caption.isVisible()
    w.activateWindow()  # window shortcuts need the window active
    w.canvas.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas, timeout=5_000)
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=bool):
        qtbot.keyClick(w.canvas, Qt.Key.Key_Space)  # the transport keys still work
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=lambda x: not x):
        qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: p.state()["iteration"] == w.record.iteration, timeout=10_000)
    state = p.state()
    assert state["on"] and state["J"] is not None
    assert abs(state["J"] - w.record.J()) < 1e-4  # the caption rounds J to 4 decimals
    p.leave.trigger()  # Escape
    assert not p.on and all(x.isVisible() for x in chrome) and not p.caption.isVisible()

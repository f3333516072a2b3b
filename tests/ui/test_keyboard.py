"""The keyboard: a field lets go on Escape and the transport keys work again; Tab reaches every
control; the timeline has keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def focus(qtbot, widget: QWidget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5_000)


def test_type_in_a_field_escape_then_space_trains(qtbot, make_window):
    w, c = make_window()
    field = w.controls.layers
    focus(qtbot, field)
    field.end(False)
    qtbot.keyClick(field, Qt.Key.Key_Space)  # typing: the field keeps its keys
    qtbot.keyClick(field, Qt.Key.Key_Period)
    assert field.text().endswith(" .") and not c.is_playing
    field.setText("20, 7, 5")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.canvas, timeout=5_000)
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=bool):
        qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    with qtbot.waitSignal(c.playingChanged, timeout=30_000, check_params_cb=lambda p: not p):
        qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
    assert field.text() == "20, 7, 5"


def test_tab_reaches_every_control(qtbot, make_window):
    w, _c = make_window()
    focus(qtbot, w.canvas)
    seen, current = [], w.canvas
    for _ in range(300):
        w.focusNextChild()
        current = QApplication.focusWidget()
        if current is w.canvas or current in seen:
            break
        seen.append(current)
    must = [
        w.controls.dataset, w.controls.layers, w.controls.activation, w.controls.seed,
        w.controls.lr, w.controls.batch, w.controls.l2,
        w.examples.spin, w.examples.next_button, w.examples.train_button,
        w.transport.speed, w.timeline.bar.slider, w.sigmoid_plot,
    ]  # fmt: skip
    for widget in must:
        inside = any(s is widget or widget.isAncestorOf(s) for s in seen)
        assert inside, f"Tab never reaches {type(widget).__name__} {widget.objectName()}"
    tab_bars = [t.tabBar() for t in w.places.tabs.values()]
    assert all(any(s is bar for s in seen) for bar in tab_bars)


def test_the_timeline_keys_move_the_handle(qtbot, make_window):
    w, c = make_window()
    c.play(until=20)
    qtbot.waitUntil(lambda: c.record.iteration == 20 and not c.is_playing, timeout=60_000)
    slider = w.timeline.bar.slider
    qtbot.waitUntil(lambda: slider.value() == slider.maximum() == 20)  # the bar has caught up
    actions = {a.shortcut().toString(): a for a in w.places.menu("training").actions()}
    for keys, expect in (("Home", 0), ("Alt+Right", 1), ("PgDown", 3), ("End", 20)):
        actions[keys].trigger()
        assert slider.value() == expect, keys
    with qtbot.waitSignal(
        c.snapshotChanged, timeout=30_000, check_params_cb=lambda s: s.iteration == 18
    ):
        actions["PgUp"].trigger()  # back a tenth of the run: 2 iterations
    with qtbot.waitSignal(
        c.snapshotChanged, timeout=30_000, check_params_cb=lambda s: s.iteration == 17
    ):
        actions["Alt+Left"].trigger()
    assert w.record.iteration == 17 and c.viewing_past


def test_the_activation_is_off_for_logistic_regression(qtbot, make_window):
    w, c = make_window()
    c.confirm_reset = lambda question: True
    w.controls.layers.setText("")
    w.controls.layers.editingFinished.emit()
    qtbot.waitUntil(lambda: not w.controls.activation.isEnabled(), timeout=5_000)
    w.controls.layers.setText("4")
    w.controls.layers.editingFinished.emit()
    qtbot.waitUntil(lambda: w.controls.activation.isEnabled(), timeout=5_000)

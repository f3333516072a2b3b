"""The side panel's settings: the Initialisation combo reads in full at every window size, its
formulas in the tooltips, and choosing one changes the run's configuration."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from nnviz.engine.init import INITS


def text_room(combo: QComboBox) -> int:
    """The width the closed combo has for its text (the field beside the arrow)."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    style = combo.style()
    field = style.subControlRect(
        QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


@pytest.mark.parametrize("size", [(1024, 768), (1600, 1000), (2560, 1440)])
def test_every_initialisation_reads_in_full(qtbot, make_window, size):
    w, _ = make_window("flower", size=size)
    QApplication.processEvents()
    init = w.controls.init
    assert [init.itemData(i) for i in range(init.count())] == list(INITS)
    room = text_room(init)
    for i in range(init.count()):
        text = init.itemText(i)
        assert init.fontMetrics().horizontalAdvance(text) <= room, f"{text!r} cut at {size}"
        assert "W[l] =" in init.itemData(i, Qt.ItemDataRole.ToolTipRole)  # the formula


def test_choosing_an_initialisation_changes_the_run_and_its_tooltip(qtbot, make_window):
    w, c = make_window("flower")
    init = w.controls.init
    assert "randn / √n[l-1]" in init.toolTip()  # the course's, to start with
    he = init.findData("he")
    with qtbot.waitSignal(c.runReset, timeout=10_000) as reset:
        init.setCurrentIndex(he)
        init.activated.emit(he)  # as a click in the list does
    assert reset.args[0].init == c.config.init == "he"
    assert "√(2 / n[l-1])" in init.toolTip()

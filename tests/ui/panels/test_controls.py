"""The side panel's settings: every combo (Initialisation, Precision, …) reads in full at every
window size, the formulas and explanations in the tooltips, and choosing one changes the run's
configuration."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from nnviz.data import BUILTIN
from nnviz.engine.init import INITS
from nnviz.ui.panels.data_box import OPEN_FOLDER, OPEN_H5

ENABLED = Qt.ItemFlag.ItemIsEnabled


def text_room(combo: QComboBox) -> int:
    """The width the closed combo has for its text (the field beside the arrow)."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    style = combo.style()
    field = style.subControlRect(
        QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def cut_items(combo: QComboBox) -> list[str]:
    """The items that would be cut when chosen (the "Open …" actions and the section headers
    are never shown chosen)."""
    room, fm = text_room(combo), combo.fontMetrics()
    model = combo.model()
    can_choose = [i for i in range(combo.count()) if model.flags(model.index(i, 0)) & ENABLED]
    texts = [combo.itemText(i) for i in can_choose]
    shown = [t for t in texts if t and t not in (OPEN_H5, OPEN_FOLDER)]  # "": the separator
    return [t for t in shown if fm.horizontalAdvance(t) > room]


@pytest.mark.parametrize("size", [(1024, 768), (1600, 1000), (2560, 1440)])
def test_every_initialisation_reads_in_full(qtbot, make_window, size):
    w, _ = make_window("flower", size=size)
    QApplication.processEvents()
    init = w.controls.init
    assert [init.itemData(i) for i in range(init.count())] == list(INITS)
    assert not cut_items(init), f"cut at {size}"
    for i in range(init.count()):
        assert "W[l] =" in init.itemData(i, Qt.ItemDataRole.ToolTipRole)  # the formula


@pytest.mark.parametrize("size", [(1024, 768), (1600, 1000), (2560, 1440)])
def test_every_setting_combo_reads_in_full(qtbot, make_window, size):
    """Positive class, activation, loss, initialisation and precision: each item fits its
    closed combo (the precision's explanations are in its tooltips)."""
    w, _ = make_window("cats", size=size)
    QApplication.processEvents()
    p = w.controls
    combos = [p.data.positive, p.activation, p.loss, p.init, p.dtype]
    assert set(p.findChildren(QComboBox)) == {*combos, p.dataset}  # every combo of the panel
    for combo in combos:
        assert combo.count() and not cut_items(combo), f"cut at {size}"
    assert [p.dtype.itemText(i) for i in range(p.dtype.count())] == ["float64", "float32"]
    tips = [p.dtype.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(p.dtype.count())]
    assert "exact" in tips[0] and "half the memory" in tips[1]
    assert "exact" in p.dtype.toolTip()  # float64, the chosen one
    p.dtype.setCurrentIndex(1)
    assert "half the memory" in p.dtype.toolTip()


@pytest.mark.parametrize("size", [(1024, 768), (1600, 1000), (2560, 1440)])
def test_every_builtin_dataset_reads_in_full(qtbot, make_window, size):
    """The built-ins are listed by name alone under a "Built-in" header (their suffix cut
    "flower (built-in)" and "gaussian (built-in)" at 1024×768)."""
    w, _ = make_window("cats", size=size)
    QApplication.processEvents()
    combo = w.controls.dataset
    assert [combo.itemData(i) for i in range(combo.count())][1 : 1 + len(BUILTIN)] == [*BUILTIN]
    assert not cut_items(combo), f"cut at {size}"


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

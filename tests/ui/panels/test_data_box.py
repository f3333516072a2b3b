"""The dataset chooser's list: the built-ins by name under a "Built-in" header, opened files and
folders under an "Opened" header (a folder's name ends in "/"), headers never chosen, and the
combo's tooltip saying where the chosen dataset comes from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox

from nnviz.ui.panels.data_box import BUILTIN_HEADER, OPEN_FOLDER, OPEN_H5, OPENED_HEADER, DataBox

BUILTINS = {"cats": "Cartoon cats", "flower": "The planar flower"}
TIP = Qt.ItemDataRole.ToolTipRole


def rows(combo: QComboBox) -> list[tuple[str, object, bool]]:
    """(text, data, can be chosen) of every item; the separator is ("", None, …)."""
    model = combo.model()
    return [
        (
            combo.itemText(i),
            combo.itemData(i),
            bool(model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsSelectable),
        )
        for i in range(combo.count())
    ]


def make_box(qtbot) -> DataBox:
    box = DataBox(BUILTINS)
    qtbot.addWidget(box)
    return box


def test_builtins_are_listed_by_name_under_a_header_that_cannot_be_chosen(qtbot):
    box = make_box(qtbot)
    combo = box.dataset
    listed = rows(combo)
    assert listed[:3] == [
        (BUILTIN_HEADER, None, False),
        ("cats", "cats", True),
        ("flower", "flower", True),
    ]
    assert [r[1] for r in listed[-2:]] == [OPEN_H5, OPEN_FOLDER]
    assert not any("(built-in)" in text for text, _, _ in listed)
    assert combo.currentData() == "cats"  # the first built-in, not its header
    assert combo.itemData(1, TIP) == "Built-in: Cartoon cats"
    assert "Built-in: Cartoon cats" in combo.toolTip()
    box.show_dataset("flower", "400 points")
    assert "Built-in: The planar flower" in combo.toolTip()


def test_opened_files_and_folders_are_listed_apart_and_say_where_they_are(qtbot, tmp_path):
    box = make_box(qtbot)
    combo = box.dataset
    folder = tmp_path / "cats"
    folder.mkdir()
    h5 = str(tmp_path / "train_catvnoncat.h5")
    box.show_dataset(str(folder), "a folder", ("non-cat", "cat"))
    assert combo.currentText() == "cats/"  # not the built-in "cats"
    assert combo.currentData() == str(folder)
    assert f"Opened: {folder}" in combo.toolTip()
    box.show_dataset(h5, "a file")
    assert rows(combo)[:4] == [
        (OPENED_HEADER, None, False),
        ("train_catvnoncat.h5", h5, True),  # the newest first
        ("cats/", str(folder), True),
        (BUILTIN_HEADER, None, False),
    ]
    assert combo.currentData() == h5 and f"Opened: {h5}" in combo.toolTip()
    box.show_dataset(str(folder), "a folder")  # again: the same item, chosen
    assert combo.count() == len(rows(combo)) == 2 + 2 + len(BUILTINS) + 3  # headers, opened, …
    assert combo.currentData() == str(folder) and f"Opened: {folder}" in combo.toolTip()


def test_the_keys_step_over_the_headers(qtbot, tmp_path):
    """Up from the first built-in skips the "Built-in" header to the newest opened file."""
    box = make_box(qtbot)
    combo = box.dataset
    h5 = str(tmp_path / "a.h5")
    box.show_dataset(h5, "a file")
    box.show_dataset("cats", "cats")
    chosen: list[str] = []
    box.datasetChosen.connect(chosen.append)
    up = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(combo, up)
    assert combo.currentData() == h5 and chosen == [h5]
    QApplication.sendEvent(combo, up)  # only the "Opened" header above: stays
    assert combo.currentData() == h5

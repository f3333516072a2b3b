"""Names from files are text, never markup: a picture named like HTML shows its name as written in
the Predictions panel, and a bad file named like HTML in the one-line banner."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from nnviz.ui.predict.loader import Source

GOOD = "<h1>BIG<h1><font color=red size=7>cat.png"
BAD = "<b>bad<b><br><br><br><br><br>notes.png"


def test_html_file_names_show_as_written(qtbot, make_window, tmp_path):
    w, c = make_window()
    good, bad = tmp_path / "good.png", tmp_path / "bad.png"
    Image.fromarray(np.full((64, 64, 3), 128, np.uint8)).save(good)
    bad.write_bytes(b"not a picture")
    f = w.predictions
    with qtbot.waitSignal(c.problem, timeout=10_000) as said:
        f.predict([Source(GOOD, path=str(good)), Source(BAD, path=str(bad))])
    qtbot.waitUntil(lambda: len(f.history) == 1, timeout=10_000)
    assert BAD in said.args[0]
    banner = w.banner.text
    assert banner.textFormat() == Qt.TextFormat.PlainText and BAD in banner.text()
    panel = f.panel
    panel.list.setCurrentRow(0)
    assert panel.name.textFormat() == Qt.TextFormat.PlainText
    assert GOOD in panel.name.text() or GOOD in panel.list.item(0).text()
    tip = panel.list.item(0).toolTip()
    assert "&lt;h1&gt;" in tip or "<h1>" not in tip  # shown as written, not as a heading

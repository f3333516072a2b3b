"""File > Export: PNG and SVG of the canvas and the plots, and the cost history as CSV."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from nnviz.engine.trainer import TrainConfig
from nnviz.ui.session.export import (
    CSV_HEADER,
    export_costs_csv,
    export_png,
    export_svg,
    picture_part,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def trained_window(qtbot, session_window):
    w, c = session_window()
    c.apply_config(TrainConfig(hidden_layers=(4, 3)))
    with qtbot.waitSignal(
        c.snapshotChanged, timeout=60_000, check_params_cb=lambda s: s.iteration >= 6
    ):
        c.play(until=6)
    qtbot.waitUntil(lambda: len(w.cost_plot.costs()[0]) >= 6, timeout=30_000)
    return w, c


def test_the_export_menu_offers_only_working_items(trained_window):
    w, _ = trained_window
    export = next(a.menu() for a in w.places.menu("file").actions() if a.text() == "Export")
    labels = [a.text() for a in export.actions() if not a.isSeparator()]
    for what in ("Network canvas", "Cost plot", "Sigmoid plot"):
        assert f"{what} as PNG…" in labels and f"{what} as SVG…" in labels
    assert "Cost history as CSV…" in labels


@pytest.mark.parametrize("which", ["canvas", "cost_plot", "sigmoid_plot"])
def test_png_and_svg(trained_window, tmp_path, which):
    w, _ = trained_window
    widget = getattr(w, which)
    part = picture_part(widget)  # a plot without its controls; the canvas whole
    assert (part is widget) == (which == "canvas")
    png = tmp_path / f"{which}.png"
    export_png(widget, png)
    img = QImage(str(png))
    assert (img.width(), img.height()) == (part.width(), part.height())
    assert (
        len({img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)})
        > 3
    )
    svg = tmp_path / f"{which}.svg"
    export_svg(widget, svg)
    root = ET.parse(svg).getroot()  # valid XML
    assert root.tag == f"{SVG}svg"
    drawn = [
        e
        for e in root.iter()
        if e.tag in {f"{SVG}{t}" for t in ("path", "polyline", "rect", "text", "image", "line")}
    ]
    assert len(drawn) > 5


def test_costs_csv(trained_window, tmp_path):
    w, _ = trained_window
    path = tmp_path / "costs.csv"
    rows = export_costs_csv(w.record, path)
    with open(path, newline="") as f:
        table = list(csv.reader(f))
    assert tuple(table[0]) == CSV_HEADER and len(table) == rows + 1
    its, costs = w.record.costs.arrays()
    body = [r for r in table[1:] if r[1]]
    assert [int(r[0]) for r in body] == list(its)
    assert [float(r[1]) for r in body] == pytest.approx(list(costs))
    accs = [float(r[3]) for r in table[1:] if r[3]]
    assert accs and all(0 <= a <= 1 for a in accs)


def test_svg_to_an_unwritable_place_is_an_oserror(trained_window, tmp_path):
    w, _ = trained_window
    with pytest.raises(OSError, match="could not write"):
        export_png(w.canvas, tmp_path / "no" / "such" / "x.png")
    with pytest.raises(OSError, match="could not write"):
        export_svg(w.canvas, tmp_path / "no" / "such" / "x.svg")


def test_the_menu_captions_every_picture_and_sizes_plot_pngs_as_the_canvas(
    trained_window, tmp_path
):
    from nnviz.ui.session.export import CAPTION_H, _picture_args

    w, _ = trained_window
    snap = w.canvas_snapshot
    args = _picture_args(w, w.canvas, "SVG")
    assert args == {"caption": f"cats · iteration {snap.iteration:,} · J = {snap.cost:.4f}"}
    plot_args = _picture_args(w, w.cost_plot, "PNG")
    assert plot_args["width"] == round(w.canvas.width() * w.canvas.devicePixelRatioF())
    size = export_png(w.cost_plot, tmp_path / "cost.png", **plot_args)
    assert size[0] == plot_args["width"]
    size = export_png(w.canvas, tmp_path / "canvas.png", **args)
    assert size == (w.canvas.width(), w.canvas.height() + CAPTION_H)

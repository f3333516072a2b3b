"""File > Export: the network canvas, the cost plot and the sigmoid plot as PNG or SVG; the cost
history as CSV.

PNG is widget.grab(). SVG is QSvgGenerator + widget.render(painter), which works for the pyqtgraph
plots too without pyqtgraph's own SVG exporter (broken with PySide6 >= 6.11, pyqtgraph issue 3495).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QAction, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

CSV_HEADER = ("iteration", "train_cost", "test_cost", "train_accuracy", "test_accuracy")


def export_png(widget: QWidget, path: str | os.PathLike) -> None:
    """The widget as it is on screen, as PNG; OSError if the file cannot be written."""
    if not widget.grab().save(os.fspath(path), "PNG"):
        raise OSError(f"could not write {os.fspath(path)}")


def export_svg(widget: QWidget, path: str | os.PathLike, title: str = "nnviz") -> None:
    """The widget rendered into an SVG file (vector where the widget paints vectors)."""
    size = widget.size() if widget.width() > 0 else QSize(800, 600)
    gen = QSvgGenerator()
    gen.setFileName(os.fspath(path))
    gen.setSize(size)
    gen.setViewBox(QRect(0, 0, size.width(), size.height()))
    gen.setTitle(title)
    gen.setDescription("exported from nnviz")
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"could not write {os.fspath(path)}")
    try:
        widget.render(painter, QPoint())
    finally:
        painter.end()
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        raise OSError(f"could not write {os.fspath(path)}")


def _cell(v: float) -> str:
    return "" if math.isnan(v) else repr(float(v))


def export_costs_csv(record, path: str | os.PathLike) -> int:
    """One row per iteration of the run record's history: iteration i, train_cost J(i) (the
    course's "Cost after iteration i"), and where sampled test_cost, train_accuracy,
    test_accuracy (empty when not measured at that iteration). Returns the number of rows."""
    its, costs = record.costs.arrays()
    e_its, test_cost, train_acc, test_acc = record.evaluations.array()
    by_it = {
        int(i): (tc, tra, tea)
        for i, tc, tra, tea in zip(e_its, test_cost, train_acc, test_acc, strict=True)
    }
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(CSV_HEADER)
        for i, c in zip(its, costs, strict=True):
            ev = by_it.pop(int(i), (math.nan,) * 3)
            out.writerow([int(i), _cell(c), *(_cell(v) for v in ev)])
            rows += 1
        for i in sorted(by_it):  # evaluations without a train cost (e.g. iteration N at a pause)
            out.writerow([i, "", *(_cell(v) for v in by_it[i])])
            rows += 1
    return rows


def _targets(window) -> list[tuple[str, str, QWidget]]:
    return [
        ("Network canvas", "network", window.canvas),
        ("Cost plot", "cost", window.cost_plot),
        ("Sigmoid plot", "sigmoid", window.sigmoid_plot),
    ]


def _save_as(
    window, title: str, default: str, filters: str, write: Callable[[str], object]
) -> None:
    path, _ = QFileDialog.getSaveFileName(window, title, default, filters)
    if not path:
        return
    try:
        write(path)
    except OSError as e:
        window.c.problem.emit(f"Could not export to {path}: {e}")
    else:
        window.statusBar().showMessage(f"Exported {path}", 8000)


def install_export(window) -> QMenu:
    """Add File > Export to `window`'s "export" section; returns the submenu."""
    menu = QMenu("Export", window)
    for label, stem, widget in _targets(window):
        for kind, write in (("PNG", export_png), ("SVG", export_svg)):
            act = QAction(f"{label} as {kind}…", window)
            ext = kind.lower()

            def run(_=False, w=widget, k=kind, e=ext, s=stem, fn=write, lab=label) -> None:
                _save_as(
                    window,
                    f"Export {lab.lower()}",
                    f"nnviz-{s}.{e}",
                    f"{k} (*.{e})",
                    lambda p: (window.flush_views(), fn(w, p))[1],
                )

            act.triggered.connect(run)
            menu.addAction(act)
        menu.addSeparator()
    csv_act = QAction("Cost history as CSV…", window)
    csv_act.triggered.connect(
        lambda: _save_as(
            window,
            "Export cost history",
            "nnviz-costs.csv",
            "CSV (*.csv)",
            lambda p: (window.flush_views(), export_costs_csv(window.record, p))[1],
        )
    )
    menu.addAction(csv_act)
    window.places.add_to_menu("file", "export", [menu])
    return menu

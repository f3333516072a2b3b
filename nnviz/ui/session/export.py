"""File > Export: the network canvas, the cost plot and the sigmoid plot as PNG or SVG; the cost
history as CSV.

Pictures: a plot is exported without its controls (hover readout, check boxes, switch): only its
graphics view. Each picture gets a caption strip below it ("cats · iteration 250 · J = 0.4213").
PNG: the picture rendered at a chosen width in pixels (by default the widget's own, times the
screen's device pixel ratio); File > Export makes plot PNGs as wide as the canvas's. SVG:
QSvgGenerator + QWidget.render (pyqtgraph's own SVG exporter is broken with PySide6 >= 6.11,
pyqtgraph issue 3495), then svgflat puts the plot curves' coordinates in device space, so the file
reads the same in browsers and librsvg as in Qt.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from nnviz.ui.common import theme
from nnviz.ui.session import persistence
from nnviz.ui.session.svgflat import flatten_file

CSV_HEADER = ("iteration", "train_cost", "test_cost", "train_accuracy", "test_accuracy")
CAPTION_H = 24  # px of the caption strip under a picture


def picture_caption(dataset: str, iteration: int | None, cost: float | None) -> str:
    """ "cats · iteration 250 · J = 0.4213" (parts that are None or empty left out)."""
    parts = [dataset] if dataset else []
    if iteration is not None:
        parts.append(f"iteration {int(iteration):,}")
    if cost is not None and math.isfinite(cost):
        parts.append(f"J = {cost:.4f}")
    return " · ".join(parts)


def picture_part(widget: QWidget) -> QWidget:
    """What of `widget` is the picture: a plot's graphics view, without the controls around it;
    the widget itself when it has none (the canvas)."""
    if isinstance(widget, pg.GraphicsView):
        return widget
    view = widget.findChild(pg.GraphicsView)
    return view if view is not None else widget


def _draw(p: QPainter, part: QWidget, caption: str) -> None:
    """The picture at (0, 0) and, when there is a caption, the caption strip below it."""
    QWidget.render(part, p, QPoint())
    if not caption:
        return
    w, y = part.width(), part.height()
    p.fillRect(QRectF(0, y, w, CAPTION_H), QColor(theme.SURFACE))
    p.setPen(QPen(QColor(theme.BORDER), 1))
    p.drawLine(QPointF(0, y + 0.5), QPointF(w, y + 0.5))
    f = QFont(theme.FONT_FAMILY)
    f.setPixelSize(12)
    p.setFont(f)
    p.setPen(QColor(theme.TEXT))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    p.drawText(QRectF(8, y, w - 16, CAPTION_H), flags, caption)


def export_png(
    widget: QWidget, path: str | os.PathLike, caption: str = "", width: int | None = None
) -> tuple[int, int]:
    """The picture of `widget` (picture_part) with `caption` below, as PNG `width` px wide (None:
    the widget's width times its device pixel ratio), text and lines drawn at that resolution.
    Returns the PNG's (width, height) px; OSError if the file cannot be written."""
    part = picture_part(widget)
    w, h = max(1, part.width()), max(1, part.height()) + (CAPTION_H if caption else 0)
    scale = (width / w) if width else part.devicePixelRatioF()
    img = QImage(max(1, round(w * scale)), max(1, round(h * scale)), QImage.Format.Format_RGB32)
    img.setDevicePixelRatio(scale)
    img.fill(QColor(theme.SURFACE))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    try:
        _draw(p, part, caption)
    finally:
        p.end()
    if not img.save(str(os.fspath(path)), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write {os.fspath(path)}")
    return img.width(), img.height()


def export_svg(
    widget: QWidget, path: str | os.PathLike, title: str = "nnviz", caption: str = ""
) -> None:
    """The picture of `widget` (picture_part, vector where it paints vectors) with `caption`
    below, as SVG that renders alike in Qt, browsers and librsvg (svgflat); OSError if the file
    cannot be written."""
    part = picture_part(widget)
    w = part.width() if part.width() > 0 else 800
    h = (part.height() if part.width() > 0 else 600) + (CAPTION_H if caption else 0)
    gen = QSvgGenerator()
    gen.setFileName(os.fspath(path))
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRect(0, 0, w, h))
    gen.setTitle(title)
    gen.setDescription(caption or "exported from nnviz")
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"could not write {os.fspath(path)}")
    try:
        _draw(painter, part, caption)
    finally:
        painter.end()
    if not os.path.isfile(path) or os.path.getsize(path) == 0:
        raise OSError(f"could not write {os.fspath(path)}")
    flatten_file(path)


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


def _picture_args(window, widget: QWidget, kind: str) -> dict:
    """The caption (dataset, the canvas's iteration and J) and, for a plot PNG, the canvas's
    width in pixels."""
    snap = window.canvas_snapshot
    ds = getattr(getattr(window, "c", None), "dataset", None)
    caption = picture_caption(
        getattr(ds, "name", ""),
        None if snap is None else snap.iteration,
        None if snap is None else snap.cost,
    )
    args: dict = {"caption": caption}
    canvas = window.canvas
    if kind == "PNG" and widget is not canvas:
        args["width"] = round(canvas.width() * canvas.devicePixelRatioF())
    return args


def _save_as(
    window, title: str, default: str, filters: str, write: Callable[[str], object]
) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, title, os.path.join(persistence.last_folder(), default), filters
    )
    if not path:
        return
    persistence.remember_folder(path)
    try:
        write(path)
    except (OSError, ValueError) as e:
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
                    lambda p: (window.flush_views(), fn(w, p, **_picture_args(window, w, k)))[1],
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
    onnx_act = QAction("Model as ONNX…", window)
    onnx_act.setToolTip("The network as a standard ONNX graph: input (N, n_x), output ŷ = P(y = 1)")
    onnx_act.triggered.connect(
        lambda: _save_as(
            window, "Export model as ONNX", "nnviz-model.onnx", "ONNX (*.onnx)",
            lambda p: export_model_onnx(window.c, p),
        )
    )  # fmt: skip
    menu.addAction(onnx_act)
    window.places.add_to_menu("file", "export", [menu])
    return menu


def export_model_onnx(controller, path: str | os.PathLike) -> None:
    """The shown network as ONNX (nnviz.data.onnx_export): its weights, the dataset's picture
    size, scaling and class names. OSError or ValueError when it cannot be written."""
    from nnviz.data.onnx_export import export_onnx
    from nnviz.ui.session.runs import model_meta

    meta, snap = model_meta(controller), controller.snapshot
    if meta is None or snap is None:
        raise ValueError("nothing to export yet: the network has not been shown")
    export_onnx(path, meta, list(snap.W), list(snap.b))

"""Exported pictures read right anywhere: the plot SVGs rendered by a real SVG renderer
(cairosvg, as librsvg and browsers do) match Qt's own rendering of the same file; plot PNGs hold
the plot without its controls, at a chosen width; every picture has its caption."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from nnviz.ui.plots import CostPlot, SigmoidPlot
from nnviz.ui.session import export
from nnviz.ui.session.export import (
    CAPTION_H,
    export_png,
    export_svg,
    picture_caption,
    picture_part,
)
from nnviz.ui.session.svgflat import parse_matrix, transform_path

cairosvg = pytest.importorskip("cairosvg")
CAPTION = "cats · iteration 250 · J = 0.4213"


def grey(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format.Format_Grayscale8)
    a = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes())
    return a.reshape(img.height(), img.bytesPerLine())[:, : img.width()].astype(float)


def qt_render(path, w: int, h: int) -> np.ndarray:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    QSvgRenderer(str(path)).render(p, QRectF(0, 0, w, h))
    p.end()
    return grey(img)


def cairo_render(path, w: int, h: int) -> np.ndarray:
    png = cairosvg.svg2png(url=str(path), output_width=w, output_height=h, background_color="white")
    return grey(QImage.fromData(png))


def blur(a: np.ndarray, k: int = 3) -> np.ndarray:
    """Box blur k x k (anti-aliasing and font hinting differ between renderers)."""
    p = np.pad(a, k // 2, mode="edge")
    c = np.cumsum(np.cumsum(p, 0), 1)
    c = np.pad(c, ((1, 0), (1, 0)))
    return (c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]) / (k * k)


def difference(path, w: int, h: int) -> tuple[float, float, float]:
    """(mean |Qt - cairo| of blurred grey levels, Qt's ink share, cairo's ink share)."""
    q, c = qt_render(path, w, h), cairo_render(path, w, h)
    ink = lambda a: float(np.mean(a < 160))  # noqa: E731
    return float(np.mean(np.abs(blur(q) - blur(c)))), ink(q), ink(c)


@pytest.fixture
def plots(qtbot):
    cost, sig = CostPlot(), SigmoidPlot()
    for w in (cost, sig):
        qtbot.addWidget(w)
        w.resize(520, 340)
        w.show()
        qtbot.waitExposed(w)
    it = np.arange(1, 301)
    rng = np.random.default_rng(0)
    cost.append(it, 0.65 * np.exp(-it / 120) + 0.05 + 0.03 * rng.random(300))
    for i in (1, 100, 200, 300):
        cost.add_eval(i, 0.6 - i / 1000, 0.5 + i / 1000, 0.45 + i / 1000)
    cost.flush()
    sig.set_output(1.5, 0.82)
    return cost, sig


@pytest.mark.parametrize("which", [0, 1])
def test_plot_svgs_render_outside_qt_as_in_qt(plots, tmp_path, monkeypatch, which):
    widget = plots[which]
    part = picture_part(widget)
    w, h = part.width(), part.height() + CAPTION_H
    svg = tmp_path / "plot.svg"
    export_svg(widget, svg, caption=CAPTION)
    diff, ink_qt, ink_cairo = difference(svg, w, h)
    assert diff < 2.0, diff  # grey levels 0..255, after a 3x3 blur (measured: ~0.4)
    assert abs(ink_qt - ink_cairo) < 0.02 and ink_qt < 0.2
    assert "non-scaling-stroke" not in svg.read_text()
    # what the test guards against: Qt's file as it was, strokes scaled into filled blobs
    monkeypatch.setattr(export, "flatten_file", lambda path: 0)
    raw = tmp_path / "raw.svg"
    export_svg(widget, raw, caption=CAPTION)
    raw_diff, _, raw_ink = difference(raw, w, h)
    assert raw_diff > 10 * diff and raw_ink > 0.3  # measured: 64 and 120 grey levels


def test_plot_pngs_without_controls_at_a_chosen_width_with_a_caption(plots, tmp_path):
    cost, sig = plots
    for widget in (cost, sig):
        part = picture_part(widget)
        assert part is not widget and part.height() < widget.height()  # controls left out
        size = export_png(widget, tmp_path / "p.png", caption=CAPTION, width=1000)
        img = QImage(str(tmp_path / "p.png"))
        scale = 1000 / part.width()
        assert (
            size
            == (img.width(), img.height())
            == (
                1000,
                round((part.height() + CAPTION_H) * scale),
            )
        )
        strip = grey(img)[-round(CAPTION_H * scale) + 4 :, :]
        assert (strip < 128).mean() > 0.005  # the caption's letters
        export_png(widget, tmp_path / "q.png")
        img = QImage(str(tmp_path / "q.png"))
        assert (img.width(), img.height()) == (part.width(), part.height())  # no caption strip


def test_svg_caption_and_titles(plots, tmp_path):
    export_svg(plots[0], tmp_path / "c.svg", caption=CAPTION)
    root = ET.parse(tmp_path / "c.svg").getroot()
    texts = "".join(root.itertext())
    assert "iteration 250" in texts and "J = 0.4213" in texts


def test_picture_caption():
    assert picture_caption("cats", 250, 0.42131) == CAPTION
    assert picture_caption("cats", None, None) == "cats"
    assert picture_caption("", 3, float("nan")) == "iteration 3"


def test_path_mapping():
    m = parse_matrix("matrix(2,0,0,-100,10,50)")
    assert m == (2.0, 0.0, 0.0, -100.0, 10.0, 50.0)
    assert transform_path("M1,0.5 L2,0.25 C1,1 2,2 3,3 Z", m) == (
        "M 12,0 L 14,25 C 12,-50 14,-150 16,-250 Z"
    )
    assert transform_path("M0,0 H 2 V 1", m) == "M 10,50 L 14,50 L 14,-50"
    assert transform_path("m0,0 l1,1", m) is None  # relative commands are left alone


def test_the_canvas_svg_renders_outside_qt_as_in_qt(qtbot, tmp_path):
    from nnviz.engine.snapshot import Snapshot
    from nnviz.ui.canvas.canvas import NetworkCanvas

    dims = (12288, 20, 7, 5, 1)
    rng = np.random.default_rng(0)
    W = [np.zeros((0, 0))] + [
        rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        for l in range(1, len(dims))
    ]
    b = [np.zeros((0, 0))] + [rng.standard_normal((n, 1)) * 0.1 for n in dims[1:]]
    snap = Snapshot(
        5, dims, "relu", "cross-entropy", 0.01, tuple(W), tuple(b), tuple(W), tuple(b),
        np.zeros(0), 0.69,
    )  # fmt: skip
    c = NetworkCanvas()
    qtbot.addWidget(c)
    c.resize(800, 520)
    c.show()
    qtbot.waitExposed(c)
    c.set_architecture(dims, "relu", (64, 64, 3))
    c.set_snapshot(snap)
    x = rng.random(dims[0])
    c.set_example(x, 1.0, (x.reshape(64, 64, 3) * 255).astype(np.uint8), "train example 1")
    svg = tmp_path / "canvas.svg"
    export_svg(c, svg, caption=CAPTION)
    diff, ink_qt, ink_cairo = difference(svg, 800, 520 + CAPTION_H)
    assert diff < 3.0 and abs(ink_qt - ink_cairo) < 0.02, (diff, ink_qt, ink_cairo)

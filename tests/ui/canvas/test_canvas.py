"""The network canvas and the example bar on screen (offscreen Qt): paint, hover, zoom, signals;
the canvas's words (real fonts): none overlaps another or is clipped, at any width from 500 px
and for up to 8 layers of 500 units; the legend says the fill scale."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from nnviz.engine.network import Architecture, forward
from nnviz.engine.snapshot import Snapshot
from nnviz.ui.canvas.canvas import NetworkCanvas
from nnviz.ui.canvas.text import canvas_labels
from nnviz.ui.panels.example_bar import ExampleBar

IMAGE = (64, 64, 3)


def snapshot(dims, seed=0):
    rng = np.random.default_rng(seed)
    f32 = np.float32
    W = [np.zeros((0, 0), f32)] + [
        (rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])).astype(f32)
        for l in range(1, len(dims))
    ]
    b = [np.zeros((0, 0), f32)] + [rng.standard_normal((n, 1)).astype(f32) * 0.1 for n in dims[1:]]
    dW = [np.zeros((0, 0), f32)] + [w * 0.01 for w in W[1:]]
    db = [np.zeros((0, 0), f32)] + [v * 0.01 for v in b[1:]]
    return Snapshot(
        5,
        tuple(dims),
        "relu",
        "cross-entropy",
        0.01,
        tuple(W),
        tuple(b),
        tuple(dW),
        tuple(db),
        np.zeros(0, f32),
        0.69,
    )


def make_canvas(qtbot, dims, image=True):
    c = NetworkCanvas()
    qtbot.addWidget(c)
    c.resize(900, 560)
    c.show()
    qtbot.waitExposed(c)
    shape = IMAGE if image else None
    c.set_architecture(dims, "relu", shape, ("non-cat", "cat"))
    snap = snapshot(dims)
    c.set_snapshot(snap)
    rng = np.random.default_rng(3)
    x = rng.random(dims[0]).astype(np.float32)
    pic = (x.reshape(IMAGE) * 255).astype(np.uint8) if image else None
    c.set_example(x, 1.0, pic, "train example 1")
    return c, snap, x


def painted_colours(c) -> int:
    """How many distinct colours the widget shows (a blank widget has one)."""
    img = c.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(img.constBits(), np.uint32, img.sizeInBytes() // 4)
    return len(np.unique(a))


@pytest.mark.parametrize(
    ("dims", "image"),
    [
        ((12288, 1), True),
        ((12288, 20, 7, 5, 1), True),
        ((2, 4, 1), False),
        ((12288, *([500] * 6), 1), True),
        ((100, 1000, 1), False),
    ],
)
def test_canvas_paints_every_architecture(qtbot, dims, image):
    c, snap, x = make_canvas(qtbot, dims, image)
    assert painted_colours(c) > 50  # edges, units, text: far from blank
    assert c.last_paint_ms > 0
    _z, yhat = c.example_output()
    _, A = forward(Architecture(dims, "relu"), snap.W, snap.b, x.reshape(-1, 1))
    assert yhat == pytest.approx(float(A[-1][0, 0]), rel=1e-5)
    assert 0 < yhat < 1


def _move(qtbot, c, p):
    with qtbot.waitSignal(c.hovered, timeout=2000) as blocker:
        qtbot.mouseMove(c, QPoint(round(p[0]), round(p[1])))
    return blocker.args[0]


def test_hover_names_units_and_edges(qtbot):
    c, snap, _ = make_canvas(qtbot, (12288, 20, 7, 5, 1))
    scene, view = c.scene, c.view
    j = int(scene.shown[2][3])
    text = _move(qtbot, c, view.map(scene.geometry.pos[2][3]))
    assert text.startswith(f"Layer 2, unit {j + 1}: z = ")  # numbered from 1
    assert "a = " in text and "dz = " in text
    assert f"b = {float(snap.b[2][j, 0]):.4g}" in text
    es = scene.edges[3]  # 7 -> 5: near the middle of the strongest edge (drawn last)
    mid = es.p0[-1] * 0.45 + es.p1[-1] * 0.55
    l, jj, kk = scene.hit_edge(tuple(mid), tol=4)
    assert l == 3
    text = _move(qtbot, c, view.map(mid))
    w = float(snap.W[3][jj, kk])  # units numbered from 1, as the editor and the labels do
    assert text.startswith(f"W[3][{jj + 1},{kk + 1}] = {w:.4g}, dW = ")
    assert _move(qtbot, c, (3, 3)) == ""
    with qtbot.waitSignal(c.unitClicked) as clicked:
        qtbot.mouseClick(
            c,
            Qt.MouseButton.LeftButton,
            pos=QPoint(*map(round, view.map(scene.geometry.pos[1][0]))),
        )
    assert clicked.args == [1, int(scene.shown[1][0])]


def test_wheel_zooms_about_the_pointer_and_fit_view_undoes_it(qtbot):
    c, _, _ = make_canvas(qtbot, (2, 4, 1), image=False)
    before = c.view
    pos = QPointF(300, 200)
    ev = QWheelEvent(
        pos,
        c.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(c, ev)
    assert c.view.scale > before.scale
    np.testing.assert_allclose(c.view.unmap((300, 200)), before.unmap((300, 200)))
    c.repaint()
    c.fit_view()
    assert c.view == before


def test_the_legend_stays_on_top_when_zoomed_in(qtbot):
    from nnviz.ui.canvas.text import LEGEND_H

    c, _, _ = make_canvas(qtbot, (12288, 20, 7, 5, 1))
    strip = lambda img: img.copy(0, c.height() - int(LEGEND_H) + 1, c.width(), int(LEGEND_H) - 1)  # noqa: E731
    fitted = strip(c.grab().toImage())
    c._view = c.view.zoomed(2.5, (c.width() * 0.5, c.height() * 0.5))  # edges run off the bottom
    c.update()
    zoomed = strip(c.grab().toImage())
    assert zoomed == fitted  # nothing drawn over the legend


def test_bad_input_is_refused_with_a_clear_error(qtbot):
    c = NetworkCanvas()
    qtbot.addWidget(c)
    with pytest.raises(ValueError, match="12288"):
        c.set_architecture((100, 4, 1), "relu", IMAGE)
    c.set_architecture((2, 4, 1), "relu", None)
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        c.set_example(np.zeros(3), 1.0, None)
    assert c.example_output() is None  # no snapshot yet


def test_example_bar_emits_and_shows_the_prediction(qtbot):
    bar = ExampleBar()
    qtbot.addWidget(bar)
    bar.set_dataset(209, 50, ("non-cat", "cat"))
    assert bar.spin.text() == "example 1 / 209"
    with qtbot.waitSignal(bar.exampleChanged) as s:
        bar.next_button.click()
    assert s.args == ["train", 1]
    bar.prev_button.click()
    with qtbot.waitSignal(bar.exampleChanged) as s:
        bar.prev_button.click()  # wraps around
    assert s.args == ["train", 208]
    with qtbot.waitSignal(bar.exampleChanged) as s:
        bar.test_button.click()
    assert s.args == ["test", 49] and bar.spin.text() == "example 50 / 50"
    with qtbot.waitSignal(bar.exampleChanged) as s:
        bar.spin.setValue(7)
    assert s.args == ["test", 6]
    bar.set_prediction(1.0, 0.87)
    assert "0.87 → cat" in bar.label_yhat.text() and "✓" in bar.label_yhat.text()
    bar.set_prediction(0.0, 0.87)
    assert "✗" in bar.label_yhat.text() and bar.label_y.text() == "y = 0 · non-cat"
    bar.set_thumbnail(np.zeros((64, 64, 3), np.uint8))
    assert bar.thumbnail.pixmap() is not None and not bar.thumbnail.pixmap().isNull()
    for w in (bar.prev_button, bar.next_button, bar.train_button, bar.test_button, bar.spin):
        assert w.toolTip()


def test_streamed_snapshots_draw_fast_edges_then_settle(qtbot):
    c, snap, _ = make_canvas(qtbot, (12288, 20, 7, 5, 1))
    c.repaint()
    assert not c._streaming  # one snapshot: smooth edges straight away
    c.set_snapshot(snapshot(snap.layer_dims, seed=1))
    assert c._streaming
    c.repaint()
    qtbot.waitUntil(lambda: not c._streaming, timeout=3000)
    c.repaint()
    assert painted_colours(c) > 50


CAPTION = "train example 1 · y = 0 (non-cat)"


def labels_of(c):
    return canvas_labels(
        c.scene, c.view, (c.width(), c.height()), c._activation, c._image_shape,
        c._caption, c.example_values(), c._class_names,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("dims", "image", "sizes"),
    [
        ((12288, 50, 20, 10, 5, 1), True, [(1280, 560), (900, 520), (610, 520), (500, 420)]),
        ((12288, *[500] * 7, 1), True, [(500, 420), (760, 600), (1400, 800)]),
        ((12288, 20, 7, 5, 1), True, [(500, 380), (610, 520), (500, 1000)]),
        ((30, 8, 1), False, [(500, 300)]),
        ((2, 4, 1), False, [(500, 360), (1920, 900)]),
    ],
)
def test_no_text_overlaps_or_is_clipped(qtbot, dims, image, sizes):
    c, _, x = make_canvas(qtbot, dims, image)
    pic = (x.reshape(IMAGE) * 255).astype(np.uint8) if image else None
    c.set_example(x, 0.0, pic, CAPTION)
    for w, h in sizes:
        c.resize(w, h)
        c.repaint()
        assert c.overlapping_texts() == [], (w, h)
        kinds = {lab.kind for lab in labels_of(c)}
        assert {"title", "readout", "legend"} <= kinds
        if image:
            assert "caption" in kinds


def test_overlapping_texts_reports_clashes(qtbot, monkeypatch):
    from nnviz.ui.canvas import canvas as canvas_module
    from nnviz.ui.canvas.labels import Face, Label

    c, _, _ = make_canvas(qtbot, (2, 4, 1), image=False)
    a = Label("title", ("Layer 1",), Face(12), 10, 10, 60, 14)
    b = Label("units", ("4 units",), Face(11), 40, 15, 60, 14)
    off = Label("caption", ("far right",), Face(11), c.width() - 20, 40, 60, 14)
    monkeypatch.setattr(canvas_module, "canvas_labels", lambda *_, **__: [a, b, off])
    found = c.overlapping_texts()
    assert len(found) == 2
    assert "overlaps" in found[0] and "'Layer 1'" in found[0] and "'4 units'" in found[0]
    assert "clipped" in found[1] and "far right" in found[1]


def test_the_legend_says_one_fill_scale_and_its_ends(qtbot):
    c, _, _ = make_canvas(qtbot, (12288, 20, 7, 5, 1))
    c.resize(1280, 600)
    c.repaint()
    legend = [lab.text for lab in labels_of(c) if lab.kind == "legend"]
    assert "fill: activation a, one scale for all layers" in legend
    values = c.example_values()
    hi = max(1.0, max(float(np.max(a)) for a in values.a[1:]))
    assert f"{hi:.2g}" in legend and "0" in legend


def test_a_tiny_activation_is_drawn_pale(qtbot):
    """A unit with a = 0.0009 in a layer whose largest a is 0.0009: near white (one scale)."""
    from nnviz.ui.canvas.paint import unit_fills

    c, _, _ = make_canvas(qtbot, (2, 4, 1), image=False)
    values = c.example_values()
    values.a[1][:] = [0.0009, 0.0, 0.0002, 0.0001]
    fills = unit_fills(c.scene, values, "relu", image=False)
    assert fills[1][0][:3].min() > 250


def test_no_text_overlaps_or_is_clipped_when_zoomed(qtbot):
    c, _, _ = make_canvas(qtbot, (12288, 20, 7, 5, 1))
    c.resize(700, 1000)  # big units: their activations are printed in them
    for factor in (0.5, 2.0, 3.5):
        c._view = c.view.zoomed(factor, (c.width() * 0.4, c.height() * 0.6))
        c.repaint()
        assert c.overlapping_texts() == [], factor
        c.fit_view()
    assert any(lab.kind == "number" for lab in labels_of(c))

"""The Pixels tab: ∂ŷ/∂x of the canvas's example with the shown parameters, as heatmaps, checked
against finite differences; it follows the example and training."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.diagnose import finite_difference, pixel_maps
from nnviz.engine.network import Architecture, predict_proba
from nnviz.ui.common import theme
from nnviz.ui.diagnose.pixels import diverging, sequential


def test_colour_maps():
    rgb, scale = diverging(np.array([[-2.0, 0.0, 1.0, 2.0]]))
    assert scale == 2.0
    assert rgb[0, 0].tolist() == list(theme.NEGATIVE_RGB)
    assert rgb[0, 1].tolist() == [255, 255, 255]
    assert rgb[0, 3].tolist() == list(theme.POSITIVE_RGB)
    assert diverging(np.zeros((2, 2)))[0].min() == 255
    rgb, scale = sequential(np.array([[0.0, 3.0]]))
    assert scale == 3.0 and rgb[0, 0].tolist() == [255, 255, 255] and rgb[0, 1].max() < 60


def test_pixels_tab_shows_the_input_gradient_of_the_canvas_example(make_window, qtbot, tmp_path):
    w, c = make_window()
    c.play(until=30)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == 30, timeout=20000)
    d = w.diagnose
    d.show_pixels.trigger()  # View ▸ Which pixels decided it
    assert w.places.tab_shown(d.pixels)
    c.set_example("test", 4)
    qtbot.waitUntil(lambda: d.pixels.sal is not None and "test example 5" in d.pixels.sal.caption)
    sal = d.pixels.sal
    snap = c.record.shown
    arch = Architecture(snap.layer_dims, snap.activation)
    x = c.dataset.X_test[:, 4]
    assert sal.yhat == pytest.approx(float(predict_proba(arch, snap.W, snap.b, x[:, None])[0, 0]))
    some = np.random.default_rng(0).choice(x.size, 40, replace=False)
    fd = finite_difference(arch, snap.W, snap.b, x, some)
    np.testing.assert_allclose(sal.grad[some], fd, rtol=1e-4, atol=1e-10)
    assert sal.fd_difference < 1e-5
    state = w.dump_state(tmp_path / "s.json")["input_gradient"]
    assert state["shown"] and state["iteration"] == 30
    assert state["example"].startswith("test example 5 · y = ")
    assert state["top_inputs"][0]["gradient"] == pytest.approx(
        float(sal.grad[np.argmax(np.abs(sal.grad))])
    )
    signed, weighed = pixel_maps(sal.grad, x, c.dataset.image_shape)
    assert state["heatmap_scales"] == [np.abs(signed).max(), weighed.max()]
    assert d.pixels.pictures[1].pixmap().width() > 50
    # training on: the heatmap follows the shown parameters
    c.play(until=45)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == 45, timeout=20000)
    qtbot.waitUntil(lambda: d.pixels.sal.iteration == 45, timeout=5000)
    assert d.pixels.title.text().startswith("iteration 45 ·")


def test_point_data_gives_the_gradient_and_the_examples_as_numbers(make_window, qtbot):
    w, c = make_window("flower")
    c.step()
    qtbot.waitUntil(lambda: c.record.iteration == 1, timeout=10000)
    d = w.diagnose
    d.show_pixels.trigger()
    qtbot.waitUntil(lambda: d.pixels.sal is not None, timeout=5000)
    assert d.pixels.numbers.text().startswith("∂ŷ/∂x = (")
    assert not d.pixels.pictures[0].isVisible()
    d.show_confusion.trigger()  # the confusion matrix's examples: their coordinates
    qtbot.waitUntil(d.current, timeout=10000)
    actual, pred = np.argwhere(d.confusion.cm.counts > 0)[0]
    d.confusion.choose_cell(int(actual), int(pred))
    assert d.confusion.thumbs.count() > 0
    assert "x = (" in d.confusion.thumbs.item(0).text()


def test_a_dropped_picture_gets_its_heatmap(make_window, qtbot):
    w, c = make_window()
    c.step()
    qtbot.waitUntil(lambda: c.record.iteration == 1, timeout=10000)
    d = w.diagnose
    d.show_pixels.trigger()
    ds = c.dataset
    for i, name in ((7, "one.png"), (9, "two.png")):
        c.show_custom_example(ds.X[:, i], ds.image(i), name)
        qtbot.waitUntil(lambda n=name: d.pixels.sal.caption.startswith(n), timeout=5000)
        np.testing.assert_array_equal(d.pixels.sal.x, ds.X[:, i])

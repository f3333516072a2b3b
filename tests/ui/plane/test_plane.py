"""The Plane tab: Playground's 2-D data from its controls, the defaults, the live decision map."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtWidgets import QApplication
from ui_waits import settle

from nnviz.data.planar import PlanarDataset, default_spec
from nnviz.engine.network import Architecture, forward
from nnviz.run.plane_maps import grid_inputs
from nnviz.ui.plane.feature import MAP_RES


def test_the_controls_make_2d_data_with_its_defaults_and_the_map_follows(qtbot, make_window):
    w, c = make_window("cats")
    plane = w.units.plane
    assert not plane.state()["two_d"] and "2-D data" in plane.panel.note.text()
    s = plane.panel.settings
    # choose XOR in the tab: the dataset, its defaults in the side panel, the tab in front
    s.kind.setCurrentIndex(s.kind.findData("xor"))
    s.kind.activated.emit(s.kind.currentIndex())
    ds = c.dataset
    assert isinstance(ds, PlanarDataset) and ds.spec == default_spec("xor")
    assert (c.config.hidden_layers, c.config.activation, c.config.lr) == ((4, 2), "tanh", 0.1)
    assert w.controls.config() == c.config  # the side panel shows them
    assert w.places.tab_shown(plane.panel)
    # noise by keyboard (a committed slider change), then a feature toggled on
    s.noise.setValue(20)
    assert c.dataset.spec.noise == 0.2
    s.features["x1x2"].setChecked(True)
    assert c.dataset.spec.features == ("x1", "x2", "x1x2") and c.dataset.n_x == 3
    assert c.config.hidden_layers == (4, 2)  # the same kind keeps the settings in force
    QApplication.processEvents()
    assert w.canvas.scene.input_name(2) == "x₁x₂"  # the canvas's input column names them
    assert w.canvas.overlapping_texts() == []
    # the last feature cannot be unticked
    for key in ("x1", "x2"):
        s.features[key].setChecked(False)
    s.features["x1x2"].setChecked(False)
    assert s.features["x1x2"].isChecked() and c.dataset.spec.features == ("x1x2",)
    # train; the map is ŷ of the shown snapshot at every grid point
    c.play(until=60)
    settle(qtbot, c, 60)
    state = plane.state()
    assert state["shown"] and state["iteration"] == 60 and state["two_d"]
    snap = c.snapshot
    X = grid_inputs(c.dataset, plane.plane, MAP_RES)
    _, A = forward(Architecture(snap.layer_dims, snap.activation), snap.W, snap.b, X)
    np.testing.assert_allclose(plane.shown_yhat.reshape(-1), A[-1][0], rtol=1e-12)
    assert abs(state["J"] - c.record.J()) < 1e-4
    # test points toggle
    plane.panel.show_test.setChecked(False)
    assert not plane.state()["test_points"] and not plane.map.show_test


def test_a_declined_change_keeps_the_data_and_the_controls(qtbot, make_window):
    w, c = make_window("cats")
    plane = w.units.plane
    assert plane.open_spec(default_spec("circle"))
    c.play(until=5)
    settle(qtbot, c, 5)
    c.confirm_reset = lambda question: False  # the user says no
    plane.panel.settings.seed.setValue(7)
    assert c.dataset.spec.seed == 1 and plane.panel.settings.seed.value() == 1


def test_the_flower_has_a_map_too(qtbot, make_window):
    w, c = make_window("flower")
    plane = w.units.plane
    w.places.show_tab(plane.panel)
    c.play(until=3)
    settle(qtbot, c, 3)
    state = plane.state()
    assert state["two_d"] and state["iteration"] == 3 and state["dataset"] is None
    assert w.places.tab_shown(plane.panel)  # started on 2-D data: the map in front
    assert plane.panel.settings.kind.currentIndex() == -1  # no Playground kind claimed


def test_while_training_the_map_is_made_off_the_gui_thread_and_the_points_drawn_once(
    qtbot, make_window, monkeypatch
):
    from nnviz.ui.plane import feature as feature_module

    threads: set[str] = set()
    real = feature_module.decision_map

    def spy(*args):
        threads.add(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(feature_module, "decision_map", spy)
    w, c = make_window("cats")
    plane = w.units.plane
    plane.open_spec(default_spec("circle"))
    c.play()
    made = lambda: "nnviz-decision-map" in threads and plane.shown_iteration is not None  # noqa: E731
    qtbot.waitUntil(made, timeout=60_000)
    m = plane.map

    def next_map() -> None:
        shown = plane.shown_iteration
        qtbot.waitUntil(lambda: plane.shown_iteration != shown, timeout=60_000)
        QApplication.processEvents()  # the caption's first text settles the layout
        m.repaint()

    next_map()
    points = m._layers["points"][1]
    for _ in range(3):
        next_map()
        assert m._layers["points"][1] is points  # the points are not drawn again for a new map
    c.pause()
    qtbot.waitUntil(lambda: not c.is_playing, timeout=10_000)
    QApplication.processEvents()
    plane.refresh()  # at rest: made at once, of the shown snapshot
    assert plane.shown_iteration == c.snapshot.iteration
    plane.panel.show_test.setChecked(False)  # hiding the test points draws them again
    m.repaint()
    assert m._layers["points"][1] is not points


def test_while_the_animation_runs_a_new_map_waits_for_the_canvass_next_frame(qtbot, make_window):
    from nnviz.ui.plane.feature import decision_map

    w, c = make_window("cats")
    plane = w.units.plane
    plane.open_spec(default_spec("gaussian"))
    c.play(until=3)
    settle(qtbot, c, 3)
    snap = c.snapshot
    made = decision_map(snap, plane._inputs, plane.plane)
    w.canvas.overlay.loop(len(snap.layer_dims) - 1)  # animating, as while training plays
    try:
        plane.shown_iteration = None
        plane._made((snap, plane._inputs), made)
        assert plane.shown_iteration is None  # not yet: after the canvas's next frame
        with qtbot.waitSignal(w.canvas.painted, timeout=5_000):
            w.canvas.update()
        qtbot.waitUntil(lambda: plane.shown_iteration == snap.iteration, timeout=5_000)
    finally:
        w.canvas.overlay.stop()

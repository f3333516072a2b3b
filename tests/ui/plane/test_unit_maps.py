"""A map in every unit of the canvas for 2-D data, from the snapshot the canvas shows."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtWidgets import QApplication

from nnviz.data import load_dataset
from nnviz.data.planar import default_spec
from nnviz.run.plane_maps import colour_unit_maps, grid_inputs


def test_every_unit_shows_its_map_of_the_shown_snapshot(qtbot, make_window):
    w, c = make_window("cats")
    canvas = w.canvas
    assert canvas.unit_maps() is None  # pictures: plain units
    w.units.plane.open_spec(default_spec("gaussian"))
    c.play(until=25)
    qtbot.waitUntil(lambda: c.record.iteration == 25 and not c.is_playing, timeout=60_000)
    QApplication.processEvents()
    canvas.flush()
    canvas.repaint()
    snap = c.snapshot
    maps = canvas.unit_maps()
    assert maps is not None and [m.shape[0] for m in maps] == list(snap.layer_dims)
    res = maps[0].shape[1]  # one grid point per device pixel of the unit's disc
    assert maps[0].shape[1:] == (res, res, 3) and res >= 20
    inputs = grid_inputs(c.dataset, w.units.plane.plane, res)
    want = colour_unit_maps(snap, inputs, res)
    for got, ref in zip(maps, want, strict=True):
        np.testing.assert_array_equal(got, ref)
    made = canvas.maps_made
    assert canvas.unit_maps() is maps and canvas.maps_made == made  # once per snapshot
    # hovering a unit shows its map large
    l, j = 1, 1
    img = canvas.unit_map_image((l, j))
    assert img is not None and (img.width(), img.height()) == (res, res)
    # back to pictures: no maps
    c.set_dataset(load_dataset("cats"), ask=False)
    assert canvas.unit_maps() is None


def test_while_training_streams_the_maps_are_made_off_the_gui_thread(
    qtbot, make_window, monkeypatch
):
    """Each streamed snapshot's maps come from the canvas's worker thread, and every frame is
    composed with the maps of the snapshot whose units it shows."""
    from nnviz.ui.canvas import unit_maps as unit_maps_module

    threads: set[str] = set()
    real = unit_maps_module.make_unit_maps

    def spy(*args):
        threads.add(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(unit_maps_module, "make_unit_maps", spy)
    w, c = make_window("cats")
    canvas = w.canvas
    w.units.plane.open_spec(default_spec("spiral"))
    frames: list[tuple] = []  # (snapshot shown, snapshot of its maps) per composed frame
    compose = canvas._compose

    def checked(size):
        compose(size)
        frames.append((canvas._shown[1], canvas._unit_maps.made_for))

    monkeypatch.setattr(canvas, "_compose", checked)
    c.play()
    mapped = lambda: [f for f in frames if f[0] is not None and f[1] is not None]  # noqa: E731
    qtbot.waitUntil(lambda: "nnviz-unit-maps" in threads and len(mapped()) > 5, timeout=60_000)
    c.pause()
    qtbot.waitUntil(lambda: not c.is_playing, timeout=10_000)
    assert all(shown is made for shown, made in mapped())

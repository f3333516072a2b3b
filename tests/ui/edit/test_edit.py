"""Editing a weight by hand in the window: the edit is one step of the run that every view shows
(toolbar, cost plot, canvas, timeline); the editor opens on a clicked edge or bias ring or with E,
applies on Enter, cancels on Escape, and a drag is one step."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from ui_waits import settle

from nnviz.engine.edit import Target
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, forward, l2_cost


def fresh_J(c, W, b) -> float:
    """J of W, b by a plain forward pass over the training set."""
    X, Y, _, _ = c.dataset.as_dtype(c.config.dtype)
    arch = Architecture((X.shape[0], *c.config.hidden_layers, 1), c.config.activation)
    Z, A = forward(arch, list(W), list(b), X)
    return get_loss(c.config.loss).cost(Z[-1], A[-1], Y) + l2_cost(list(W), c.config.l2, Y.size)


def views_say(window, tmp_path, iteration: int, J: float) -> dict:
    """The toolbar, the cost plot and the canvas show `iteration` and J."""
    window.flush_views()
    state = window.dump_state(tmp_path / "state.json")
    for name in ("toolbar", "cost_plot", "canvas"):
        assert state[name]["iteration"] == iteration, f"{name}: {state[name]}"
        assert state[name]["J"] == pytest.approx(J, abs=1e-6), f"{name}: {state[name]}"
    return state


def trained(qtbot, make_window, n: int = 5):
    window, c = make_window()
    c.confirm_reset = lambda question: True
    c.play(until=n)
    settle(qtbot, c, n)
    return window, c


def test_an_edit_while_paused_is_one_step_every_view_shows(qtbot, make_window, tmp_path):
    window, c = trained(qtbot, make_window)
    before = c.snapshot
    target = Target("W", 2, 3, 4)
    with qtbot.waitSignal(c.edited, timeout=30_000) as done:
        assert c.edit(target, 0.5) == ""
    assert done.args == [""]
    settle(qtbot, c, 6)
    snap = c.snapshot
    assert snap.W[2][3, 4] == 0.5
    W = [w.copy() for w in before.W]
    W[2][3, 4] = 0.5
    assert all(np.array_equal(a, w) for a, w in zip(snap.W[1:], W[1:], strict=True))
    J6 = fresh_J(c, snap.W, snap.b)
    assert snap.cost == pytest.approx(J6, abs=1e-10)
    assert c.record.costs.at(5) == pytest.approx(before.cost, abs=1e-12)  # J(5): unedited
    views_say(window, tmp_path, 6, J6)
    assert c.record.timeline.edits() == [6]
    c.play(until=8)  # training goes on from the edited network: J(6) is its cost
    settle(qtbot, c, 8)
    assert c.record.costs.at(6) == pytest.approx(J6, abs=1e-10)


def test_bad_input_is_said_once_and_a_past_iteration_is_not_edited(qtbot, make_window):
    window, c = trained(qtbot, make_window, 6)
    assert "finite" in c.edit(Target("W", 2, 0, 0), float("nan"))
    assert "no layer 9" in c.edit(Target("W", 9, 0, 0), 1.0)
    feature = window.editing
    assert feature.open(Target("b", 1, 0))
    feature.editor.field.setText("twelve")
    qtbot.keyClick(feature.editor.field, Qt.Key.Key_Return)
    assert "“twelve” is not a number" in feature.editor.message.text()
    assert feature.editor.isVisible() and c.record.newest == 6
    window.timeline.show_iteration(3)
    qtbot.waitUntil(lambda: c.viewing_past and c.snapshot.iteration == 3, timeout=30_000)
    assert "in the past" in c.edit(Target("W", 1, 0, 0), 1.0)
    assert feature.open(Target("W", 1, 0, 0)) and feature.editor.blocked
    assert "past iteration" in feature.editor.hint.text()


def test_editing_while_playing_pauses_first(qtbot, make_window):
    _window, c = make_window()
    c.play()
    qtbot.waitUntil(lambda: c.is_playing and c.record.newest > 2, timeout=60_000)
    assert c.edit(Target("b", 3, 2), -2.0) == ""
    qtbot.waitUntil(
        lambda: not c.is_playing and c.snapshot is not None and c.snapshot.b[3][2, 0] == -2.0,
        timeout=60_000,
    )
    edits = c.record.timeline.edits()
    assert edits == [c.record.newest]


def edge_point(canvas, l: int):
    """(hit (l, j, k), widget point) near the middle of a drawn edge into layer l."""
    scene, view = canvas.scene, canvas.view
    es = scene.edges[l]
    mid = es.p0[-1] * 0.45 + es.p1[-1] * 0.55  # the strongest edge (drawn last)
    hit = scene.hit_edge(tuple(mid), tol=4)
    assert hit is not None and hit[0] == l
    x, y = view.map(mid)
    return hit, QPoint(round(x), round(y))


def test_click_an_edge_type_a_value_and_enter(qtbot, make_window, tmp_path):
    window, c = trained(qtbot, make_window)
    feature, editor, canvas = window.editing, window.editing.editor, window.canvas
    _hit, at = edge_point(canvas, 3)
    with qtbot.waitSignal(canvas.weightClicked, timeout=5_000) as clicked:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at)
    l, j, k = clicked.args[0]  # the edge nearest the click (edges may cross there)
    assert l == 3
    assert editor.isVisible() and feature.target == Target("W", l, j, k)
    assert editor.title.text() == f"W[{l}][{j + 1},{k + 1}] ="  # units from 1, as drawn
    assert float(editor.field.text()) == pytest.approx(float(c.snapshot.W[l][j, k]), rel=1e-5)
    assert "iteration 5" in editor.info.text()
    state = window.dump_state(tmp_path / "open.json")["weight_editor"]
    assert state["shown"] and state["fully_visible"] and state["iteration"] == 5
    editor.field.selectAll()
    qtbot.keyClicks(editor.field, "-0.75")
    with qtbot.waitSignal(c.edited, timeout=30_000):
        qtbot.keyClick(editor.field, Qt.Key.Key_Return)
    assert not editor.isVisible()
    settle(qtbot, c, 6)
    assert window.canvas_snapshot.W[l][j, k] == -0.75  # the canvas draws the edited network
    views_say(window, tmp_path, 6, fresh_J(c, c.snapshot.W, c.snapshot.b))


def test_escape_cancels_and_nothing_is_recorded(qtbot, make_window, monkeypatch):
    window, c = trained(qtbot, make_window)
    feature, editor = window.editing, window.editing.editor
    sent = []
    monkeypatch.setattr(c, "edit", lambda *a, **k: sent.append(a) or "")
    assert feature.open(Target("W", 1, 2, 100))
    assert editor.title.text() == "W[1][3,101] ="
    assert "input 101 (pixel row 0, col 33, green)" in editor.about.text()
    editor.field.selectAll()
    qtbot.keyClicks(editor.field, "3")
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)
    assert not editor.isVisible() and sent == []
    assert c.record.newest == 5 and c.record.timeline.edits() == []


def test_a_bias_ring_click_and_the_e_key_open_the_editor(qtbot, make_window):
    window, _c = trained(qtbot, make_window)
    editor, canvas = window.editing.editor, window.canvas
    scene, view = canvas.scene, canvas.view
    j = int(scene.shown[2][1])
    cx, cy = view.map(scene.geometry.pos[2][1])
    r = scene.geometry.radius * view.scale
    with qtbot.waitSignal(canvas.weightClicked, timeout=5_000):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(cx + r), round(cy)))
    assert editor.title.text() == f"b[2][{j + 1}] ="
    assert "bias of unit" in editor.about.text()
    qtbot.keyClick(editor.field, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    _hit, at = edge_point(canvas, 2)
    qtbot.mouseMove(canvas, at)
    qtbot.waitUntil(lambda: canvas.pointed_weight() is not None, timeout=5_000)
    pointed = canvas.pointed_weight()[0]  # the edge nearest the pointer (edges cross there)
    assert len(pointed) == 3
    qtbot.keyClick(canvas, Qt.Key.Key_E)
    l, jj, kk = pointed
    assert editor.isVisible() and editor.title.text() == f"W[{l}][{jj + 1},{kk + 1}] ="


def test_a_drag_applies_live_and_is_one_step(qtbot, make_window):
    window, c = trained(qtbot, make_window)
    feature, editor = window.editing, window.editing.editor
    target = Target("W", 2, 0, 0)
    assert feature.open(target)
    slider = editor.slider
    slider.setSliderDown(True)  # what a drag does: press, move, move, …, release
    for position in (520, 600, 700, 810):
        slider.setValue(position)
    slider.setSliderDown(False)
    last = editor.value_at(810)
    qtbot.waitUntil(
        lambda: c.snapshot.iteration == 6 and c.snapshot.W[2][0, 0] == last, timeout=30_000
    )
    settle(qtbot, c, 6)
    assert c.record.timeline.edits() == [6] and c.record.newest == 6
    assert c.snapshot.cost == pytest.approx(fresh_J(c, c.snapshot.W, c.snapshot.b), abs=1e-10)
    assert editor.isVisible()  # a drag keeps the editor open: Escape or a click closes it
    asked = []
    c.confirm_reset = lambda question: asked.append(question) or True
    assert c.reset(ask=True) and asked  # Reset asks, as for any progress
    settle(qtbot, c, 0)
    assert c.record.timeline.edits() == [] and not editor.isVisible()

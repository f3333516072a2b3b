"""Stepping an iteration phase by phase in the window: order, the equations panel's numbers against
a Trainer stepped directly, exactness of phases vs one iteration, and clicking a unit."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnviz.engine.trainer import Trainer, phases
from nnviz.ui.flow.equations import fmt, phase_html, phase_numbers


@pytest.fixture
def window(make_window):
    return make_window("cats", (1400, 900))


def step_phase(qtbot, w, c, expected=None):
    def arrived(s) -> bool:
        return s.phase is not None and (expected is None or s.phase == expected)

    with qtbot.waitSignal(c.snapshotChanged, timeout=10_000, check_params_cb=arrived):
        w.stepping.step_phase.trigger()
    return c.snapshot


def reference(c) -> Trainer:
    X, Y, _, _ = c.dataset.as_dtype(c.config.dtype)
    return Trainer(c.config, X, Y)


def check_numbers(w, c, ref: Trainer) -> None:
    """The panel's numbers for the current phase equal the reference trainer's (example 0 is
    column 0 of the full batch)."""
    panel, phase = w.stepping.panel, c.snapshot.phase
    assert ref.phase == phase
    l, j = panel.unit
    n = panel.numbers
    close = {"rtol": 2e-5, "atol": 1e-6}
    if phase.kind == "forward":
        np.testing.assert_allclose(n["z"], ref.Z[l][j, 0], **close)
        np.testing.assert_allclose(n["a"], ref.A[l][j, 0], **close)
        np.testing.assert_array_equal(n["w"], ref.W[l][j, :4])
        assert n["b"] == ref.b[l][j, 0]
    elif phase.kind == "cost":
        assert n["J"] == ref.costs[-1]
        np.testing.assert_allclose(n["yhat"], ref.A[ref.arch.L][0, 0], **close)
    elif phase.kind == "backward":
        np.testing.assert_allclose(n["dz"], ref.dZ[l][j, 0], **close)
        np.testing.assert_array_equal(n["dW"], ref.dW[l][j, :4])
        assert n["db"] == ref.db[l][j, 0]
    else:
        np.testing.assert_array_equal(n["W"], ref.W[l][j, :4])  # the new weights
        np.testing.assert_array_equal(n["dW"], ref.dW[l][j, :4])
        assert n["alpha"] == ref.lr


def test_phases_in_order_with_the_engines_numbers_and_equal_to_one_iteration(qtbot, window):
    w, c = window
    w.transport.step.trigger()  # one plain iteration first, so dW of the last one exist
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 1)
    ref, whole = reference(c), reference(c)
    ref.step()
    whole.step()
    whole.step()  # iteration 2 in one go
    L = ref.arch.L
    seen = []
    for expected in phases(L):
        snap = step_phase(qtbot, w, c, expected)
        seen.append(snap.phase)
        ref.step_phase()
        assert snap.phase == expected
        assert w.places.tab_shown(w.stepping.panel)
        w.stepping.refresh_panel()
        check_numbers(w, c, ref)
        assert str(expected) in w.stepping.panel.toPlainText()
    assert seen == phases(L)
    snap = c.snapshot
    assert snap.iteration == 2 == whole.iteration
    for l in range(1, L + 1):
        np.testing.assert_array_equal(snap.W[l], whole.W[l])  # exactly, not approximately
        np.testing.assert_array_equal(snap.b[l], whole.b[l])
    J2 = whole.step()  # the course's "Cost after iteration 2": J of the parameters shown
    assert abs(c.snapshot.cost - J2) < 1e-12


def test_clicking_a_unit_shows_its_own_numbers(qtbot, window):
    w, c = window
    first, second = phases(4)[:2]
    step_phase(qtbot, w, c, first)
    snap = step_phase(qtbot, w, c, second)
    assert str(snap.phase) == "forward through layer 2"
    canvas = w.canvas
    scene = canvas.scene
    j = int(scene.shown[2][3])
    x, y = canvas.view.map(scene.geometry.pos[2][3])
    with qtbot.waitSignal(canvas.unitClicked):
        qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPointF(x, y).toPoint())
    assert w.stepping.unit == (2, j) == w.stepping.panel.unit
    values = canvas.example_values()
    text = w.stepping.panel.toPlainText()
    assert f"unit {j + 1} of layer 2" in text  # numbered from 1, as the course writes x₁ … xₙ
    assert fmt(values.z[2][j]) in text and fmt(values.a[2][j]) in text
    assert fmt(snap.W[2][j, 0]) in text  # its row of W
    # a unit of another layer: its own numbers in a "selected" block
    html = phase_html(snap.phase, snap, values, 300, (3, 1))
    assert "selected: unit 2 of layer 3" in html and fmt(values.z[3][1]) in html


def test_numbers_are_empty_before_the_phase_has_run():
    """Before backward through layer l has run, the panel does not claim this iteration's dz."""
    from nnviz.data import load_dataset
    from nnviz.engine.snapshot import take_snapshot
    from nnviz.engine.trainer import TrainConfig
    from nnviz.ui.canvas.values import example_values

    ds = load_dataset("flower")
    X, Y, _, _ = ds.as_dtype("float64")
    t = Trainer(TrainConfig(hidden_layers=(4,), dtype="float64"), X, Y)
    t.step_phase()  # forward through layer 1
    snap = take_snapshot(t)
    values = example_values(snap, X[:, 0], Y[0, 0])
    html = phase_html(snap.phase, snap, values, X.shape[1], (2, 0))
    assert "dz =" not in html.split("selected")[-1]
    n = phase_numbers(snap.phase, snap, values, (1, 0))
    np.testing.assert_allclose(n["z"], t.Z[1][0, 0])

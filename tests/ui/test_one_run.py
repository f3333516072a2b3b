"""Every view agrees with the run record and with `nnviz train`'s costs, all along a run:
steps, phases from iteration 0, play, pause, scrub back, continue from here, save and reopen the
session, open a model. Views are read through --dump-state's entries (what they show)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from ui_waits import settle

from nnviz.engine.trainer import Trainer, phases


@pytest.fixture(scope="module")
def course_costs():
    """J(0..60) of the default settings on the built-in cats, from a headless trainer."""
    from nnviz.data import load_dataset
    from nnviz.engine.trainer import TrainConfig

    cfg = TrainConfig()
    X, Y, _, _ = load_dataset("cats").as_dtype(cfg.dtype)
    t = Trainer(cfg, X, Y)
    t.run(61)
    return np.asarray(t.costs)


def views_agree(window, tmp_path, ref, expect: int, phase: bool = False) -> dict:
    """Every shown view says iteration `expect`, and every J it shows is J(expect)."""
    window.flush_views()
    state = window.dump_state(tmp_path / "state.json")
    record = window.record
    assert record.iteration == expect
    checked = 0
    for name, view in state.items():
        if not view["shown"] or view["iteration"] is None:
            continue
        if name == "status_bar" and "iteration" not in view["text"]:
            continue  # a message that names no iteration
        assert view["iteration"] == expect, f"{name} shows iteration {view['iteration']}"
        if view["J"] is not None:
            assert abs(view["J"] - ref[expect]) < 1e-6, f"{name}: J {view['J']} != {ref[expect]}"
        checked += 1
    assert checked >= 4
    if not phase:
        assert abs(record.J() - ref[expect]) < 1e-6
    return state


def test_every_view_agrees_along_a_run(qtbot, make_window, tmp_path, course_costs):
    window, c = make_window()
    ref = course_costs
    c.confirm_reset = lambda question: True
    settle(qtbot, c, 0)
    views_agree(window, tmp_path, ref, 0)

    # phases from iteration 0: every phase, the Equations tab shown
    window.places.show_tab(window.stepping.panel)
    L = c.config and len(c.config.hidden_layers) + 1
    for k, ph in enumerate(phases(L)):
        with qtbot.waitSignal(c.snapshotChanged, timeout=30_000):
            c.step_phase()
        qtbot.waitUntil(lambda ph=ph: c.snapshot.phase == ph, timeout=30_000)
        expect = 1 if ph.kind == "update" else 0
        state = views_agree(window, tmp_path, ref, expect, phase=True)
        if ph.kind == "cost":
            assert abs(c.snapshot.cost - ref[0]) < 1e-6
        if ph.kind == "backward":
            assert c.snapshot.has_grad(ph.layer) and state["equations"]["shown"]
        if k == len(phases(L)) - 1:
            assert abs(state["toolbar"]["J"] - ref[1]) < 1e-6

    # steps
    c.step()
    c.step()
    settle(qtbot, c, 3)
    views_agree(window, tmp_path, ref, 3)

    # play, pause
    c.play(until=40)
    settle(qtbot, c, 40)
    state = views_agree(window, tmp_path, ref, 40)
    assert state["cost_plot"]["points"] >= 40 and state["cost_plot"]["evaluations"] >= 2

    # scrub back
    with qtbot.waitSignal(
        c.snapshotChanged, timeout=30_000, check_params_cb=lambda s: s.iteration == 12
    ):
        window.timeline.show_iteration(12)
    state = views_agree(window, tmp_path, ref, 12)
    assert state["timeline"]["slider"] == 12 and not state["timeline"]["live"]
    assert state["cost_plot"]["marker"] == 12

    # continue from here, then one step
    assert window.timeline.continue_from_here()
    c.step()
    settle(qtbot, c, 13)
    state = views_agree(window, tmp_path, ref, 13)
    assert state["timeline"]["slider_max"] == 13

    # save the session, train on, reopen it
    path = tmp_path / "run.npz"
    assert window.session.save_session(path)
    c.play(until=20)
    settle(qtbot, c, 20)
    assert window.session.open_session(path)
    settle(qtbot, c, 13)
    state = views_agree(window, tmp_path, ref, 13)
    assert state["timeline"]["slider"] == 13 and state["timeline"]["slider_max"] == 13
    assert state["cost_plot"]["evaluations"] >= 1, "the test curves come back with the session"

    # a model trained elsewhere is not untrained
    model = tmp_path / "model.npz"
    c.play(until=30)
    settle(qtbot, c, 30)
    assert window.session.save_model(model)
    c.reset()
    settle(qtbot, c, 0)
    assert window.session.open_model(model)
    settle(qtbot, c, 30)
    views_agree(window, tmp_path, ref, 30)
    c.step()
    settle(qtbot, c, 31)
    views_agree(window, tmp_path, ref, 31)


def test_reset_offers_the_opened_model(qtbot, make_window, tmp_path, course_costs):
    window, c = make_window()
    c.confirm_reset = lambda question: True
    c.play(until=5)
    settle(qtbot, c, 5)
    model = tmp_path / "m.npz"
    assert window.session.save_model(model)
    c.reset()
    settle(qtbot, c, 0)
    assert window.session.open_model(model)
    settle(qtbot, c, 5)
    c.step()
    settle(qtbot, c, 6)
    asked = []
    c.choose = lambda question, options: asked.append(question) or 0  # "Back to model m.npz"
    assert c.reset(ask=True)
    settle(qtbot, c, 5)
    assert "m.npz" in asked[0]
    asked.clear()
    c.choose = lambda question, options: None  # Cancel: nothing changes
    assert not c.reset(ask=True)


def test_reset_asks_before_discarding_progress(qtbot, make_window):
    window, c = make_window()
    c.play(until=3)
    settle(qtbot, c, 3)
    questions = []
    c.confirm_reset = lambda q: questions.append(q) or False
    window.transport.reset.trigger()
    assert questions and "3 iterations" in questions[0]
    assert c.record.iteration == 3


def test_screenshot_dump_state_at_iteration_7(tmp_path):
    """`main.py --train 7 --screenshot --dump-state`: every view says 7 and every J equals
    `nnviz train --iterations 8 --print-every 1`'s "Cost after iteration 7"."""
    shot, dump = tmp_path / "s.png", tmp_path / "s.json"
    cmd = [sys.executable, "-m", "nnviz", "--train", "7", "--screenshot", str(shot)]
    r = subprocess.run([*cmd, "--dump-state", str(dump)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = subprocess.run(
        [sys.executable, "-m", "nnviz", "train", "--iterations", "8", "--print-every", "1"],
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("Cost after iteration 7:"))
    J7 = float(line.split(":")[1])
    state = json.loads(dump.read_text())
    shown = [v for v in state.values() if v["shown"] and v["iteration"] is not None]
    assert len(shown) >= 5
    for view in shown:
        assert view["iteration"] == 7
        if view["J"] is not None:
            assert abs(view["J"] - J7) < 1e-6

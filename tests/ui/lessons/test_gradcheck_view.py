"""The Gradient check tab: a check in the background at the shown iteration, its table."""

from __future__ import annotations


def test_the_check_runs_in_the_background_and_shows_every_layer(qtbot, make_window, tmp_path):
    w, c = make_window("flower")
    view = w.lessons.gradcheck
    c.play(until=5)
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 5, timeout=30_000)
    w.places.show_tab(view)
    assert view.run_check()
    assert not view.check_button.isEnabled()
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    state = w.dump_state(tmp_path / "state.json")["gradcheck"]
    assert state["shown"] and state["iteration"] == 5 and state["verdict"] == "good"
    assert [r["layer"] for r in state["layers"]] == list(range(1, c.snapshot.L + 1))
    assert "Iteration 5" in view.text.text() and "good" in view.text.text()
    assert view.check_button.isEnabled() and not view.progress.isVisible()
    c.play(until=7)
    qtbot.waitUntil(lambda: "window now shows iteration 7" in view.note.text(), timeout=30_000)


def test_a_check_can_be_cancelled(qtbot, make_window):
    w, c = make_window()  # the cat network: a check takes long enough to cancel
    view = w.lessons.gradcheck
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    view.sample.setCurrentIndex(view.sample.count() - 1)
    view.run_check()
    view.cancel()
    qtbot.waitUntil(lambda: view.check_button.isEnabled(), timeout=30_000)
    assert view.note.text() == "Cancelled." and view.result is None


def test_breaking_backprop_shows_in_the_check_and_in_training(qtbot, make_window, tmp_path):
    w, c = make_window("flower")
    view = w.lessons.gradcheck
    c.play(until=3)
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 3, timeout=30_000)
    breaker = view.breaker
    assert breaker.broken_layer() is None and not breaker.train_button.isEnabled()
    breaker.switch.setChecked(True)
    breaker.layer.setValue(2)
    assert breaker.broken_layer() == 2 and breaker.layer.maximum() == c.snapshot.L
    view.run_check()
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    state = w.dump_state(tmp_path / "s.json")["gradcheck"]
    assert state["broken_layer"] == 2 and state["verdict"] == "wrong"
    by = {r["layer"]: r for r in state["layers"]}
    assert by[2]["verdict"] == "wrong" and by[3]["verdict"] == "good"
    assert "Backprop broken in layer 2" in view.text.text()
    assert breaker.train_both()
    qtbot.waitUntil(lambda: breaker.curves_shown is not None, timeout=30_000)
    good, bad = breaker.curves_shown
    assert good[0] == bad[0] and not (good[1:] == bad[1:]).all() and not breaker.plot.isHidden()

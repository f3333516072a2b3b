"""Why did it stall: the banner and the canvas marks for dead ReLUs and identical units."""

from __future__ import annotations

from ui_waits import train_to


def test_a_too_large_alpha_marks_dead_relus_and_says_the_remedy(qtbot, make_window, tmp_path):
    w, c = make_window()
    c.apply_config(c.config.with_(lr=5.0))
    train_to(qtbot, c, 30)
    feature = w.lessons.health
    qtbot.waitUntil(lambda: feature.health is not None and feature.health.iteration == 30)
    state = w.dump_state(tmp_path / "s.json")["health"]
    assert state["shown"] and state["dead"] > 0 and state["marked"] > 0
    assert "training has stalled" in state["text"] and "smaller learning rate" in state["text"]
    c.confirm_reset = lambda question: True
    c.apply_config(c.config.with_(lr=0.0075, seed=2))  # a new run: the banner goes
    qtbot.waitUntil(lambda: not feature.banner.isVisible())


def test_zeros_with_sigmoid_get_the_units_identical_badge(qtbot, make_window, tmp_path):
    w, c = make_window("flower")
    c.apply_config(c.config.with_(init="zeros", activation="sigmoid", lr=1.0))
    train_to(qtbot, c, 10)
    feature = w.lessons.health
    qtbot.waitUntil(lambda: feature.health is not None and feature.health.iteration == 10)
    state = w.dump_state(tmp_path / "s.json")["health"]
    assert state["identical"] == [1, 2, 3] and state["badges"] == 3 and state["dead"] == 0
    assert state["text"].startswith("Units identical in layers 1, 2 and 3")
    c.confirm_reset = lambda question: True
    c.apply_config(c.config.with_(activation="relu"))
    train_to(qtbot, c, 3)
    qtbot.waitUntil(lambda: "Dead network" in feature.banner.text())
    assert "relu(0) = 0" in feature.banner.text() and "sigmoid" in feature.banner.text()

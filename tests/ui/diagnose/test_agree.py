"""Every diagnosis view describes the shown parameters: its iteration and J are the record's,
phase by phase from iteration 0, after steps, and at a past iteration of the timeline."""

from __future__ import annotations

from nnviz.engine.trainer import phases

ENTRIES = (
    "confusion_matrix",
    "misclassified_gallery",
    "input_gradient",
    "gradient_norms",
    "histograms",
    "runs",
)


def _agree(window, c, tmp_path) -> None:
    state = window.dump_state(tmp_path / "state.json")
    J = c.record.J()
    for name in ENTRIES:
        view = state[name]
        assert view["iteration"] == c.record.iteration, name
        if J is None:
            assert view["J"] is None, name
        else:
            assert abs(view["J"] - J) <= 5e-7, name


def test_the_views_describe_the_shown_parameters(make_window, qtbot, tmp_path):
    w, c = make_window()
    c.confirm_reset = lambda _question: True
    qtbot.waitUntil(lambda: c.record.shown is not None, timeout=10000)
    d = w.diagnose
    assert d.pred is None and d.pixels.sal is None  # hidden tabs compute nothing…
    _agree(w, c, tmp_path)  # …but the dump describes the shown parameters
    state = w.dump_state(tmp_path / "hidden.json")
    assert not state["confusion_matrix"]["shown"] and not state["input_gradient"]["shown"]
    assert state["input_gradient"]["example"].startswith("train example 1")
    assert state["confusion_matrix"]["counts"] is not None
    d.show_confusion.trigger()
    d.show_pixels.trigger()
    for ph in phases(len(c.config.hidden_layers) + 1):
        with qtbot.waitSignal(c.snapshotChanged, timeout=10000):
            c.step_phase()
        qtbot.waitUntil(lambda ph=ph: c.snapshot.phase == ph, timeout=10000)
        _agree(w, c, tmp_path)
    c.step()
    c.step()
    qtbot.waitUntil(lambda: c.record.iteration == 3 and c.snapshot.cost is not None, timeout=10000)
    _agree(w, c, tmp_path)
    qtbot.waitUntil(lambda: w.timeline.bar.slider.maximum() == 3, timeout=10000)
    w.timeline.show_iteration(2)
    qtbot.waitUntil(lambda: c.record.iteration == 2, timeout=10000)
    _agree(w, c, tmp_path)

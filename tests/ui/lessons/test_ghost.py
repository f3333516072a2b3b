"""The course's curve in the cost plot: on its data with its settings, and nowhere else."""

from __future__ import annotations

import numpy as np

from nnviz.run.course_runs import RUNS


def test_the_courses_costs_are_drawn_faintly_for_its_run(qtbot, make_window, catvnoncat, tmp_path):
    w, c = make_window(str(catvnoncat / "train_catvnoncat.h5"))
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    its, J = w.cost_plot.ghost()
    np.testing.assert_array_equal(its, np.arange(25) * 100)
    np.testing.assert_array_equal(J, RUNS[2].costs)
    state = w.dump_state(tmp_path / "s.json")["course_curve"]
    assert state["run"] == "L-layer network" and state["last"] == [2400, 0.092878215]
    cfg = c.config
    c.apply_config(cfg.with_(lr=0.01))  # a live change of α: no longer the course's run
    qtbot.waitUntil(lambda: len(w.cost_plot.ghost()[0]) == 0)
    c.apply_config(cfg.with_(hidden_layers=(7,), init="small"))  # the course's 2-layer run
    qtbot.waitUntil(lambda: len(w.cost_plot.ghost()[1]) == 25)
    np.testing.assert_array_equal(w.cost_plot.ghost()[1], RUNS[1].costs)


def test_no_course_curve_on_other_data(qtbot, make_window):
    w, c = make_window()
    qtbot.waitUntil(lambda: c.snapshot is not None, timeout=30_000)
    assert len(w.cost_plot.ghost()[0]) == 0 and w.lessons.ghost.run is None

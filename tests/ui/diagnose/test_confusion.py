"""The Confusion tab against the engine's predictions: counts, rates, accuracy (the record's
evaluation), precision and recall, live while training; a click on a cell lists its examples,
a click on one of those shows it on the network."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.engine.network import Architecture, predict_proba


def _engine(c, test: bool):
    """(labels, predicted) of the shown parameters, from the engine, on the trainer's data."""
    snap = c.record.shown
    X, Y, X_test, Y_test = c.dataset.as_dtype(c.config.dtype)
    X, Y = (X_test, Y_test) if test else (X, Y)
    P = predict_proba(Architecture(snap.layer_dims, snap.activation), snap.W, snap.b, X)
    return Y.reshape(-1).astype(int), (P.reshape(-1) > 0.5).astype(int)


def _trained(make_window, qtbot, n: int):
    w, c = make_window()
    c.play(until=n)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == n, timeout=20000)
    return w, c


def _cell_click(qtbot, table, row: int, col: int) -> None:
    rect = table.visualRect(table.model().index(row, col))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_confusion_matrix_matches_the_engine_and_lists_a_cells_examples(
    make_window, qtbot, tmp_path
):
    w, c = _trained(make_window, qtbot, 40)
    d = w.diagnose
    view = d.confusion
    assert not view.isVisible()
    d.show_confusion.trigger()  # View ▸ Confusion matrix
    assert w.places.tab_shown(view)
    qtbot.waitUntil(d.current, timeout=10000)  # computed in the background
    y, p = _engine(c, test=False)
    expect = [[int(np.sum((y == a) & (p == q))) for q in (0, 1)] for a in (0, 1)]
    assert view.cm.counts.tolist() == expect
    ev = c.record.evaluation(40)
    assert ev is not None and view.cm.accuracy() == ev.train_accuracy
    state = w.dump_state(tmp_path / "state.json")["confusion_matrix"]
    assert state["shown"] and state["iteration"] == 40 and state["counts"] == expect
    assert state["J"] == float(f"{c.record.J():.6f}")
    tp, fp, fn = expect[1][1], expect[0][1], expect[1][0]
    assert state["precision"][1] == tp / (tp + fp) and state["recall"][1] == tp / (tp + fn)
    assert f"({int(np.sum(y == p))} of {len(y)})" in view.figures.text()
    # a click on "actual non-cat, predicted cat" lists those examples; one click shows one
    _cell_click(qtbot, view.matrix, 0, 1)
    wrong = np.flatnonzero((y == 0) & (p == 1))
    assert view.thumbs.indices == wrong[: len(view.thumbs.indices)].tolist()
    assert view.cell_label.text().startswith(f"{len(wrong)} training examples")
    assert len(wrong) > 0
    item = view.thumbs.item(0)
    view.thumbs.scrollToItem(item)
    qtbot.mouseClick(
        view.thumbs.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.thumbs.visualItemRect(item).center(),
    )
    assert c.example == ("train", int(wrong[0]))
    # the test set, through its button
    qtbot.mouseClick(view.test_button, Qt.MouseButton.LeftButton)
    yt, pt = _engine(c, test=True)
    assert view.cm.counts.tolist() == [
        [int(np.sum((yt == a) & (pt == q))) for q in (0, 1)] for a in (0, 1)
    ]
    assert view.cm.accuracy() == ev.test_accuracy
    assert view.cell is None and view.thumbs.count() == 0


def test_confusion_matrix_follows_training_live_and_the_timeline(make_window, qtbot):
    w, c = _trained(make_window, qtbot, 5)
    d = w.diagnose
    d.show_confusion.trigger()
    qtbot.waitUntil(d.current, timeout=10000)
    seen: set[int] = set()
    view = d.confusion
    view_iterations = lambda: seen.add(view.pred.iteration) or len(seen) >= 3  # noqa: E731
    c.set_speed(150)  # iterations a second: training lasts about 1.3 s
    c.play(until=200)
    qtbot.waitUntil(view_iterations, timeout=30000)  # redrawn while training runs
    qtbot.waitUntil(lambda: not c.is_playing, timeout=30000)
    qtbot.waitUntil(d.current, timeout=10000)
    assert view.pred.iteration == c.record.iteration
    qtbot.waitUntil(lambda: w.timeline.bar.slider.maximum() == c.record.iteration, timeout=10000)
    w.timeline.show_iteration(3)  # a past iteration: the matrix describes it
    qtbot.waitUntil(lambda: c.record.iteration == 3 and d.current(), timeout=10000)
    y, p = _engine(c, test=False)
    assert view.cm.counts[1, 1] == int(np.sum((y == 1) & (p == 1)))
    assert view.title.text().startswith("iteration 3 ·")

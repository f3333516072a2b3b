"""The Mistakes tab against the engine's predictions: exactly the wrong examples, the most wrong
first, with y and ŷ; a click makes one the canvas's example."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from nnviz.engine.network import Architecture, predict_proba


def _engine(c, test: bool):
    snap = c.record.shown
    X, Y, X_test, Y_test = c.dataset.as_dtype(c.config.dtype)
    X, Y = (X_test, Y_test) if test else (X, Y)
    P = predict_proba(Architecture(snap.layer_dims, snap.activation), snap.W, snap.b, X)
    return Y.reshape(-1), P.reshape(-1)


def test_gallery_lists_the_mistakes_most_wrong_first_and_a_click_shows_one(
    make_window, qtbot, tmp_path
):
    w, c = make_window()
    c.play(until=60)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == 60, timeout=20000)
    d = w.diagnose
    d.show_gallery.trigger()  # View ▸ Misclassified examples
    view = d.gallery
    assert w.places.tab_shown(view)
    qtbot.waitUntil(d.current, timeout=10000)
    assert view.test  # the course's choice: the test set's mistakes
    Y, P = _engine(c, test=True)
    wrong = np.flatnonzero((P > 0.5) != (Y > 0.5))
    assert sorted(view.thumbs.indices) == wrong.tolist() and len(wrong) > 1
    how = np.abs(Y - P)[view.thumbs.indices]
    assert np.all(np.diff(how) <= 0)  # the most wrong first
    first = view.thumbs.indices[0]
    names = c.dataset.class_names
    assert view.thumbs.captions[0] == f"#{first + 1}  {P[first]:.2f}\ny = {names[int(Y[first])]}"
    assert view.count.text().startswith(f"{len(wrong)} of {len(Y)} test examples wrong")
    state = w.dump_state(tmp_path / "s.json")["misclassified_gallery"]
    assert state["shown"] and state["iteration"] == 60 and state["wrong"] == len(wrong)
    assert [p["example"] for p in state["pictures"]] == [i + 1 for i in view.thumbs.indices]
    assert state["pictures"][0]["yhat"] == P[first]
    # a click on the second picture shows it on the canvas, and the gallery marks it
    item = view.thumbs.item(1)
    qtbot.mouseClick(
        view.thumbs.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.thumbs.visualItemRect(item).center(),
    )
    second = view.thumbs.indices[1]
    assert c.example == ("test", second)
    assert w.canvas_snapshot is not None
    _, y, _ = c.example_data()
    assert y == Y[second]
    assert w.dump_state(tmp_path / "t.json")["misclassified_gallery"]["selected"] == [second + 1]
    # the training set's mistakes
    qtbot.mouseClick(view.train_button, Qt.MouseButton.LeftButton)
    Yt, Pt = _engine(c, test=False)
    assert sorted(view.thumbs.indices) == np.flatnonzero((Pt > 0.5) != (Yt > 0.5)).tolist()
    assert view.state()["selected"] == []

    # training on: the gallery follows
    c.play(until=250)
    qtbot.waitUntil(lambda: not c.is_playing and c.record.iteration == 250, timeout=30000)
    qtbot.waitUntil(d.current, timeout=10000)
    Y, P = _engine(c, test=False)
    assert sorted(view.thumbs.indices) == np.flatnonzero((P > 0.5) != (Y > 0.5)).tolist()
    assert view.title.text().startswith("iteration 250 ·")

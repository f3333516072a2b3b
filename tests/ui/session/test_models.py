"""The course's own models in the window (a `np.savez(**parameters)` file, no description): the
user picks the hidden activation and is told what was assumed; ONNX out from the window; a folder
with unusable files and a one-class dataset are said at start-up."""

from __future__ import annotations

import numpy as np
from PIL import Image

from nnviz.engine.init import initialize


def course_parameters(path, hidden=(4,)) -> dict:
    W, b = initialize((12288, *hidden, 1), "course", 1, np.dtype("float64"))
    params = {f"W{l}": W[l] for l in range(1, len(W))} | {f"b{l}": b[l] for l in range(1, len(b))}
    np.savez(path, **params)
    return params


def test_the_courses_model_file_opens_with_the_activation_the_user_picks(
    qtbot, make_window, tmp_path
):
    w, c = make_window()
    path = tmp_path / "parameters.npz"
    params = course_parameters(path)
    asked = []
    c.choose = lambda question, options: asked.append((question, options)) or options.index("tanh")
    with qtbot.waitSignal(c.problem, timeout=10_000) as said:
        assert w.session.open_model(path)
    assert "no description" in asked[0][0] and "ReLU" in asked[0][1][0]
    assert "assuming" in said.args[0] and "tanh" in said.args[0]
    assert c.config.activation == "tanh" and c.config.hidden_layers == (4,)
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.layer_dims[1] == 4)
    np.testing.assert_array_equal(c.snapshot.W[1], params["W1"])
    c.choose = lambda question, options: None  # Cancel: nothing changes
    assert not w.session.open_model(path)


def test_export_model_as_onnx_from_the_window(qtbot, make_window, tmp_path):
    import onnxruntime as ort

    from nnviz.engine.network import predict_proba
    from nnviz.ui.session.export import export_model_onnx

    _, c = make_window()
    c.play(until=3)
    qtbot.waitUntil(lambda: c.record.iteration == 3 and not c.is_playing, timeout=60_000)
    out = tmp_path / "m.onnx"
    export_model_onnx(c, out)
    X = c.dataset.X[:, :5]
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    got = session.run(None, {session.get_inputs()[0].name: X.T.astype(np.float32)})[0]
    snap = c.snapshot
    want = predict_proba(snap_arch(snap), snap.W, snap.b, X).T
    np.testing.assert_allclose(got, want, atol=1e-6)


def snap_arch(snap):
    from nnviz.engine.network import Architecture

    return Architecture(snap.layer_dims, snap.activation)


def test_a_folder_with_unusable_files_is_said_at_start_up(
    qtbot, make_window, tmp_path, capfd, monkeypatch
):
    for cls in ("cat", "dog"):
        (tmp_path / cls).mkdir()
        for i in range(3):
            Image.fromarray(np.full((8, 8, 3), 40 * i, np.uint8)).save(tmp_path / cls / f"{i}.png")
    (tmp_path / "cat" / "readme.txt").write_text("not a picture")
    said = []
    from nnviz.ui.run.controller import Controller

    real_init = Controller.__init__

    def init(self, *a, **k):
        real_init(self, *a, **k)
        self.problem.connect(said.append)

    monkeypatch.setattr(Controller, "__init__", init)  # hear what start-up says
    _, c = make_window(str(tmp_path))
    assert c.dataset.m + c.dataset.m_test == 6
    assert any("readme.txt" in s and "skipped" in s for s in said)
    assert "readme.txt" in capfd.readouterr().err

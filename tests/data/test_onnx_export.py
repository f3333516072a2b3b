"""ONNX out: the exported graph gives nnviz's own probabilities in onnxruntime; files get umask."""

from __future__ import annotations

import json
import os
import stat

import numpy as np
import pytest

from nnviz.data.modelfile import ModelMeta, read_model, save_model
from nnviz.data.onnx_export import export_onnx, to_onnx
from nnviz.engine import Architecture, predict_proba

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")


def _params(dims, dtype, seed=0):
    rng = np.random.default_rng(seed)
    W = [np.zeros((0, 0), dtype)] + [
        (rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])).astype(dtype)
        for l in range(1, len(dims))
    ]
    b = [np.zeros((0, 0), dtype)] + [
        (rng.standard_normal((dims[l], 1)) * 0.1).astype(dtype) for l in range(1, len(dims))
    ]
    return W, b


def _run(path, X_rows: np.ndarray) -> np.ndarray:
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (out,) = sess.run(None, {"x": X_rows.astype(np.float32)})
    return out


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh", "sigmoid", "linear"])
def test_onnx_matches_nnviz_for_every_activation(tmp_path, activation):
    dims = (12, 6, 3, 1)
    W, b = _params(dims, np.float32)
    meta = ModelMeta(layer_dims=dims, activation=activation, class_names=("dog", "cat"))
    path = tmp_path / "m.onnx"
    export_onnx(path, meta, W, b)
    X = np.random.default_rng(1).standard_normal((12, 9)).astype(np.float32)
    want = predict_proba(Architecture(dims, activation), W, b, X)  # (1, m)
    got = _run(path, X.T)
    assert got.shape == (9, 1)
    np.testing.assert_allclose(got[:, 0], want[0], atol=1e-6)


def test_the_course_model_on_pictures_with_metadata(tmp_path):
    """A course-shaped float64 model: rows are pictures.reshape(-1) / 255, as nnviz scales them."""
    dims = (12288, 20, 7, 5, 1)
    W, b = _params(dims, np.float64, seed=3)
    npz = tmp_path / "course.npz"
    np.savez(npz, **{f"{k}{l}": a[l] for k, a in (("W", W), ("b", b)) for l in range(1, 5)})
    meta, W, b, _notes = read_model(npz)
    out = tmp_path / "course.onnx"
    export_onnx(out, meta, W, b)
    pictures = np.random.default_rng(2).integers(0, 256, (5, 64, 64, 3), dtype=np.uint8)
    X = pictures.reshape(5, -1).T / 255.0  # the course's layout (n_x, m)
    want = predict_proba(Architecture(dims, "relu"), W, b, X)[0]
    got = _run(out, (pictures.reshape(5, -1) / 255.0).astype(np.float32))[:, 0]
    np.testing.assert_allclose(got, want, atol=1e-6)
    model = onnx.load(str(out))
    props = {p.key: p.value for p in model.metadata_props}
    assert props["image_shape"] == "64,64,3" and props["input_scaling"] == "x / 255"
    assert json.loads(props["class_names"]) == ["non-cat", "cat"]
    ops = [n.op_type for n in model.graph.node]
    assert ops == ["Gemm", "Relu"] * 3 + ["Gemm", "Sigmoid"]
    dim = model.graph.input[0].type.tensor_type.shape.dim
    assert (dim[0].dim_param, dim[1].dim_value) == ("N", 12288)


def test_files_get_the_users_mode_not_0600(tmp_path):
    dims = (4, 2, 1)
    W, b = _params(dims, np.float32)
    meta = ModelMeta(layer_dims=dims)
    old = os.umask(0o022)
    try:
        save_model(tmp_path / "m.npz", W, b, meta)
        export_onnx(tmp_path / "m.onnx", meta, W, b)
        os.umask(0o077)
        save_model(tmp_path / "private.npz", W, b, meta)
    finally:
        os.umask(old)
    mode = lambda p: stat.S_IMODE((tmp_path / p).stat().st_mode)  # noqa: E731
    assert (mode("m.npz"), mode("m.onnx"), mode("private.npz")) == (0o644, 0o644, 0o600)


def test_an_unknown_activation_is_refused():
    meta = ModelMeta(layer_dims=(2, 2, 1))
    object.__setattr__(meta, "activation", "swish")
    W, b = _params((2, 2, 1), np.float32)
    with pytest.raises(ValueError, match="swish"):
        to_onnx(meta, W, b)

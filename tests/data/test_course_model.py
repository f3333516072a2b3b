"""The course's own model files: np.savez("model.npz", **parameters) without meta, and a .npy."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.data.modelfile import ModelFileError, load_model, read_model
from nnviz.engine import Architecture, predict_proba

COURSE_DIMS = (12288, 20, 7, 5, 1)


def course_parameters(dims=COURSE_DIMS, seed: int = 1) -> dict[str, np.ndarray]:
    """A parameters dict as the course's initialize_parameters_deep makes it (float64)."""
    rng = np.random.RandomState(seed)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.randn(dims[l], 1) * 0.1
    return p


def course_forward(p: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """The course's L_model_forward: ReLU hidden layers, sigmoid output; X (n_x, m) -> (1, m)."""
    L = len(p) // 2
    A = X
    for l in range(1, L):
        A = np.maximum(0, p[f"W{l}"] @ A + p[f"b{l}"])
    return 1 / (1 + np.exp(-(p[f"W{L}"] @ A + p[f"b{L}"])))


def test_the_courses_savez_is_read_with_its_assumptions_said(tmp_path):
    p = course_parameters()
    path = tmp_path / "model.npz"
    np.savez(path, **p)
    meta, W, b, notes = read_model(path)
    assert meta.layer_dims == COURSE_DIMS
    assert (meta.activation, meta.image_shape, meta.input_scaling) == (
        "relu",
        (64, 64, 3),
        "x / 255",
    )
    assert meta.class_names == ("non-cat", "cat") and meta.dtype == "float64"
    text = "\n".join(notes)
    assert "no meta" in text and "[12288, 20, 7, 5, 1]" in text
    assert "relu" in text and "sigmoid" in text and "64x64x3" in text and "/ 255" in text
    X = np.random.default_rng(0).random((12288, 4))
    got = predict_proba(Architecture(meta.layer_dims, meta.activation), W, b, X)
    np.testing.assert_allclose(got, course_forward(p, X), rtol=1e-12)
    assert load_model(path)[0] == meta


def test_overrides_activation_and_picture_size(tmp_path):
    path = tmp_path / "small.npz"
    np.savez(path, **course_parameters((3072, 4, 1)))
    meta, *_, notes = read_model(path)
    assert meta.image_shape is None and "3072 plain numbers" in "\n".join(notes)
    meta, *_, notes = read_model(path, activation="tanh", image_shape=(32, 32, 3))
    assert (meta.activation, meta.image_shape) == ("tanh", (32, 32, 3))
    assert "tanh" in notes[2] and "as asked" in notes[2] and "32x32x3" in notes[3]
    with pytest.raises(ModelFileError, match="image_shape"):
        read_model(path, image_shape=(64, 64, 3))


def test_overrides_on_an_nnviz_file_are_noted(tmp_path):
    from nnviz.data.modelfile import ModelMeta, save_model

    p = course_parameters((12, 3, 1))
    meta = ModelMeta(layer_dims=(12, 3, 1), image_shape=(2, 2, 3), dtype="float64")
    W = [np.zeros((0, 0)), p["W1"], p["W2"]]
    b = [np.zeros((0, 0)), p["b1"], p["b2"]]
    path = tmp_path / "nnviz.npz"
    save_model(path, W, b, meta)
    assert read_model(path)[3] == []
    got, *_, notes = read_model(path, activation="leaky_relu")
    assert got.activation == "leaky_relu" and notes == [
        "hidden layers use leaky_relu as asked (the file says relu)"
    ]


def test_a_pickled_parameters_dict_in_npy_says_how_to_save_it(tmp_path):
    path = tmp_path / "parameters.npy"
    np.save(path, course_parameters((12, 3, 1)), allow_pickle=True)
    with pytest.raises(ModelFileError) as e:
        load_model(path)
    reason = e.value.reason
    assert "pickled" in reason and 'np.savez("model.npz", **parameters)' in reason

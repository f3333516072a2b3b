"""The course's HDF5 format: good files, the test file beside, and clear errors for bad ones."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

from nnviz.data import DataError, load_dataset
from nnviz.data.h5 import load_h5


def _write(path, prefix: str, x: np.ndarray, y: np.ndarray, classes=True) -> str:
    with h5py.File(path, "w") as f:
        f[f"{prefix}_set_x"] = x
        f[f"{prefix}_set_y"] = y
        if classes:
            f["list_classes"] = np.array([b"non-cat", b"cat"])
    return str(path)


def _images(m: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (m, 4, 4, 3), dtype=np.uint8)


def test_good_files_with_test_beside(tmp_path):
    x, xt = _images(5), _images(3, 1)
    train = _write(tmp_path / "train_small.h5", "train", x, np.array([0, 1, 1, 0, 1]))
    _write(tmp_path / "test_small.h5", "test", xt, np.array([1, 0, 0]))
    d = load_h5(train)
    assert (d.n_x, d.m, d.m_test, d.image_shape) == (48, 5, 3, (4, 4, 3))
    assert d.class_names == ("non-cat", "cat") and d.source == train
    assert d.Y.tolist() == [[0, 1, 1, 0, 1]] and d.Y_test.tolist() == [[1, 0, 0]]
    X64, Y64, Xt64, _ = d.as_dtype(np.float64)
    assert np.array_equal(X64, x.reshape(5, -1).T / 255) and Y64.dtype == np.float64
    assert np.array_equal(Xt64, xt.reshape(3, -1).T / 255)
    assert np.array_equal(d.X, (x.reshape(5, -1).T / 255).astype(np.float32))
    assert not d.X.flags.writeable and d.X.flags.c_contiguous
    assert np.array_equal(d.image(1), x[1]) and np.array_equal(d.image(2, test=True), xt[2])
    assert load_dataset(train).m_test == 3


def test_without_test_file_and_explicit_test(tmp_path):
    train = _write(tmp_path / "mine.h5", "train", _images(4), np.array([0, 1, 0, 1]), False)
    d = load_h5(train)
    assert d.m_test == 0 and d.X_test.shape == (48, 0) and d.class_names == ("non-cat", "cat")
    assert d.as_dtype("float64")[2].shape == (48, 0)
    other = _write(tmp_path / "other.hdf5", "test", _images(2), np.array([1, 1]))
    assert load_h5(train, other).m_test == 2
    assert load_dataset(train, test=other).m_test == 2


@pytest.mark.parametrize(
    ("x", "y", "words"),
    [
        (np.zeros((3, 4, 4), np.uint8), np.zeros(3), "must be (m, height, width, 3)"),
        (np.zeros((3, 4, 4, 3), np.uint8), np.zeros(2), "train_set_y must be (3,)"),
        (np.zeros((3, 4, 4, 3), np.uint8), np.array([0, 2, 1]), "only 0 and 1"),
        (np.full((3, 4, 4, 3), 0.5), np.zeros(3), "uint8"),
    ],
)
def test_wrong_shapes_and_dtypes(tmp_path, x, y, words):
    p = _write(tmp_path / "train_bad.h5", "train", x, y)
    with pytest.raises(DataError, match=r"train_bad\.h5") as info:
        load_h5(p)
    assert words in info.value.reason


def test_missing_keys_and_not_hdf5(tmp_path):
    p = tmp_path / "train_x.h5"
    with h5py.File(p, "w") as f:
        f["images"] = np.zeros((2, 4, 4, 3), np.uint8)
    with pytest.raises(DataError) as info:
        load_h5(p)
    assert info.value.reason == "train_set_x is missing; found keys: images"
    junk = tmp_path / "train_junk.h5"
    junk.write_text("not hdf5 at all")
    with pytest.raises(DataError, match=r"train_junk\.h5: not an HDF5 file"):
        load_dataset(str(junk))
    with pytest.raises(DataError, match="no such file"):
        load_h5(tmp_path / "nope.h5")
    good = _write(tmp_path / "train_ok.h5", "train", _images(2), np.array([0, 1]))
    wrong = _write(tmp_path / "t.h5", "train", _images(2), np.array([0, 1]))
    with pytest.raises(DataError, match=r"t\.h5: test_set_x is missing"):
        load_h5(good, wrong)


def test_course_files(catvnoncat):
    d = load_dataset(str(catvnoncat / "train_catvnoncat.h5"))
    assert d.X.shape == (12288, 209) and d.X_test.shape == (12288, 50)
    assert int(d.Y.sum()) == 72 and d.class_names == ("non-cat", "cat")
    with h5py.File(catvnoncat / "train_catvnoncat.h5", "r") as f:
        x = f["train_set_x"][()]
    X64 = d.as_dtype("float64")[0]
    assert np.array_equal(X64, x.reshape(x.shape[0], -1).T / 255)
    assert np.array_equal(d.as_dtype("float32")[0], d.X)

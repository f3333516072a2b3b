"""The course's HDF5 files (train_catvnoncat.h5 / test_catvnoncat.h5) as a Dataset.

A train file holds train_set_x: uint8 (m, H, W, 3), train_set_y: (m,) of 0/1 and optionally
list_classes: [b"non-cat", b"cat"]; a test file holds test_set_x / test_set_y. The test file is
taken from `test_path`, or else found beside the train file by replacing "train" with "test" in
its name; without one, m_test = 0. Labels stored as text (b"0"/b"1") are read as numbers.
X = x.reshape(m, -1).T / 255 (see Dataset.as_dtype for the exact float64 arrays).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.errors import DataError

if TYPE_CHECKING:
    import h5py

DEFAULT_CLASSES = ("non-cat", "cat")


def find_test_file(train_path: str | os.PathLike) -> Path | None:
    """The test file beside `train_path` ("train" -> "test" in the name), if it exists."""
    p = Path(train_path)
    for old, new in (("train", "test"), ("Train", "Test"), ("TRAIN", "TEST")):
        if old in p.name:
            cand = p.with_name(p.name.replace(old, new))
            if cand != p and cand.is_file():
                return cand
    return None


def _open(path: str) -> h5py.File:
    import h5py  # imported on first use: it costs start-up time and most runs never need it

    if not os.path.exists(path):
        raise DataError(path, "no such file")
    if os.path.isdir(path):
        raise DataError(path, "is a folder, not an HDF5 file")
    try:
        if not h5py.is_hdf5(path):
            raise DataError(path, "not an HDF5 file")
        return h5py.File(path, "r")
    except DataError:
        raise
    except PermissionError:
        raise DataError(path, "permission denied") from None
    except Exception as e:  # never leak another exception type
        raise DataError(path, f"cannot open the HDF5 file ({e})") from None


def _read_split(path: str, prefix: str) -> tuple[np.ndarray, np.ndarray, tuple[str, str] | None]:
    """(x uint8 (m, H, W, 3), y float32 (m,), class names or None) from one file."""
    import h5py

    try:
        with _open(path) as f:
            keys = sorted(f.keys())
            xk, yk = f"{prefix}_set_x", f"{prefix}_set_y"
            found = ", ".join(keys) or "none"
            for k in (xk, yk):
                if k not in f or not isinstance(f[k], h5py.Dataset):
                    raise DataError(path, f"{k} is missing; found keys: {found}")
            try:
                x = np.asarray(f[xk][()])
                y = np.asarray(f[yk][()])
                names = f["list_classes"][()] if "list_classes" in f else None
            except Exception as e:
                raise DataError(path, f"cannot read the data ({e})") from None
    except DataError:
        raise
    except Exception as e:  # a damaged file can fail anywhere inside h5py
        raise DataError(path, f"damaged HDF5 file ({e})") from None
    if x.ndim != 4 or x.shape[3] != 3 or x.shape[0] < 1:
        raise DataError(path, f"{xk} must be (m, height, width, 3) images, got shape {x.shape}")
    if x.dtype != np.uint8:
        if not (np.issubdtype(x.dtype, np.integer) and x.size and x.min() >= 0 and x.max() <= 255):
            raise DataError(path, f"{xk} must hold uint8 pixels 0..255, got dtype {x.dtype}")
        x = x.astype(np.uint8)
    y = y.reshape(-1) if y.ndim == 2 and 1 in y.shape else y
    if y.ndim != 1 or y.shape[0] != x.shape[0]:
        raise DataError(path, f"{yk} must be ({x.shape[0]},) labels, got shape {y.shape}")
    y = _labels(y, path, yk)
    classes = None
    if names is not None:
        try:
            decoded = [n.decode() if isinstance(n, bytes) else str(n) for n in np.ravel(names)]
        except Exception:
            decoded = []
        if len(decoded) == 2:
            classes = (decoded[0], decoded[1])
    return x, y.astype(np.float32), classes


def _labels(y: np.ndarray, path: str, key: str) -> np.ndarray:
    """Labels as numbers: digit strings (b"0"/b"1", dtype S1, as some copies store them) are read
    as numbers; anything but 0 and 1 is refused naming the dtype and a few values."""
    if y.dtype.kind in "SUO":
        try:
            text = [v.decode("ascii") if isinstance(v, bytes) else str(v) for v in y.tolist()]
            y = np.array([int(t.strip()) for t in text], dtype=np.int64)
        except (ValueError, UnicodeDecodeError):
            seen = ", ".join(repr(v) for v in np.unique(y.astype(object))[:4])
            raise DataError(
                path, f"{key} holds text ({y.dtype}) that is not 0 and 1: {seen}"
            ) from None
    numeric = np.issubdtype(y.dtype, np.number) or y.dtype == np.bool_
    if not numeric or not np.all((y == 0) | (y == 1)):
        seen = ", ".join(repr(v) for v in np.unique(y)[:4].tolist()) if numeric else "?"
        raise DataError(path, f"{key} must hold only 0 and 1, got dtype {y.dtype} with {seen}")
    return y


def load_h5(train_path: str | os.PathLike, test_path: str | os.PathLike | None = None) -> Dataset:
    """Load the course's train file (and its test file) as a Dataset. Raises DataError."""
    tp = os.fspath(train_path)
    x, y, classes = _read_split(tp, "train")
    if test_path is None:
        found = find_test_file(tp)
        test_path = None if found is None else os.fspath(found)
    if test_path is not None:
        sp = os.fspath(test_path)
        xt, yt, _ = _read_split(sp, "test")
        if xt.shape[1:] != x.shape[1:]:
            raise DataError(sp, f"test images are {xt.shape[1:]}, train images are {x.shape[1:]}")
    else:
        xt = np.zeros((0, *x.shape[1:]), np.uint8)
        yt = np.zeros(0, np.float32)
    m, mt = x.shape[0], xt.shape[0]
    return Dataset(
        name=Path(tp).name,
        X=None,  # type: ignore[arg-type]  # made from the pictures when asked (see Dataset)
        Y=y.reshape(1, m),
        X_test=None,  # type: ignore[arg-type]
        Y_test=yt.reshape(1, mt),
        image_shape=(int(x.shape[1]), int(x.shape[2]), int(x.shape[3])),
        class_names=classes or DEFAULT_CLASSES,
        source=tp,
        raw=x,
        raw_test=xt,
    )

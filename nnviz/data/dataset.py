"""A labelled binary-classification dataset in the course's layout: one example per column.

X: (n_x, m) float32, Y: (1, m) float32 of 0/1; X_test: (n_x, m_test), Y_test: (1, m_test).
For image data X is in [0, 1] and column i is image i flattened in course order
(x.reshape(m, -1).T / 255: row-major H, W, C). All arrays are C-contiguous and read-only.

Memory: for images the uint8 pictures (`raw`) are the only copy kept; the float32 X and X_test are
computed from them on first access (then kept), and `as_dtype` builds its arrays straight from the
pictures, block by block, with no intermediate copy: training in float64 holds the pictures and
the float64 X, nothing else of that size. as_dtype refuses (DataError naming the bytes needed and
available) arrays that would not fit in the memory available now.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.data.errors import DataError
from nnviz.data.images import column_to_image
from nnviz.engine.dual import available_memory

_LUT32 = (np.arange(256, dtype=np.float64) / 255.0).astype(np.float32)  # float32(x / 255)
BLOCK = 256  # examples converted at a time


def _is_images(raw: np.ndarray | None) -> bool:
    return raw is not None and np.asarray(raw).dtype == np.uint8 and np.ndim(raw) == 4


def images_to_columns(raw: np.ndarray, dtype: np.dtype | type | str) -> np.ndarray:
    """uint8 (m, H, W, C) pictures -> (H*W*C, m) C-contiguous `dtype` array of x / 255, exactly
    the course's x.reshape(m, -1).T / 255 (float64) or its float32 rounding, converted BLOCK
    examples at a time into the one output array (no other array of its size)."""
    dt = np.dtype(dtype)
    m = raw.shape[0]
    flat = raw.reshape(m, int(np.prod(raw.shape[1:])))
    out = np.empty((flat.shape[1], m), dt)
    for j in range(0, m, BLOCK):
        block = flat[j : j + BLOCK].T
        if dt == np.float32:
            out[:, j : j + BLOCK] = _LUT32[block]
        else:
            np.divide(block, 255.0, out=out[:, j : j + BLOCK], dtype=dt)
    return out


def check_fits(nbytes: int, what: str) -> None:
    """DataError unless `nbytes` more bytes fit in the memory available now (os.sysconf /
    /proc/meminfo, see nnviz.engine.dual.available_memory); unknown availability passes."""
    avail = available_memory()
    if avail and nbytes > avail:
        raise DataError(
            None,
            f"{what} needs {nbytes / 1e9:.2f} GB ({nbytes} bytes) but only {avail / 1e9:.2f} GB "
            f"({avail} bytes) of memory are available: use fewer pictures or float32",
        )


class _FromRaw:
    """Dataset.X / X_test: stored, or computed from the pictures on first access (then kept)."""

    def __init__(self, name: str, raw: str) -> None:
        self.slot, self.raw = f"_{name}", raw

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        v = obj.__dict__.get(self.slot)
        if v is None:
            v = images_to_columns(getattr(obj, self.raw), np.float32)
            v.flags.writeable = False
            obj.__dict__[self.slot] = v
        return v

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.slot] = value


def _frozen(a: np.ndarray, dtype: np.dtype | type, name: str, ndim: int) -> np.ndarray:
    a = np.array(a, dtype=dtype, order="C", copy=True)
    if a.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} dimensions, got shape {a.shape}")
    a.flags.writeable = False
    return a


@dataclass(frozen=True, eq=False)
class Dataset:
    """Training and test examples plus what the window needs to show them.

    name: short label ("cats", "train_catvnoncat.h5", a folder name).
    X: (n_x, m) float32; Y: (1, m) float32 of 0/1; X_test: (n_x, m_test); Y_test: (1, m_test).
    image_shape: (H, W, 3) for images (n_x = H*W*3), None for non-image data (e.g. 2-D points).
    class_names: (negative, positive), i.e. the names of y = 0 and y = 1.
    source: where it came from: "built-in", a file path or a folder path.
    skipped: (path, reason) for each file a folder load could not use.
    raw, raw_test: the exact source the float arrays were computed from, or None:
      uint8 (m, H, W, 3) images for image data, float64 (n_x, m) for non-image data.
      `as_dtype` recomputes the arrays from it so float64 runs match the course bit for bit.
    Equality is identity (arrays are not compared).
    """

    name: str
    X: np.ndarray
    Y: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    image_shape: tuple[int, int, int] | None
    class_names: tuple[str, str]
    source: str
    skipped: tuple[tuple[str, str], ...] = ()
    raw: np.ndarray | None = field(default=None, repr=False)
    raw_test: np.ndarray | None = field(default=None, repr=False)
    # set in __post_init__: the shapes of X and X_test, known without computing them
    _X_shape: tuple[int, int] = field(init=False, repr=False, compare=False, default=(0, 0))
    _X_test_shape: tuple[int, int] = field(init=False, repr=False, compare=False, default=(0, 0))

    def __post_init__(self) -> None:
        s = object.__setattr__
        for name, raw_name in (("X", "raw"), ("X_test", "raw_test")):
            raw = getattr(self, raw_name)
            if _is_images(raw):  # keep only the pictures: X is computed from them when asked
                raw = np.array(raw, order="C", copy=True)
                raw.flags.writeable = False
                s(self, raw_name, raw)
                given = self.__dict__.get(f"_{name}")
                n_x = int(np.prod(raw.shape[1:]))
                if given is not None and np.shape(given) != (n_x, raw.shape[0]):
                    raise ValueError(f"{name} {np.shape(given)} does not match the pictures")
                self.__dict__[f"_{name}"] = None
                s(self, f"_{name}_shape", (n_x, raw.shape[0]))
        if self.__dict__["_X"] is not None:
            s(self, "X", _frozen(self.X, np.float32, "X", 2))
            s(self, "_X_shape", self.X.shape)
        s(self, "Y", _frozen(np.reshape(self.Y, (1, -1)), np.float32, "Y", 2))
        n_x = self._X_shape[0]
        if self.__dict__["_X_test"] is not None or not _is_images(self.raw_test):
            X_test = self.__dict__["_X_test"]
            X_test = np.reshape(X_test, (n_x, -1)) if np.size(X_test) else np.zeros((n_x, 0))
            s(self, "X_test", _frozen(X_test, np.float32, "X_test", 2))
            s(self, "_X_test_shape", self.X_test.shape)
        s(self, "Y_test", _frozen(np.reshape(self.Y_test, (1, -1)), np.float32, "Y_test", 2))
        if self.Y.shape[1] != self.m:
            raise ValueError(f"X has {self.m} examples but Y has {self.Y.shape[1]}")
        if self.Y_test.shape[1] != self.m_test:
            raise ValueError(
                f"X_test has {self.m_test} examples but Y_test has {self.Y_test.shape[1]}"
            )
        for name in ("Y", "Y_test"):
            y = getattr(self, name)
            if not np.all((y == 0) | (y == 1)):
                raise ValueError(f"{name} must hold only 0 and 1")
        if self.image_shape is not None:
            shape = tuple(int(v) for v in self.image_shape)
            if len(shape) != 3 or shape[2] != 3 or int(np.prod(shape)) != n_x:
                raise ValueError(f"image_shape {shape} does not match n_x = {n_x}")
            s(self, "image_shape", shape)
        s(self, "class_names", tuple(str(c) for c in self.class_names))
        if len(self.class_names) != 2:
            raise ValueError(f"class_names must be two names, got {self.class_names}")
        s(self, "skipped", tuple((str(p), str(r)) for p, r in self.skipped))
        for name in ("raw", "raw_test"):
            a = getattr(self, name)
            if a is not None and not _is_images(a):
                a = np.array(a, order="C", copy=True)
                a.flags.writeable = False
                s(self, name, a)

    def __repr__(self) -> str:
        return (
            f"Dataset(name={self.name!r}, n_x={self.n_x}, m={self.m}, m_test={self.m_test}, "
            f"image_shape={self.image_shape}, class_names={self.class_names}, "
            f"source={self.source!r}, skipped={len(self.skipped)})"
        )

    @property
    def n_x(self) -> int:
        """Number of input features (12288 for 64x64x3 images)."""
        return self._X_shape[0]

    @property
    def m(self) -> int:
        """Number of training examples."""
        return self._X_shape[1]

    @property
    def m_test(self) -> int:
        """Number of test examples (may be 0)."""
        return self._X_test_shape[1]

    def column(self, i: int, test: bool = False) -> np.ndarray:
        """x (n_x,) of example i, float32 (as X holds it), without building all of X from the
        pictures (X of the 300 built-in pictures is 14 MB)."""
        raw = self.raw_test if test else self.raw
        if (
            raw is not None
            and _is_images(raw)
            and self.__dict__.get("_X_test" if test else "_X") is None
        ):
            return images_to_columns(raw[i : i + 1], np.float32)[:, 0]
        return (self.X_test if test else self.X)[:, i]

    def image(self, i: int, test: bool = False) -> np.ndarray:
        """Example i as a uint8 (H, W, 3) picture for display. Only for image datasets."""
        if self.image_shape is None:
            raise ValueError(f"{self.name} is not an image dataset")
        raw = self.raw_test if test else self.raw
        if raw is not None:
            return raw[i]
        X = self.X_test if test else self.X
        return column_to_image(X[:, i], self.image_shape)

    def as_dtype(
        self, dtype: np.dtype | type | str
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(X, Y, X_test, Y_test) in `dtype`, recomputed exactly from the source when there is one.

        For images in float64 this is x.reshape(m, -1).T / 255 exactly as the course computes it,
        built without intermediate copies. Raises DataError, before allocating anything, when X
        and X_test in `dtype` would not fit in the memory available now.
        """
        dt = np.dtype(dtype)
        need = (self.n_x * (self.m + self.m_test)) * dt.itemsize
        check_fits(
            need, f"{self.name}: X and X_test in {dt.name} ({self.m + self.m_test} examples)"
        )
        return (
            self._exact(self.raw, "X", dt),
            self.Y.astype(dt),
            self._exact(self.raw_test, "X_test", dt),
            self.Y_test.astype(dt),
        )

    def _exact(self, raw: np.ndarray | None, name: str, dt: np.dtype) -> np.ndarray:
        if raw is not None and _is_images(raw):
            return images_to_columns(raw, dt)
        return np.ascontiguousarray(getattr(self, name) if raw is None else raw, dtype=dt)


Dataset.X = _FromRaw("X", "raw")  # type: ignore[assignment]
Dataset.X_test = _FromRaw("X_test", "raw_test")  # type: ignore[assignment]

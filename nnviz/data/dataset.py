"""A labelled binary-classification dataset in the course's layout: one example per column.

X: (n_x, m) float32, Y: (1, m) float32 of 0/1; X_test: (n_x, m_test), Y_test: (1, m_test).
For image data X is in [0, 1] and column i is image i flattened in course order
(x.reshape(m, -1).T / 255: row-major H, W, C). All arrays are C-contiguous and read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.data.images import column_to_image, u8_to_float


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

    def __post_init__(self) -> None:
        s = object.__setattr__
        s(self, "X", _frozen(self.X, np.float32, "X", 2))
        s(self, "Y", _frozen(np.reshape(self.Y, (1, -1)), np.float32, "Y", 2))
        n_x = self.X.shape[0]
        X_test = np.reshape(self.X_test, (n_x, -1)) if np.size(self.X_test) else np.zeros((n_x, 0))
        s(self, "X_test", _frozen(X_test, np.float32, "X_test", 2))
        s(self, "Y_test", _frozen(np.reshape(self.Y_test, (1, -1)), np.float32, "Y_test", 2))
        if self.Y.shape[1] != self.X.shape[1]:
            raise ValueError(f"X has {self.X.shape[1]} examples but Y has {self.Y.shape[1]}")
        if self.Y_test.shape[1] != self.X_test.shape[1]:
            raise ValueError(
                f"X_test has {self.X_test.shape[1]} examples but Y_test has {self.Y_test.shape[1]}"
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
            if a is not None:
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
        return self.X.shape[0]

    @property
    def m(self) -> int:
        """Number of training examples."""
        return self.X.shape[1]

    @property
    def m_test(self) -> int:
        """Number of test examples (may be 0)."""
        return self.X_test.shape[1]

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

        For images in float64 this is x.reshape(m, -1).T / 255 exactly as the course computes it.
        """
        dt = np.dtype(dtype)
        return (
            self._exact(self.raw, self.X, dt),
            self.Y.astype(dt),
            self._exact(self.raw_test, self.X_test, dt),
            self.Y_test.astype(dt),
        )

    def _exact(self, raw: np.ndarray | None, X: np.ndarray, dt: np.dtype) -> np.ndarray:
        if raw is None:
            return np.ascontiguousarray(X, dtype=dt)
        if raw.dtype == np.uint8:
            flat = raw.reshape(raw.shape[0], X.shape[0]).T
            if dt == np.float32:
                return u8_to_float(flat)
            return np.ascontiguousarray(flat / 255.0, dtype=dt)
        return np.ascontiguousarray(raw, dtype=dt)

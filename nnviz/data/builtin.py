"""Datasets that ship with nnviz, generated on the fly (nothing is downloaded or read from disk).

"cats": 64x64 RGB cartoon cat faces against other drawings (dogs, houses, cars, flowers, ...),
drawn by nnviz.data.drawings with a fixed seed: 300 training pictures (40% cats) and 100 test
pictures (40% cats), on dark, muted backgrounds with Gaussian pixel noise, so that the default
network's cost falls smoothly (see nnviz.data.drawings). class_names ("non-cat", "cat").
"flower": the course's week-3 planar "flower" (load_planar_dataset: 400 points, two classes,
a = 4, its own RandomState(1)) as non-image data: X is the raw 2-D coordinates (2, m), not
scaled to [0, 1]; class_names ("red", "blue"); a seeded stratified split of 320 train / 80 test.
Both are computed once per process (functools.lru_cache) and take well under a second.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from nnviz.data import drawings
from nnviz.data.cache import cached_arrays, source_key
from nnviz.data.dataset import Dataset
from nnviz.data.drawings import render
from nnviz.data.errors import DataError
from nnviz.data.images import INPUT_SHAPE

BUILTIN: dict[str, str] = {
    "cats": "Cartoon cat faces vs. other drawings: 300 training and 100 test 64x64 pictures",
    "flower": "The course's planar 'flower': 400 2-D points in two classes (red / blue)",
}

CATS_SEED = 1
N_TRAIN, N_TEST, CAT_SHARE = 300, 100, 0.4
# Non-cat kinds and their weights: dogs are the hard case, the rest add variety.
OTHERS = ("dog", "house", "car", "flower", "sun", "tree", "fish", "shapes")
OTHER_WEIGHTS = np.array([2, 1, 1, 1, 1, 1, 1, 1], dtype=float)
NOISE_MAX = 10.0  # per-picture noise standard deviation is uniform in [0, NOISE_MAX] (0..255)


def _cat_pictures(split: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(uint8 (n, 64, 64, 3), y (n,)) for split 0 (train) or 1 (test), deterministic."""
    rng = np.random.default_rng([CATS_SEED, split])
    n_cats = round(n * CAT_SHARE)
    y = np.zeros(n, np.float32)
    y[rng.permutation(n)[:n_cats]] = 1
    kinds = rng.choice(len(OTHERS), size=n, p=OTHER_WEIGHTS / OTHER_WEIGHTS.sum())
    images = np.empty((n, *INPUT_SHAPE), np.uint8)
    for i in range(n):
        kind = "cat" if y[i] else OTHERS[kinds[i]]
        images[i] = render(kind, np.random.default_rng([CATS_SEED, split, i]))
    noise = rng.standard_normal(images.shape, dtype=np.float32)
    noise *= rng.uniform(0, NOISE_MAX, size=(n, 1, 1, 1)).astype(np.float32)
    noise += images
    np.rint(noise, out=noise)
    return np.clip(noise, 0, 255, out=noise).astype(np.uint8), y


def _stored_pictures(split: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """_cat_pictures through the disk cache: drawn once per version of the drawing code."""
    key = source_key(__file__, drawings.__file__, extra=f"{CATS_SEED}|{split}|{n}")

    def draw() -> dict[str, np.ndarray]:
        x, y = _cat_pictures(split, n)
        return {"x": x, "y": y}

    arrays = cached_arrays(f"cats-{split}", key, draw)
    return arrays["x"], arrays["y"]


@cache
def _cats() -> Dataset:
    raw, y = _stored_pictures(0, N_TRAIN)
    raw_t, y_t = _stored_pictures(1, N_TEST)
    return Dataset(
        name="cats",
        X=None,  # type: ignore[arg-type]  # made from the pictures when asked (see Dataset)
        Y=y.reshape(1, -1),
        X_test=None,  # type: ignore[arg-type]
        Y_test=y_t.reshape(1, -1),
        image_shape=INPUT_SHAPE,
        class_names=("non-cat", "cat"),
        source="built-in",
        raw=raw,
        raw_test=raw_t,
    )


def planar_flower() -> tuple[np.ndarray, np.ndarray]:
    """The course's load_planar_dataset(): X float64 (2, 400), Y uint8 (1, 400)."""
    rs = np.random.RandomState(1)
    m, D, a = 400, 2, 4
    N = m // 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype="uint8")
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rs.randn(N) * 0.2  # theta
        r = a * np.sin(4 * t) + rs.randn(N) * 0.2  # radius
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


@cache
def _flower() -> Dataset:
    X, Y = planar_flower()
    rng = np.random.default_rng(CATS_SEED)
    test = np.concatenate([rng.permutation(200)[:40] + 200 * j for j in range(2)])
    is_test = np.zeros(X.shape[1], bool)
    is_test[test] = True
    train_idx, test_idx = np.flatnonzero(~is_test), np.flatnonzero(is_test)
    return Dataset(
        name="flower",
        X=X[:, train_idx],
        Y=Y[:, train_idx],
        X_test=X[:, test_idx],
        Y_test=Y[:, test_idx],
        image_shape=None,
        class_names=("red", "blue"),
        source="built-in",
        raw=X[:, train_idx],
        raw_test=X[:, test_idx],
    )


def load_builtin(name: str) -> Dataset:
    """One of BUILTIN by name (case-insensitive). Raises DataError for an unknown name."""
    key = name.strip().lower()
    if key == "cats":
        return _cats()
    if key == "flower":
        return _flower()
    raise DataError(None, f"no built-in dataset {name!r}; choose one of {', '.join(BUILTIN)}")

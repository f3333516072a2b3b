"""A folder of images in two class subfolders (e.g. cat/ and non-cat/) as a Dataset.

Layouts:
  root/<class A>/..., root/<class B>/...           -> a stratified hold-out becomes the test set
  root/train/<A>, root/train/<B>, root/test/<A>, root/test/<B>   -> the given split is used
  or an explicit test_path folder with the same two class subfolders.
Files are found recursively inside each class folder, in sorted order; hidden files and folders
(names starting with ".") are ignored silently. Every other file goes through the image pipeline
(nnviz.data.images); files it cannot use are listed in Dataset.skipped and never abort the load.

The hold-out is deterministic: for class number k (0 = negative, 1 = positive) the usable images,
in sorted path order, are permuted with numpy.random.default_rng([SPLIT_SEED, k]) and the first
round(n * test_fraction) of them (leaving at least one for training) become test examples.
Training and test examples are then put in one seeded shuffled order (classes mixed).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.errors import DataError, LoadCancelled
from nnviz.data.images import INPUT_SHAPE, load_image_u8

SPLIT_SEED = 20240601
POSITIVE_NAMES = ("cat", "cats", "positive", "pos", "yes", "1", "true")
_JUNK = {"thumbs.db", "desktop.ini", "__macosx"}

Progress = Callable[[int, int], None]
ShouldCancel = Callable[[], bool]


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.lower() in _JUNK


def _subdirs(path: Path) -> list[str]:
    try:
        entries = list(os.scandir(path))
    except PermissionError:
        raise DataError(path, "permission denied") from None
    except OSError as e:
        raise DataError(path, f"cannot read the folder ({e.strerror or e})") from None
    return sorted(e.name for e in entries if not _hidden(e.name) and e.is_dir())


def _check_dir(path: str | os.PathLike) -> Path:
    p = Path(path)
    if not p.exists():
        raise DataError(p, "no such folder")
    if not p.is_dir():
        raise DataError(p, "not a folder")
    return p


def _split_layout(root: Path) -> tuple[Path, Path] | None:
    """(train dir, test dir) if root holds train/ and test/ subfolders, else None."""
    names = {n.lower(): n for n in _subdirs(root)}
    if set(names) == {"train", "test"}:
        return root / names["train"], root / names["test"]
    return None


def _two_classes(path: Path) -> list[str]:
    classes = _subdirs(path)
    if len(classes) != 2:
        found = ", ".join(f"{c}/" for c in classes) or "none"
        raise DataError(
            path,
            f"expected exactly two class subfolders (e.g. cat/ and non-cat/), found "
            f"{len(classes)}: {found}",
        )
    return classes


def list_classes(path: str | os.PathLike) -> list[str]:
    """The class subfolder names, sorted (those of train/ in a train/ + test/ layout)."""
    root = _check_dir(path)
    split = _split_layout(root)
    return _subdirs(split[0] if split else root)


def _choose_positive(classes: list[str], positive: str | None, where: Path) -> tuple[str, str]:
    """(negative, positive) class folder names."""
    if positive is not None:
        match = [c for c in classes if c == positive] or [
            c for c in classes if c.lower() == positive.lower()
        ]
        if not match:
            raise DataError(where, f"no class folder {positive!r}; the classes are {classes}")
        pos = match[0]
    else:
        looks = [c for c in classes if c.strip().lower() in POSITIVE_NAMES]
        pos = looks[0] if len(looks) == 1 else classes[1]
    neg = classes[0] if classes[1] == pos else classes[1]
    return neg, pos


def _files(class_dir: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(class_dir):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        out.extend(Path(dirpath) / f for f in filenames if not _hidden(f))
    return sorted(out)


class _Loader:
    """Loads files one by one, reporting progress and honouring cancellation."""

    def __init__(self, total: int, shape, progress: Progress | None, cancel: ShouldCancel | None):
        self.total, self.shape, self.done = total, shape, 0
        self.progress, self.cancel = progress, cancel
        self.step = max(1, math.ceil(total / 100))
        self.skipped: list[tuple[str, str]] = []

    def load(self, files: list[Path], where: Path) -> list[np.ndarray]:
        images = []
        for f in files:
            if self.cancel is not None and self.cancel():
                raise LoadCancelled(where, "loading was cancelled")
            try:
                images.append(load_image_u8(f, self.shape))
            except DataError as e:
                self.skipped.append((str(f), e.reason))
            self.done += 1
            if self.progress is not None and (
                self.done % self.step == 0 or self.done == self.total
            ):
                self.progress(self.done, self.total)
        return images


def _stack(per_class: list[list[np.ndarray]], shape, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(raw uint8 (m, H, W, 3), y (m,)) in a seeded shuffled order."""
    imgs = [im for ims in per_class for im in ims]
    y = np.array([k for k, ims in enumerate(per_class) for _ in ims], dtype=np.float32)
    raw = np.stack(imgs) if imgs else np.zeros((0, *shape), np.uint8)
    order = np.random.default_rng([SPLIT_SEED, seed]).permutation(len(imgs))
    return raw[order], y[order]


def load_folder(
    path: str | os.PathLike,
    positive: str | None = None,
    shape: tuple[int, int, int] = INPUT_SHAPE,
    test_fraction: float = 0.2,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    test_path: str | os.PathLike | None = None,
) -> Dataset:
    """Load a two-class image folder. Raises DataError (LoadCancelled when cancelled)."""
    root = _check_dir(path)
    if not 0.0 <= test_fraction < 1.0:
        raise ValueError(f"test_fraction must be in [0, 1), got {test_fraction}")
    shape = (int(shape[0]), int(shape[1]), int(shape[2]))
    train_dir, test_dir = root, None
    split = _split_layout(root)
    if test_path is not None:
        test_dir = _check_dir(test_path)
    elif split is not None:
        train_dir, test_dir = split
    classes = _two_classes(train_dir)
    neg, pos = _choose_positive(classes, positive, train_dir)
    if test_dir is not None and sorted(_two_classes(test_dir)) != classes:
        raise DataError(
            test_dir, f"the test classes {_subdirs(test_dir)} differ from the training {classes}"
        )
    train_files = [_files(train_dir / c) for c in (neg, pos)]
    test_files = [_files(test_dir / c) for c in (neg, pos)] if test_dir else [[], []]
    total = sum(len(f) for f in train_files + test_files)
    if total == 0:
        raise DataError(root, "the class folders hold no files")
    loader = _Loader(total, shape, progress, should_cancel)
    train = [loader.load(f, root) for f in train_files]
    test = [loader.load(f, root) for f in test_files]
    for k, c in enumerate((neg, pos)):
        if not train[k]:
            n = len(train_files[k])
            raise DataError(train_dir / c, f"no usable images ({n} files, all skipped)")
    if test_dir is None:
        for k in range(2):
            n = len(train[k])
            n_test = min(round(n * test_fraction), n - 1)
            pick = set(np.random.default_rng([SPLIT_SEED, k]).permutation(n)[:n_test].tolist())
            test[k] = [im for i, im in enumerate(train[k]) if i in pick]
            train[k] = [im for i, im in enumerate(train[k]) if i not in pick]
    raw, y = _stack(train, shape, 0)
    raw_t, y_t = _stack(test, shape, 1)
    m, mt = len(y), len(y_t)
    return Dataset(
        name=root.name or str(root),
        X=None,  # type: ignore[arg-type]  # made from the pictures when asked (see Dataset)
        Y=y.reshape(1, m),
        X_test=None,  # type: ignore[arg-type]
        Y_test=y_t.reshape(1, mt),
        image_shape=shape,
        class_names=(neg, pos),
        source=str(root),
        skipped=tuple(loader.skipped),
        raw=raw,
        raw_test=raw_t,
    )

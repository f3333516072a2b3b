"""Datasets and images for nnviz: built-in data, the course's HDF5 files, folders of pictures.

load_dataset(spec) picks the loader: a BUILTIN name, "course" (the course's photos once
downloaded, nnviz.data.download), an existing .h5/.hdf5 file, or an existing folder with two
class subfolders. Every loader raises DataError (path + reason) for bad input.
No Qt here: this package is numpy, Pillow and h5py only.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from nnviz.data.builtin import BUILTIN, load_builtin
from nnviz.data.dataset import Dataset
from nnviz.data.errors import DataError, ImageError, LoadCancelled
from nnviz.data.folder import list_classes, load_folder
from nnviz.data.h5 import load_h5
from nnviz.data.images import INPUT_SHAPE, load_for_prediction, load_image, to_column
from nnviz.data.planar import PLANAR, is_planar, load_planar

BUILTIN = {**BUILTIN, **PLANAR}  # and Playground's 2-D datasets (nnviz.data.planar)

__all__ = [
    "BUILTIN",
    "INPUT_SHAPE",
    "DataError",
    "Dataset",
    "ImageError",
    "LoadCancelled",
    "list_classes",
    "load_builtin",
    "load_dataset",
    "load_folder",
    "load_for_prediction",
    "load_h5",
    "load_image",
    "to_column",
]

H5_SUFFIXES = (".h5", ".hdf5")


def load_dataset(
    spec: str,
    test: str | None = None,
    positive: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Dataset:
    """A built-in name, an .h5/.hdf5 train file (test: its test file), or an image folder
    (test: a test folder; positive: the positive class subfolder). Raises DataError."""
    spec = os.fspath(spec)
    if spec.strip().lower() == "course":  # the course's photos, once downloaded
        from nnviz.data.download import cached_course

        cached = cached_course()
        if cached is None:
            raise DataError(
                spec, "the course's photos are not downloaded yet: run `nnviz train --dataset "
                "course` or use File > Get the course's cat photos…"
            )  # fmt: skip
        return load_h5(cached, test)
    if is_planar(spec):  # "spiral", or "spiral:noise=20,ratio=60,seed=3,features=x1+x2"
        return load_planar(spec)
    if spec.strip().lower() in BUILTIN:  # a name wins; write ./cats for a folder called cats
        return load_builtin(spec)
    path = os.path.expanduser(spec)
    if os.path.isdir(path):
        return load_folder(
            path, positive=positive, progress=progress, should_cancel=should_cancel, test_path=test
        )
    if os.path.isfile(path):
        if path.lower().endswith(H5_SUFFIXES):
            return load_h5(path, test)
        raise DataError(
            path,
            "not a dataset: expected an .h5/.hdf5 file, a folder with two class subfolders, "
            f"or a built-in name ({', '.join(BUILTIN)})",
        )
    raise DataError(path, f"no such file or folder (built-in datasets: {', '.join(BUILTIN)})")

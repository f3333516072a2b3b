"""Choosing the dataset: what the chooser calls a dataset, how it is described, and the file
dialogs behind "Open HDF5 file…" and "Open image folder…"."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from nnviz.data import Dataset
from nnviz.ui.panels.data_box import OPEN_FOLDER, OPEN_H5
from nnviz.ui.session.persistence import last_folder, remember_folder


def describe(ds: Dataset) -> str:
    """Two lines: the example counts and input size, then the classes and their labels."""
    kind = f"{ds.n_x:,} inputs" + (
        f" ({'×'.join(map(str, ds.image_shape))} image)" if ds.image_shape else ""
    )
    return (
        f"{ds.m} training · {ds.m_test} test examples · {kind}\n"
        f"classes: {ds.class_names[0]} (y = 0) / {ds.class_names[1]} (y = 1)"
    )


def choose_dataset(parent: QWidget, controller, key: str) -> None:
    """Open the dataset the chooser's `key` names: a built-in, or ask for an HDF5 file
    (OPEN_H5) or a folder (OPEN_FOLDER, loaded in the background)."""
    if key == OPEN_H5:
        path, _ = QFileDialog.getOpenFileName(
            parent, "Open HDF5 dataset", last_folder(), "HDF5 files (*.h5 *.hdf5);;All files (*)"
        )
        if path:
            remember_folder(path)
            controller.load(path)
    elif key == OPEN_FOLDER:
        path = QFileDialog.getExistingDirectory(
            parent, "Open a folder with one subfolder per class"
        )
        if path:
            controller.load(path, background=True)
    elif key:
        controller.load(key)

"""The dataset and the example shown on the canvas (Qt-free): what a dataset is called, the
dataset with its classes flipped, and a training or test example or a picture from outside the
dataset (a dropped one)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from nnviz.data import BUILTIN, Dataset


def dataset_key(ds: Dataset) -> str:
    """What the dataset chooser calls `ds`: a built-in name, or the file or folder it came from."""
    return ds.name if ds.name in BUILTIN else ds.source


def flip_classes(ds: Dataset) -> Dataset:
    """The same data with the other class as positive (Y -> 1 - Y, class names swapped)."""
    return replace(
        ds,
        Y=1 - ds.Y,
        Y_test=1 - ds.Y_test,
        class_names=(ds.class_names[1], ds.class_names[0]),
    )


class ShownExample:
    """Which example flows through the network: ("train" | "test" | "custom", index)."""

    def __init__(self) -> None:
        self.which, self.index = "train", 0
        self._custom: tuple = (np.zeros(0), None, None, "")

    @property
    def key(self) -> tuple[str, int]:
        return self.which, self.index

    def choose(self, ds: Dataset, which: str, index: int) -> bool:
        """Show example `index` (modulo the count) of the training or test set; False when
        that set is empty."""
        n = ds.m if which == "train" else ds.m_test
        if n == 0:
            return False
        self.which, self.index = which, int(index) % n
        return True

    def custom(self, x: np.ndarray, image: np.ndarray | None, caption: str, y=None) -> None:
        """An example from outside the dataset: x (n_x,), its picture, a caption, y or None."""
        self._custom = (np.asarray(x).reshape(-1), y, image, caption)
        self.which, self.index = "custom", 0

    def data(self, ds: Dataset) -> tuple[np.ndarray, float | None, np.ndarray | None]:
        """(x (n_x,), y (None when unknown), image uint8 (H, W, 3) or None)."""
        if self.which == "custom":
            x, y, image, _ = self._custom
            return x, y, image
        test = self.which == "test"
        Y = ds.Y_test if test else ds.Y
        image = ds.image(self.index, test=test) if ds.image_shape else None
        return ds.column(self.index, test=test), float(Y[0, self.index]), image

    def caption(self, ds: Dataset) -> str:
        """ "train example 3 · y = 1 (cat)", or the custom example's caption."""
        if self.which == "custom":
            return self._custom[3]
        y = int(self.data(ds)[1] or 0)  # dataset examples always have their y
        return f"{self.which} example {self.index + 1} · y = {y} ({ds.class_names[y]})"

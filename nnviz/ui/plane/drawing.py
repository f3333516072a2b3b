"""Draw your own 2-D data on the Plane tab's map (issue 13).

"Draw" turns the map into a canvas: a click adds a point of the chosen class (orange y = 0,
blue y = 1), a drag paints several, a right click removes the nearest. Drawing starts from the
points shown (Playground's, the flower's, or none for pictures) and asks once when training
would be lost; each stroke then opens the drawn set as the dataset (nnviz.data.drawn: the
tab's train share, seed and features apply), so the run starts over on it. "Open…" and
"Save…" read and write CSV files (x1, x2, y); a bad file is one clear message in the banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QWidget,
)

from nnviz.data import DataError, Dataset
from nnviz.data.drawn import all_points, make_drawn, read_csv, write_csv
from nnviz.data.planar import EXTENT, PlanarDataset, PlanarSpec, plane_points
from nnviz.run.plane_maps import Plane

if TYPE_CHECKING:
    from nnviz.ui.plane.feature import PlaneFeature


class DrawBar(QWidget):
    """Draw (a toggle), the class to draw, Open…, Save…"""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.draw = QPushButton("✎ Draw")
        self.draw.setCheckable(True)
        self.draw.setToolTip("Click the map to add a point, drag to paint, right-click to remove")
        self.orange = QRadioButton("orange")
        self.blue = QRadioButton("blue")
        self.orange.setChecked(True)
        self.classes = QButtonGroup(self)
        self.classes.addButton(self.orange, 0)
        self.classes.addButton(self.blue, 1)
        self.open = QPushButton("Open…")
        self.open.setToolTip("Open drawn points from a CSV file (x1, x2, y)")
        self.save = QPushButton("Save…")
        self.save.setToolTip("Save the points as a CSV file (x1, x2, y)")
        for w in (self.draw, self.orange, self.blue):
            row.addWidget(w)
        row.addStretch(1)
        self.files = QWidget()  # Open…, Save…: placed by the tab (beside the settings)
        files = QHBoxLayout(self.files)
        files.setContentsMargins(0, 0, 0, 0)
        files.addWidget(self.open)
        files.addWidget(self.save)


class Drawing(QObject):
    """The drawn points of the Plane tab and their file I/O."""

    def __init__(self, feature: PlaneFeature) -> None:
        super().__init__(feature)
        self.f, self.c = feature, feature.c
        self.bar = DrawBar()
        self.points = np.zeros((2, 0))  # the set being drawn (2, n), and its classes (n,)
        self.y = np.zeros(0)
        m = feature.map
        m.pointAdded.connect(self.add)
        m.pointRemoved.connect(self.remove)
        m.strokeEnded.connect(self.commit)
        self.bar.draw.toggled.connect(self.set_drawing)
        self.bar.open.clicked.connect(self._open_clicked)
        self.bar.save.clicked.connect(self._save_clicked)

    # ----- drawing -----
    def set_drawing(self, on: bool) -> None:
        """Start (asking first when training would be lost) or stop drawing."""
        if (
            on
            and self.c.progressed()
            and not self.c.confirm_reset(
                "Drawing points starts training over on them. Discard the current run?"
            )
        ):
            self.bar.draw.setChecked(False)
            return
        self.f.map.drawing = on
        if on:
            self.points, self.y = self._shown_points(self.c.dataset)
            if self.f.map.plane is None:
                self.f.map.set_plane(Plane(-EXTENT, EXTENT, -EXTENT, EXTENT))
            self._show()

    def add(self, x1: float, x2: float) -> None:
        self.points = np.concatenate([self.points, [[x1], [x2]]], axis=1)
        self.y = np.append(self.y, float(self.bar.classes.checkedId()))
        self._show()

    def remove(self, x1: float, x2: float) -> None:
        d = np.hypot(self.points[0] - x1, self.points[1] - x2)
        if d.size and d.min() < 1e-9:
            keep = np.arange(d.size) != int(np.argmin(d))
            self.points, self.y = self.points[:, keep], self.y[keep]
            self._show()
            self.commit()

    def commit(self) -> bool:
        """Open the drawn set as the dataset (once it has 2 points)."""
        if self.y.size < 2:
            return False
        return self.open_points(self.points, self.y)

    def open_points(self, points: np.ndarray, y: np.ndarray, source: str = "") -> bool:
        """Open points (2, n) with classes y (n,) as the drawn dataset (no question asked: the
        user chose to draw or to open them). False with a message when they cannot be used."""
        try:
            ds = make_drawn(points, y, self._spec(), source)
        except DataError as e:
            self.c.problem.emit(f"Can't use these points: {e}")
            return False
        self.points, self.y = all_points(ds)
        return self.c.set_dataset(ds, ask=False)

    def respec(self, spec: PlanarSpec) -> bool:
        """The tab's train share, seed or features changed while drawn points are open."""
        ds = self.c.dataset
        if not isinstance(ds, PlanarDataset):
            return False
        p, y = all_points(ds)
        return self.c.set_dataset(make_drawn(p, y, spec, ds.source), ask=True)

    def _spec(self) -> PlanarSpec:
        ds = self.c.dataset
        if isinstance(ds, PlanarDataset) and ds.spec is not None:
            return ds.spec
        return self.f.panel.settings.spec()

    def _shown_points(self, ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
        pts = plane_points(ds)
        if pts is None:
            return np.zeros((2, 0)), np.zeros(0)
        y = np.concatenate([ds.Y[0], ds.Y_test[0]]).astype(np.float64)
        return np.concatenate([pts[0], pts[1]], axis=1), y

    def dataset_opened(self, ds: Dataset) -> None:
        """Another dataset is open: drawing goes on from its points."""
        if self.f.map.drawing:
            self.points, self.y = self._shown_points(ds)

    def _show(self) -> None:
        """The points being drawn on the map, before they become the dataset."""
        self.f.map.set_points((self.points, self.y), None)

    # ----- files -----
    def open_csv(self, path: str) -> bool:
        try:
            points, y = read_csv(path)
        except DataError as e:
            self.c.problem.emit(f"Could not open drawn points: {e}")
            return False
        return self.open_points(points, y, source=str(path))

    def save_csv(self, path: str) -> bool:
        ds = self.c.dataset
        points, y = (self.points, self.y) if self.f.map.drawing else self._shown_points(ds)
        if not y.size:
            self.c.problem.emit("There are no 2-D points to save")
            return False
        try:
            write_csv(path, points, y)
        except DataError as e:
            self.c.problem.emit(f"Could not save the points: {e}")
            return False
        self.c.status.emit(f"Saved {y.size} points to {path}")
        return True

    def _open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.bar, "Open drawn points", "", "CSV files (*.csv);;All files (*)"
        )
        if path:
            self.open_csv(path)

    def _save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.bar, "Save the points", "points.csv", "CSV files (*.csv)"
        )
        if path:
            self.save_csv(path)

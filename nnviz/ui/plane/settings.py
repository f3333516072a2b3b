"""The 2-D data controls of the Plane tab: dataset kind, noise, train share, seed and the input
features, as in TensorFlow Playground. specChanged(PlanarSpec) when the user commits a change
(a slider released or moved by keys, a box ticked, the seed set); set_spec shows a spec quietly."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QWidget,
)

from nnviz.data.planar import DRAWN, FEATURES, PLANAR, PlanarSpec, default_spec

KIND_TITLES = {"circle": "Circle", "xor": "XOR", "gaussian": "Two Gaussians", "spiral": "Spiral"}


class DataSettings(QWidget):
    """Kind, noise 0-50 %, train share 10-90 %, seed, and one toggle per input feature."""

    specChanged = Signal(object)  # PlanarSpec

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec: PlanarSpec | None = None
        self._quiet = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.kind = QComboBox()
        for key in PLANAR:
            self.kind.addItem(KIND_TITLES[key], key)
        self.kind.addItem("Drawn points", DRAWN)  # shown for drawn data, not chosen here
        item = self.kind.model().item(self.kind.count() - 1)
        item.setEnabled(False)
        self.kind.setToolTip("Playground's four 2-D datasets (each with its own good settings)")
        self.kind.setPlaceholderText("Playground data…")  # shown while other data are open
        self.seed = QSpinBox()
        self.seed.setRange(0, 99_999)
        self.seed.setToolTip("Seed of the points: another seed, other points")
        self.noise, self.noise_label = self._slider(0, 50, "Noise", "Noise in the points (0-50 %)")
        self.ratio, self.ratio_label = self._slider(10, 90, "Train", "Share of points for training")
        grid.addWidget(self.kind, 0, 0, 1, 2)
        grid.addWidget(QLabel("Seed"), 1, 0)
        grid.addWidget(self.seed, 1, 1)
        grid.addWidget(self.noise_label, 2, 0)
        grid.addWidget(self.noise, 2, 1)
        grid.addWidget(self.ratio_label, 3, 0)
        grid.addWidget(self.ratio, 3, 1)
        grid.addWidget(QLabel("Input features"), 4, 0, 1, 2)
        self.features: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(FEATURES):
            box = QCheckBox(label)
            box.setToolTip(f"Feed {label} to the network as an input")
            box.toggled.connect(lambda on, k=key: self._feature(k, on))
            self.features[key] = box
            grid.addWidget(box, 5 + i // 2, i % 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(9, 1)
        self.kind.activated.connect(lambda _i: self._kind())
        self.seed.valueChanged.connect(lambda _v: self._commit())
        self.set_spec(default_spec("circle"))

    def _slider(self, lo: int, hi: int, name: str, tip: str) -> tuple[QSlider, QLabel]:
        s = QSlider(Qt.Orientation.Horizontal)
        s.setRange(lo, hi)
        s.setSingleStep(5)
        s.setPageStep(10)
        s.setToolTip(tip)
        label = QLabel(f"{name} {lo} %")
        label.setMinimumWidth(64)
        s.valueChanged.connect(lambda v: label.setText(f"{name} {v} %"))
        s.valueChanged.connect(lambda _v: None if s.isSliderDown() else self._commit())
        s.sliderReleased.connect(self._commit)
        return s, label

    # ----- reading and showing -----
    def spec(self) -> PlanarSpec:
        """The spec the controls show."""
        assert self._spec is not None
        feats = tuple(k for k, box in self.features.items() if box.isChecked())
        return replace(
            self._spec,
            kind=self.kind.currentData() or self._spec.kind,
            noise=self.noise.value() / 100,
            ratio=self.ratio.value() / 100,
            seed=self.seed.value(),
            features=feats or self._spec.features,
        )

    def set_spec(self, spec: PlanarSpec) -> None:
        """Show `spec` without emitting specChanged."""
        self._quiet = True
        self._spec = spec
        self.kind.setCurrentIndex(self.kind.findData(spec.kind))
        self.noise.setValue(round(100 * spec.noise))
        self.ratio.setValue(round(100 * spec.ratio))
        self.seed.setValue(spec.seed)
        self.noise.setEnabled(spec.kind != DRAWN)  # drawn points have no generated noise
        for key, box in self.features.items():
            box.setChecked(key in spec.features)
        self._quiet = False

    def show_none(self) -> None:
        """Other data are open (the flower, pictures): no kind shown; a change of the other
        controls makes the last spec's kind."""
        self._quiet = True
        self.kind.setCurrentIndex(-1)
        self._quiet = False

    # ----- user changes -----
    def _kind(self) -> None:
        """Another dataset: its own default features, the same noise, share and seed."""
        if self._quiet or self._spec is None:
            return
        s = self.spec()
        new = replace(default_spec(s.kind), noise=s.noise, ratio=s.ratio, seed=s.seed)
        self.set_spec(new)
        self.specChanged.emit(new)

    def _feature(self, key: str, on: bool) -> None:
        if self._quiet:
            return
        if not on and not any(b.isChecked() for b in self.features.values()):
            self._quiet = True
            self.features[key].setChecked(True)  # the network needs at least one input
            self._quiet = False
            return
        self._commit()

    def _commit(self) -> None:
        if self._quiet or self._spec is None:
            return
        spec = self.spec()
        if spec != self._spec:
            self._spec = spec
            self.specChanged.emit(spec)

"""The "Pixels" tab: which pixels decided the canvas's example. The gradient of ŷ with respect to
the input, ∂ŷ/∂x, summed over each pixel's three channels, as a heatmap over the picture (blue:
brightening the pixel raises ŷ = P(cat), orange: lowers it), beside |∂ŷ/∂x|·|x| (how much each
pixel's actual value weighs). The gradient is checked, each time, against centred finite
differences on the inputs that matter most.

[iteration 200 · J = 0.4838]                         [finite differences agree: 3e-09]
[test example 86 · y = 0 (non-cat) · ŷ = P(cat) = 0.93 → cat]
[picture]  [∂ŷ/∂x heatmap]  [|∂ŷ/∂x|·|x| heatmap]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.engine.diagnose import finite_difference, input_gradient, pixel_maps
from nnviz.engine.network import Architecture
from nnviz.engine.snapshot import Snapshot
from nnviz.run.verdict import verdict
from nnviz.ui.common import theme
from nnviz.ui.predict.panel import pixmap

SIDE = 108  # px of each picture
CHECKED = 8  # inputs checked against finite differences


@dataclass(frozen=True)
class Saliency:
    """∂ŷ/∂x of one example for the parameters of `iteration`: grad (n_x,), x (n_x,), ŷ, and the
    largest relative difference to centred finite differences on the inputs `checked`."""

    iteration: int
    J: float | None
    caption: str
    x: np.ndarray
    yhat: float
    grad: np.ndarray
    checked: np.ndarray
    fd_difference: float


def saliency(
    snap: Snapshot, x: np.ndarray, caption: str, J: float | None, class_names: tuple[str, str]
) -> Saliency:
    """∂ŷ/∂x (n_x,) of example x (n_x,) with snap's parameters, checked on the CHECKED inputs of
    largest |∂ŷ/∂x| against centred finite differences (relative difference |g - fd| /
    max(|g| + |fd|, 1e-12), the largest of them). caption: the example's ("test example 3 ·
    y = 1 (cat)"), completed with ŷ and the predicted class."""
    arch = Architecture(snap.layer_dims, snap.activation)
    yhat, g = input_gradient(arch, snap.W, snap.b, x)
    top = np.argsort(-np.abs(np.nan_to_num(g)), kind="stable")[:CHECKED]
    fd = finite_difference(arch, snap.W, snap.b, x, top)
    with np.errstate(invalid="ignore"):
        rel = np.abs(g[top] - fd) / np.maximum(np.abs(g[top]) + np.abs(fd), 1e-12)
    diff = float(np.max(rel)) if rel.size and np.all(np.isfinite(rel)) else float("nan")
    caption = f"{caption} · ŷ = {verdict(yhat, class_names)}"
    return Saliency(snap.iteration, J, caption, np.asarray(x), yhat, g, top, diff)


def diverging(values: np.ndarray) -> tuple[np.ndarray, float]:
    """(H, W) -> uint8 (H, W, 3) white at 0, theme.POSITIVE for the largest positive, NEGATIVE
    for the largest negative (one scale: max |v|); and that scale."""
    v = np.nan_to_num(np.asarray(values, np.float64))
    scale = float(np.max(np.abs(v))) if v.size else 0.0
    t = v / scale if scale > 0 else np.zeros_like(v)
    pos, neg = np.array(theme.POSITIVE_RGB, float), np.array(theme.NEGATIVE_RGB, float)
    colour = np.where(t[..., None] >= 0, pos, neg)
    a = np.abs(t)[..., None]
    out = 255.0 * (1 - a) + colour * a
    return np.clip(np.rint(out), 0, 255).astype(np.uint8), scale


def sequential(values: np.ndarray) -> tuple[np.ndarray, float]:
    """(H, W) >= 0 -> uint8 (H, W, 3) from white (0) to the theme's text colour (the largest)."""
    v = np.nan_to_num(np.asarray(values, np.float64))
    scale = float(np.max(v)) if v.size else 0.0
    t = (v / scale if scale > 0 else np.zeros_like(v))[..., None]
    dark = np.array([int(theme.TEXT[i : i + 2], 16) for i in (1, 3, 5)], float)
    out = 255.0 * (1 - t) + dark * t
    return np.clip(np.rint(out), 0, 255).astype(np.uint8), scale


class PixelsView(QWidget):
    """Shows a Saliency (set_saliency); the feature decides which example and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sal: Saliency | None = None
        self.title = QLabel("iteration – · J = –")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.example = QLabel()
        self.example.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.pictures = [self._picture(t) for t in (TIP_X, TIP_GRAD, TIP_WEIGHED)]
        self.captions = [QLabel(t) for t in ("x", "∂ŷ/∂x", "|∂ŷ/∂x|·|x|")]
        self.check = QLabel()
        self.check.setStyleSheet(f"color: {theme.TEXT_MUTED}")
        self.numbers = QLabel()  # for data that are not pictures: ∂ŷ/∂x as numbers
        self.numbers.setWordWrap(True)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 4, 6, 4)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.check)
        col.addLayout(top)
        col.addWidget(self.example)
        grid = QGridLayout()
        for i, (pic, cap) in enumerate(zip(self.pictures, self.captions, strict=True)):
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(pic, 0, i, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(cap, 1, i)
        col.addLayout(grid)
        col.addWidget(self.numbers)
        col.addStretch(1)
        self.scales = (0.0, 0.0)
        self.set_saliency(None, None)

    def _picture(self, tip: str) -> QLabel:
        label = QLabel()
        label.setFixedSize(SIDE, SIDE)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setToolTip(tip)
        label.setStyleSheet(f"border: 1px solid {theme.BORDER}; background: {theme.SURFACE}")
        return label

    def set_saliency(
        self, sal: Saliency | None, image_shape: tuple[int, ...] | None, image=None
    ) -> None:
        """Show `sal` over pictures of `image_shape` (H, W, 3); image: the uint8 picture shown
        for x (None: drawn from x). None: nothing to show yet."""
        self.sal = sal
        if sal is None:
            self.title.setText("iteration – · J = –")
            self.example.setText("No example on the network yet")
            self.check.setText("")
            self.numbers.setText("")
            for p in self.pictures:
                p.clear()
            return
        J = "–" if sal.J is None else f"{sal.J:.6f}"
        self.title.setText(f"iteration {sal.iteration:,} · J = {J}")
        self.example.setText(sal.caption)
        pictured = image_shape is not None
        for w in (*self.pictures, *self.captions):
            w.setVisible(pictured)
        self.numbers.setVisible(not pictured)
        if image_shape is not None:
            signed, weighed = pixel_maps(sal.grad, sal.x, image_shape)
            heat, s1 = diverging(signed)
            mass, s2 = sequential(weighed)
            self.scales = (s1, s2)
            if image is None:
                image = np.clip(np.rint(sal.x.reshape(image_shape) * 255), 0, 255).astype(np.uint8)
            for label, pic in zip(self.pictures, (image, heat, mass), strict=True):
                label.setPixmap(pixmap(np.asarray(pic, np.uint8), SIDE - 2, crisp=True))
            self.captions[1].setText(f"∂ŷ/∂x  (±{s1:.2g})")
            self.captions[2].setText(f"|∂ŷ/∂x|·|x|  (≤{s2:.2g})")
        else:
            shown = ", ".join(f"{v:.4g}" for v in sal.grad[:8])
            more = ", …" if sal.grad.size > 8 else ""
            self.numbers.setText(f"∂ŷ/∂x = ({shown}{more})")
        d = sal.fd_difference
        self.check.setText(
            "finite differences: –" if not np.isfinite(d) else f"finite differences agree: {d:.0e}"
        )
        self.check.setToolTip(
            f"∂ŷ/∂x by backpropagation against (ŷ(x + ε) − ŷ(x − ε)) / 2ε, ε = 1e-6, on the "
            f"{len(sal.checked)} inputs with the largest |∂ŷ/∂x|: largest relative difference "
            f"{d:.2e}"
        )

    def state(self) -> dict:
        sal = self.sal
        if sal is None:
            return {"example": None}
        order = np.argsort(-np.abs(np.nan_to_num(sal.grad)), kind="stable")[:5]
        return {
            "example": sal.caption,
            "yhat": sal.yhat,
            "max_abs_gradient": float(np.nanmax(np.abs(sal.grad))) if sal.grad.size else None,
            "top_inputs": [{"input": int(i) + 1, "gradient": float(sal.grad[i])} for i in order],
            "finite_difference_max_relative": sal.fd_difference,
            "heatmap_scales": list(self.scales),
        }


TIP_X = "The example on the network, as it enters (x)"
TIP_GRAD = (
    "∂ŷ/∂x summed over the pixel's R, G, B: blue where brightening the pixel raises ŷ, orange "
    "where it lowers it; white: no effect"
)
TIP_WEIGHED = "|∂ŷ/∂x|·|x| summed over R, G, B: how much the pixel's actual value weighs in ŷ"

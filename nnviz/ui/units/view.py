"""The Units tab's painted view: one first-layer unit large, with its colour channels and the
training pictures that excite it most and least, above a grid of every first-layer unit.

A thin widget: it is handed uint8 pictures (nnviz.run.unit_pictures makes them) and paints them;
a click on a grid tile emits tileClicked(j). The layout is computed from the width (Layout), so
the widget asks for the height it needs and the tab's scroll area scrolls it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from nnviz.run.unit_pictures import GAP, grid_shape, tile_at
from nnviz.ui.canvas.paint import numpy_to_qimage
from nnviz.ui.common import theme

PAD = 8
BIG = 128  # the selected unit's picture (2x a 64x64 picture)
THUMB = 44  # a training picture beside it
TILE = 56  # a grid tile
TEXT_H = 16


@dataclass
class Thumb:
    """A training picture beside the unit: its picture, example index and z."""

    image: QImage
    index: int
    z: float
    label: str


@dataclass
class Layout:
    """Where everything goes for a widget `width` wide showing n grid tiles."""

    width: int
    n: int

    @property
    def thumb(self) -> float:
        return float(min(THUMB, max(16, (self.width - 2 * PAD - 5 * 6) / 6)))

    @property
    def big(self) -> QRectF:
        return QRectF(PAD, PAD + TEXT_H + 4, BIG, BIG)

    @property
    def channels(self) -> QRectF:
        """The R, G, B strip right of the big picture (aspect 3x64+2GAP : 64)."""
        x = PAD + BIG + 12
        avail = max(60.0, self.width - x - PAD)
        k = min(1.5, avail / (3 * 64 + 2 * GAP))
        return QRectF(x, PAD + TEXT_H + 4 + TEXT_H, (3 * 64 + 2 * GAP) * k, 64 * k)

    def thumbs_y(self, row: int) -> float:
        """Top of the row of most (0) or least (1) active pictures, below its title."""
        top = self.big.bottom() + 10
        return top + row * (TEXT_H + self.thumb + TEXT_H + 6) + TEXT_H

    @property
    def grid_top(self) -> float:
        return self.thumbs_y(2) + 4

    @property
    def cols(self) -> int:
        return max(1, int((self.width - 2 * PAD + 4) // (TILE + 4)))

    @property
    def scale(self) -> float:
        return TILE / 64.0

    def height(self) -> int:
        rows, _ = grid_shape(max(self.n, 1), self.cols)
        return int(self.grid_top + rows * (TILE + 4) + PAD)

    def tile_rect(self, j: int) -> QRectF:
        r, c = divmod(j, self.cols)
        return QRectF(PAD + c * (TILE + 4), self.grid_top + r * (TILE + 4), TILE, TILE)


class UnitsView(QWidget):
    """Paints the selected unit and the grid; tileClicked(j) when a grid tile is clicked."""

    tileClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(300)
        self.tiles: list[QImage] = []
        self.selected: int | None = None
        self.title = ""
        self.big: QImage | None = None
        self.channels: QImage | None = None
        self.top: list[Thumb] = []
        self.bottom: list[Thumb] = []
        self.paints = 0
        self._fit()

    # ----- what to show -----
    def set_grid(self, pictures: np.ndarray) -> None:
        """pictures: uint8 (n, H, W, 3), one tile per unit."""
        grew = len(pictures) != len(self.tiles)
        self.tiles = [numpy_to_qimage(p) for p in pictures]
        if grew:
            self._fit()
        self.update()

    def set_detail(
        self, title: str, big: np.ndarray | None, channels: np.ndarray | None, selected: int | None
    ) -> None:
        """The unit shown large: its picture (H, W, 3), channel strip (H, 3W + 2GAP, 3)."""
        self.title, self.selected = title, selected
        self.big = None if big is None else numpy_to_qimage(big)
        self.channels = None if channels is None else numpy_to_qimage(channels)
        self.update()

    def set_extremes(self, top: list[Thumb], bottom: list[Thumb]) -> None:
        self.top, self.bottom = top, bottom
        self.update()

    def clear(self) -> None:
        self.tiles, self.big, self.channels, self.top, self.bottom = [], None, None, [], []
        self.title, self.selected = "", None
        self._fit()
        self.update()

    # ----- layout -----
    def layout_now(self) -> Layout:
        return Layout(max(self.width(), 300), len(self.tiles))

    def _fit(self) -> None:
        self.setFixedHeight(self.layout_now().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        lay = self.layout_now()
        p = event.position()
        j = tile_at(p.x() - PAD, p.y() - lay.grid_top, len(self.tiles), lay.cols, TILE, 4)
        if j is not None:
            self.tileClicked.emit(j)

    # ----- painting -----
    def paintEvent(self, event) -> None:
        lay = self.layout_now()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(theme.SURFACE))
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        bold, small = QFont(theme.FONT_FAMILY, 9), QFont(theme.FONT_FAMILY, 8)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor(theme.TEXT))
        p.drawText(QRectF(PAD, PAD, lay.width - 2 * PAD, TEXT_H), self.title)
        if self.big is not None:
            p.drawImage(lay.big, self.big)
            p.setPen(QPen(QColor(theme.BORDER), 1))
            p.drawRect(lay.big)
        ch = lay.channels
        p.setFont(small)
        p.setPen(QColor(theme.TEXT_MUTED))
        if self.channels is not None:
            p.drawImage(ch, self.channels)
            w3 = ch.width() / 3
            for c, name in enumerate(("red", "green", "blue")):
                p.drawText(QRectF(ch.x() + c * w3, ch.y() - TEXT_H, w3, TEXT_H), name)
            note = QRectF(ch.x(), ch.bottom() + 2, ch.width(), TEXT_H)
            p.drawText(note, "w > 0 blue, w < 0 orange, 0 white")
        for row, (name, thumbs) in enumerate(
            (("Most active training pictures (z)", self.top), ("Least active (z)", self.bottom))
        ):
            y = lay.thumbs_y(row)
            p.setPen(QColor(theme.TEXT_MUTED))
            p.drawText(QRectF(PAD, y - TEXT_H, lay.width, TEXT_H), name if thumbs else "")
            for k, t in enumerate(thumbs):
                r = QRectF(PAD + k * (lay.thumb + 6), y, lay.thumb, lay.thumb)
                p.drawImage(r, t.image)
                p.drawText(
                    QRectF(r.x() - 3, r.bottom(), r.width() + 6, TEXT_H),
                    Qt.AlignmentFlag.AlignHCenter,
                    f"{t.z:.2g}",
                )
        if self.tiles:
            p.setPen(QColor(theme.TEXT_MUTED))
            p.drawText(
                QRectF(PAD, lay.grid_top - TEXT_H - 2, lay.width, TEXT_H),
                f"All {len(self.tiles)} units of layer 1 (click one)",
            )
        for j, img in enumerate(self.tiles):
            r = lay.tile_rect(j)
            p.drawImage(r, img)
            if j == self.selected:
                p.setPen(QPen(QColor(theme.ACCENT), 3))
                p.drawRect(r.adjusted(-2, -2, 2, 2))
        p.end()
        self.paints += 1

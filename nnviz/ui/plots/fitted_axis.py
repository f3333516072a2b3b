"""An axis whose tick spacing fits its length and its labels' font, so narrow plots stay readable.

pyqtgraph's AxisItem picks at least ~2.25 major intervals whatever the axis length and always
draws that level's labels, so on a plot ~100 px wide the labels run together
("-0.020.000.020.04"), and labels that would stick out past the axis ends are hidden, which can
leave a single "0.00". FittedAxis instead tries the spacings 1, 2, 5 × 10^k from fine to coarse
and keeps the finest whose labels, measured in the tick font, stay within the axis (pyqtgraph
hides the others; a horizontal axis's may reach past its ends by half a "-0.00", so a map's
edges −span and +span can be labelled) with at least GAP_EMS of a digit's width (a vertical
axis: 0.3 of a line) between neighbours (two labels at least when any spacing allows). Labels
are compact ("0", "0.05", "-0.1"); minor ticks are drawn without labels.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from nnviz.ui.plots._common import CostAxis, plain_number

GAP_EMS = 2.0  # space between neighbouring labels, in widths of "0"
MANTISSAS = (1, 2, 5)
MINOR = {1: 5, 2: 4, 5: 5}  # minor ticks per major interval, by the spacing's mantissa


def compact(v: float, places: int) -> str:
    """v with `places` decimals, trailing zeros dropped: 0.050 → "0.05", 0.00 → "0", -0.0 → "0"."""
    s = plain_number(v, places)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def multiples(lo: float, hi: float, spacing: float) -> list[float]:
    """The multiples of spacing in [lo, hi] (ends included up to rounding)."""
    eps = 1e-9 * spacing
    first, last = math.ceil((lo - eps) / spacing), math.floor((hi + eps) / spacing)
    return [k * spacing for k in range(first, last + 1)]


class FittedAxis(CostAxis):
    """A linear axis in plain numbers (log mode falls back to CostAxis) whose labelled ticks are
    chosen from its length in pixels and its tick font (see the module's docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setStyle(maxTextLevel=0)  # labels on the chosen ticks only
        self.overflow = 0.0
        self._set_overflow()

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.style["tickFont"] or self.font())

    def _set_overflow(self) -> None:
        """How far (px) a label may reach past either end of the axis: along a horizontal axis
        half a "-0.00"; a vertical axis's end labels would run into the bottom axis's, so none."""
        self.prepareGeometryChange()
        half = math.ceil(self._metrics().horizontalAdvance("-0.00") / 2) + 1.0
        self.overflow = half if self.orientation in ("bottom", "top") else 0.0

    def setTickFont(self, font: QFont | None) -> None:
        super().setTickFont(font)
        self._set_overflow()

    def boundingRect(self) -> QRectF:
        """pyqtgraph's, widened along the axis by `overflow` (it hides labels outside it)."""
        m = self.overflow
        return super().boundingRect().adjusted(-m, 0, m, 0)

    def _extent(self, label: str, fm: QFontMetricsF) -> float:
        """The label's length along the axis."""
        if self.orientation in ("left", "right"):
            return fm.height() * 0.8  # as pyqtgraph measures it
        return fm.horizontalAdvance(label)

    def labelled(self, lo: float, hi: float, size: float, spacing: float) -> list[float]:
        """The multiples of spacing on [lo, hi] (drawn `size` px long) whose labels stay within
        the axis; none when any two of those are closer than the gap."""
        fm = self._metrics()
        vertical = self.orientation in ("left", "right")
        gap = 0.3 * fm.height() if vertical else GAP_EMS * fm.horizontalAdvance("0")
        places = max(0, math.ceil(-math.log10(spacing) - 1e-9))
        inside, ends = [], []
        for v in multiples(lo, hi, spacing):
            centre = (v - lo) / (hi - lo) * size
            half = self._extent(compact(v, places), fm) / 2
            if min(centre - half, size - centre - half) >= 1 - self.overflow:  # 1 px to spare
                inside.append(v)
                ends.append((centre - half, centre + half))
        if any(b[0] - a[1] < gap for a, b in itertools.pairwise(ends)):
            return []
        return inside

    def choose(self, lo: float, hi: float, size: float) -> tuple[float, list[float]] | None:
        """The finest spacing giving at least two readable labels (else one; None: none fits)
        and the values to label."""
        k0 = math.floor(math.log10(hi - lo))
        spacings = [m * 10.0**k for k in range(k0 - 4, k0 + 2) for m in MANTISSAS]
        found = [(s, self.labelled(lo, hi, size, s)) for s in spacings]
        for need in (2, 1):
            for s, values in found:
                if len(values) >= need:
                    return s, values
        return None

    def tickValues(self, minVal, maxVal, size):
        lo, hi = sorted((float(minVal) * self.scale, float(maxVal) * self.scale))
        if self.logMode or not (hi > lo and size > 0 and math.isfinite(hi - lo)):
            return super().tickValues(minVal, maxVal, size)
        chosen = self.choose(lo, hi, size)
        if chosen is None:
            return [(hi - lo, [])]
        spacing, labelled = chosen
        mantissa = round(spacing / 10.0 ** math.floor(math.log10(spacing) + 1e-9))
        minor = spacing / MINOR.get(mantissa, 5)
        taken = np.asarray(labelled)
        rest = [  # unlabelled: minor ticks and the majors whose labels would not fit
            v for v in multiples(lo, hi, minor) if not np.isclose(taken, v, atol=minor / 10).any()
        ]
        return [(spacing, labelled), (minor, rest)]

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            return super().tickStrings(values, scale, spacing)
        places = max(0, math.ceil(-math.log10(spacing) - 1e-9)) if spacing > 0 else 0
        return [compact(v * scale, places) for v in values]


def fitted_axes() -> dict[str, pg.AxisItem]:
    """Left and bottom axes for PlotItem(axisItems=...), ticks fitted to their length."""
    return {"left": FittedAxis("left"), "bottom": FittedAxis("bottom")}

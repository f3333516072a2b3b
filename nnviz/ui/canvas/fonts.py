"""The canvas's type: fonts by pixel size, measured and laid-out text cached, one placed label.

Text on the canvas keeps its pixel size whatever the zoom. `measure` gives wording.py and
legend.py (which decide where words go, without Qt) the size of a line; `draw_label` paints a
label they placed; `draw_text` draws one line at a point (text outside their layout);
`static_text` lays out a string once for numbers redrawn every frame. The caches are bounded and,
like all of Qt's text, for the GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QStaticText

from nnviz.ui.canvas.labels import Face, Label
from nnviz.ui.common import theme

A = Qt.AlignmentFlag
COLORS = {"text": theme.TEXT, "muted": theme.TEXT_MUTED, "ok": "#2f855a", "bad": theme.DANGER}


def font(px: int, bold: bool = False, mono: bool = False) -> QFont:
    f = QFont(theme.MONO_FAMILY if mono else theme.FONT_FAMILY)
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def draw_text(
    p: QPainter,
    x: float,
    y: float,
    s: str,
    f: QFont,
    color: str,
    align: Qt.AlignmentFlag = A.AlignHCenter,
) -> None:
    """Draw one line s in font f and colour `color` (a colour name or #rrggbb) with its top at y;
    x is its centre (AlignHCenter, the default), left edge (AlignLeft) or right edge
    (AlignRight). For text outside the placer's layout (the hover box, the flow overlay's
    readouts); the canvas's own words are placed Labels drawn by draw_label."""
    p.setFont(f)
    p.setPen(QColor(color))
    w = QFontMetricsF(f).horizontalAdvance(s) + 4
    h = QFontMetricsF(f).height()
    left = x - w / 2 if align & A.AlignHCenter else (x - w if align & A.AlignRight else x)
    p.drawText(QRectF(left, y, w, h), align | A.AlignTop, s)


_STATIC: dict[tuple[str, str], QStaticText] = {}


def static_text(text: str, f: QFont) -> QStaticText:
    """`text` laid out once in font f and reused (numbers that change every frame cost no
    layout); a bounded cache, GUI thread only."""
    key = (text, f.key())
    st = _STATIC.get(key)
    if st is None:
        if len(_STATIC) > 4000:
            _STATIC.clear()
        st = _STATIC[key] = QStaticText(text)
        st.prepare(font=f)
    return st


_METRICS: dict[Face, QFontMetricsF] = {}
_SIZES: dict[tuple[str, Face], tuple[float, float]] = {}


def qfont(face: Face) -> QFont:
    return font(face.px, face.bold, face.mono)


def measure(text: str, face: Face) -> tuple[float, float]:
    """(advance, height) in px of one line of text in `face` (cached; GUI thread only)."""
    key = (text, face)
    got = _SIZES.get(key)
    if got is None:
        fm = _METRICS.get(face)
        if fm is None:
            fm = _METRICS[face] = QFontMetricsF(qfont(face))
        if len(_SIZES) > 20000:
            _SIZES.clear()
        got = _SIZES[key] = (fm.horizontalAdvance(text), fm.height())
    return got


def draw_label(p: QPainter, lab: Label) -> None:
    """A placed label, a line at a time, in its box."""
    f = qfont(lab.face)
    p.setFont(f)
    p.setPen(QColor(COLORS.get(lab.color, theme.TEXT_MUTED)))
    align = {"center": A.AlignHCenter, "left": A.AlignLeft, "right": A.AlignRight}[lab.align]
    y = lab.y
    for line in lab.lines:
        h = measure(line, lab.face)[1]
        p.drawText(QRectF(lab.x, y, lab.w, h), align | A.AlignTop, line)
        y += h

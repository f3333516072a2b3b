"""Where the canvas's words go: a Qt-free placer that never lets two text boxes overlap or leave
the canvas.

Every word drawn on the canvas is a `Label`: its lines, a font (`Face`), and its box in widget
pixels. A `Want` asks for one: an anchor and a list of options, most informative first (the full
text in shrinking fonts, then shorter or wrapped texts). The `Placer` takes wants in order of
importance and gives each the first option whose box stays inside the bounds and clear of every
box placed before, of reserved zones and of the drawing's `Marks` (the edges and units, drawn
over the words); a want with no such option is dropped. A group of wants (e.g. the layer
titles) first tries one option for all, so the columns read alike.

Text is measured through one callable, `Measure(text, face) -> (width, height)` in px of a single
line, so all of this runs without Qt (the painter passes a QFontMetricsF-based one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from nnviz.ui.canvas.marks import NO_MARKS, Box, Marks

PAD = 4.0  # a line's box is its advance plus this (as the painter draws it)
SPACE = 3.0  # placed boxes keep at least this far apart sideways (words do not run together)


class Face(NamedTuple):
    """A font: pixel size, bold, monospace."""

    px: int
    bold: bool = False
    mono: bool = False


Measure = Callable[[str, Face], tuple[float, float]]
Text = str | tuple[str, ...]  # one line, or lines top to bottom
Option = tuple[tuple[str, ...], Face]


@dataclass(frozen=True)
class Label:
    """Drawn text: `lines` top to bottom in `face`, inside box (x, y, w, h) in widget px, each line
    aligned "center", "left" or "right" in the box; `kind` says what it is, `color` a theme role
    ("text", "muted", "ok", "bad")."""

    kind: str
    lines: tuple[str, ...]
    face: Face
    x: float
    y: float
    w: float
    h: float
    align: str = "center"
    color: str = "muted"

    @property
    def box(self) -> Box:
        return (self.x, self.y, self.w, self.h)

    @property
    def text(self) -> str:
        return " / ".join(self.lines)


@dataclass(frozen=True)
class Want:
    """A label asked for: anchor x (the centre, or the left / right edge by `align`), top y, and
    options (lines, face) from most to least wanted. clamp: slide sideways into the bounds rather
    than give up the option; max_w: the widest box allowed (px)."""

    kind: str
    ax: float
    y: float
    options: Sequence[Option]
    align: str = "center"
    color: str = "muted"
    clamp: bool = False
    max_w: float = float("inf")
    middle: bool = False  # y is the box's middle, not its top
    anchors: tuple[tuple[float, str], ...] = ()  # other (ax, align) to try for each option
    ys: tuple[float, ...] = ()  # other y to try, nearest first, each with every option


def options(texts: Iterable[Text], faces: Iterable[Face], readable: int = 0) -> list[Option]:
    """Every text (a line, or a tuple of lines) in every face: [(lines, face), ...], text-major,
    first in the faces of at least `readable` px, then in the smaller ones (so a shorter or
    wrapped text in a readable size comes before the full text in a tiny one)."""
    faces = list(faces)
    lines_of = [(t,) if isinstance(t, str) else tuple(t) for t in texts]
    out: list[Option] = []
    for tier in ([f for f in faces if f.px >= readable], [f for f in faces if f.px < readable]):
        for lines in lines_of:
            out.extend((lines, f) for f in tier)
    return out


def sizes(lo: int, hi: int, **style) -> list[Face]:
    """Faces from hi down to lo px."""
    return [Face(px, **style) for px in range(hi, lo - 1, -1)]


def overlaps(a: Box, b: Box, slack: float = 0.5) -> bool:
    """True when boxes a and b share more than `slack` px in both directions."""
    return (
        a[0] + a[2] - slack > b[0]
        and b[0] + b[2] - slack > a[0]
        and a[1] + a[3] - slack > b[1]
        and b[1] + b[3] - slack > a[1]
    )


def inside(a: Box, bounds: Box, slack: float = 0.5) -> bool:
    """True when box a lies within bounds (x, y, w, h) up to `slack` px."""
    return (
        a[0] >= bounds[0] - slack
        and a[1] >= bounds[1] - slack
        and a[0] + a[2] <= bounds[0] + bounds[2] + slack
        and a[1] + a[3] <= bounds[1] + bounds[3] + slack
    )


class Placer:
    """Places wants inside `bounds` (x, y, w, h) without overlaps; `reserved` boxes are kept free
    (zones laid out by someone else), and so are the `marks` (edges, units). Placed labels
    accumulate in `labels`."""

    def __init__(
        self,
        measure: Measure,
        bounds: Box,
        reserved: Sequence[Box] = (),
        marks: Marks | None = None,
    ) -> None:
        self.measure = measure
        self.bounds = bounds
        self.taken: list[Box] = list(reserved)
        self.marks = marks if marks is not None else NO_MARKS
        self.labels: list[Label] = []

    def label(self, want: Want, i: int) -> Label:
        """Want's option i (the last if it has fewer) as a Label, before any checks."""
        lines, face = want.options[min(i, len(want.options) - 1)]
        dims = [self.measure(s, face) for s in lines]
        w = max(d[0] for d in dims) + PAD
        h = sum(d[1] for d in dims)
        if want.align == "center":
            x = want.ax - w / 2
        elif want.align == "right":
            x = want.ax - w
        else:
            x = want.ax
        if want.clamp:
            bx, _, bw, _ = self.bounds
            x = max(bx, min(x, bx + bw - w))
        y = want.y - h / 2 if want.middle else want.y
        return Label(want.kind, lines, face, x, y, w, h, want.align, want.color)

    def fits(self, box: Box, others: Sequence[Box] = ()) -> bool:
        """Inside the bounds, at least SPACE px (sideways) from every box taken or in others and
        clear of the marks (marks.CLEAR px)."""
        x, y, w, h = box
        wide = (x - SPACE, y, w + 2 * SPACE, h)
        return (
            inside(box, self.bounds)
            and not any(overlaps(wide, t) for t in (*self.taken, *others))
            and self.marks.hit(box) is None
        )

    def one(self, want: Want) -> Label | None:
        """Place one want: at its y, else at its other ys in turn, its first option that fits
        (at its anchor, else at its other anchors), or None (dropped)."""
        for y in (want.y, *want.ys):
            at = replace(want, y=y, ys=())
            spots = [at] + [replace(at, ax=ax, align=al, anchors=()) for ax, al in want.anchors]
            for i in range(len(want.options)):
                for spot in spots:
                    lab = self.label(spot, i)
                    if lab.w <= want.max_w and self.fits(lab.box):
                        self._take(lab)
                        return lab
        return None

    def group(self, wants: Sequence[Want]) -> list[Label | None]:
        """Place wants alike (the same option index for all) when some index fits them all, else
        one by one. Returns a Label or None per want."""
        wants = list(wants)
        if not wants:
            return []
        for i in range(max(len(w.options) for w in wants)):
            labs = [self.label(w, i) for w in wants]
            ok = all(
                lab.w <= w.max_w and self.fits(lab.box, [o.box for o in labs[:k]])
                for k, (lab, w) in enumerate(zip(labs, wants, strict=True))
            )
            if ok:
                for lab in labs:
                    self._take(lab)
                return list(labs)
        return [self.one(w) for w in wants]

    def _take(self, lab: Label) -> None:
        self.taken.append(lab.box)
        self.labels.append(lab)


ON_TOP = ("number", "legend")  # drawn over the marks: numbers in units, the legend strip


def clashes(labels: Sequence[Label], bounds: Box, marks: Marks | None = None) -> list[str]:
    """Every pair of labels whose boxes overlap, every label not inside bounds and every label
    under the marks (edges, units; but ON_TOP), described in words (empty when none)."""
    out = []
    for i, a in enumerate(labels):
        if not inside(a.box, bounds):
            out.append(f"{a.kind} {a.text!r} at {_fmt(a.box)} is clipped by the canvas")
        hit = None if marks is None or a.kind in ON_TOP else marks.hit(a.box, 0.0)
        if hit is not None:
            out.append(f"{a.kind} {a.text!r} at {_fmt(a.box)} is drawn under {hit}")
        for b in labels[i + 1 :]:
            if overlaps(a.box, b.box):
                out.append(
                    f"{a.kind} {a.text!r} at {_fmt(a.box)} overlaps {b.kind} {b.text!r} "
                    f"at {_fmt(b.box)}"
                )
    return out


def _fmt(box: Box) -> str:
    return "(" + ", ".join(f"{v:.0f}" for v in box) + ")"

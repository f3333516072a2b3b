"""The canvas legend strip's plan: which swatches and words fit the canvas's width, and where.

No Qt here: the painter (text.draw_legend) draws what `plan_legend` returns. Items, left to right:
edge colours (w > 0, w < 0), edge width, the unit fill scale (its two ends as numbers, a gradient
and a note that the scale is one for every layer), the bias ring. As the width shrinks the words
get shorter and smaller, then "width ∝ |w|" and the ring go, then the edge swatches; the fill
scale, whose numbers say what a colour means, goes last.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnviz.ui.canvas.labels import Face, Label, Measure

LEFT = 14.0  # the strip's first item starts here
SWATCH = {"w+": 28.0, "w-": 28.0, "gradient": 64.0, "rings": 36.0, "maps": 48.0}
GAP = 18.0  # between items
FILL_TEXTS = (
    "fill: activation a, one scale for all layers",
    "fill: a, one scale for all layers",
    "fill: a (all layers)",
    "a",
)
RING_TEXTS = ("ring: bias b (sign, |b|)", "ring: bias b", "bias")
MAP_TEXTS = (  # 2-D data: each unit shows its activation over the input plane
    "in each unit: its a over the plane (x₁, x₂)",
    "in each unit: a over the plane",
    "a over the plane",
    "a(x₁, x₂)",
)


@dataclass(frozen=True)
class Piece:
    """One drawn piece of the strip: a swatch ("w+", "w-", "gradient", "rings") from x, w px wide,
    or a text label (kind "text")."""

    kind: str
    x: float
    w: float
    label: Label | None = None


def number(v: float) -> str:
    """A scale end for people: 0, 1, 3.2, 0.0009, 120."""
    v = float(v)
    if v == 0:
        return "0"
    if abs(v) >= 100:
        return f"{v:.0f}"
    return f"{v:.2g}"


def _items(level: int, lo: float, hi: float, maps: bool = False) -> list[tuple[str, str | None]]:
    """(swatch kind or "", text) per item at a shortening level 0.. (higher: shorter); maps:
    the units show maps over the input plane (low orange, high blue) instead of a fill."""
    fill = FILL_TEXTS[min(level, len(FILL_TEXTS) - 1)]
    ring = RING_TEXTS[min(max(level - 1, 0), len(RING_TEXTS) - 1)]
    items: list[tuple[str, str | None]] = [("w+", "w > 0"), ("w-", "w < 0")]
    if level < 2:
        items.append(("", "width ∝ |w|"))
    if maps:
        items.append(("maps", MAP_TEXTS[min(level, len(MAP_TEXTS) - 1)]))
    else:
        items += [("lo", number(lo)), ("gradient", number(hi)), ("", fill)]
    if level < 4:
        items.append(("rings", ring))
    if level >= 5:
        items = [it for it in items if it[0] not in ("w+", "w-")]
    return items


def plan_legend(
    w: float, h: float, strip_h: float, lo: float, hi: float, measure: Measure, maps: bool = False
):
    """Pieces of the legend strip (the bottom strip_h px of a w x h canvas) for the unit fill
    scale lo..hi (maps: units show maps over the plane instead), the most that fits the width.
    Returns a list of Piece."""
    cy = h - strip_h / 2
    for faces in ((11, 10), (9,)):  # shorter words in a readable size before a tiny size
        for level in range(6):
            for px in faces:
                pieces = _place(_items(level, lo, hi, maps), Face(px), cy, measure)
                if pieces and pieces[-1].x + pieces[-1].w <= w - 6:
                    return pieces
    return []


def _place(items, face: Face, cy: float, measure: Measure) -> list[Piece]:
    pieces, x = [], LEFT
    for kind, text in items:
        if kind == "lo":  # the scale's low end, right before the gradient
            tw, th = measure(text, face)
            lab = Label("legend", (text,), face, x, cy - th / 2, tw + 4, th, "left")
            pieces.append(Piece("text", x, tw + 4, lab))
            x += tw + 6
            continue
        if kind:
            sw = SWATCH[kind]
            pieces.append(Piece(kind, x, sw - 6))
            x += sw + (2 if kind in ("gradient", "maps") else 0)
        if text:
            tw, th = measure(text, face)
            lab = Label("legend", (text,), face, x, cy - th / 2, tw + 4, th, "left")
            pieces.append(Piece("text", x, tw + 4, lab))
            x += tw + 4 + (8 if kind == "gradient" else GAP)
    return pieces

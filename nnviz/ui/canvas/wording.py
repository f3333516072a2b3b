"""What the canvas says and where: layer titles, unit counts, shape footers, "⋮ n more", the
"showing n of m weights" notes, the input notes, the example caption and the output readout,
laid out by labels.Placer so that none overlaps another or leaves the canvas. No Qt here.

Most important first: titles, unit counts, W shapes, "more" lines, the input range, the weight
notes, b shapes, the input note, the x labels. Each abbreviates, wraps or shrinks before it is
dropped. Words keep clear of the units, the picture's lines and the edges, all drawn over them
(marks.py); the input's notes under the picture step down and left, clear of its lines. The
readout (right of the output unit) and the caption (above the input picture, where its lines
leave room) change with the example, so they get zones of their own that the words keep clear
of; they are laid out in them when drawn (readout_labels; caption.caption_labels).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.ui.canvas.caption import CAPTION_FACES
from nnviz.ui.canvas.edges import unit_reach
from nnviz.ui.canvas.labels import (
    Box,
    Face,
    Label,
    Measure,
    Placer,
    Text,
    Want,
    options,
    sizes,
)
from nnviz.ui.canvas.marks import CLEAR, canvas_marks
from nnviz.ui.canvas.scene import Scene, View

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
LEGEND_H = 30.0  # the legend strip along the bottom
MARGIN = 2.0  # words keep this far from the canvas's edges


@dataclass(frozen=True)
class Words:
    """The placed labels and the zones kept for the readout and the caption (None: no zone)."""

    labels: list[Label]
    readout_zone: Box | None
    caption_zone: Box | None
    bounds: Box


def text_bounds(w: float, h: float) -> Box:
    """Where words may go on a canvas w x h px: all of it but the margin and the legend strip."""
    return (MARGIN, MARGIN, w - 2 * MARGIN, h - LEGEND_H - 2 * MARGIN)


def _zones(scene: Scene, view: View, w: float, measure: Measure) -> tuple[Box, Box | None]:
    """The readout's zone right of the output unit and the caption's (None: no picture): all
    the room above the picture left of the input column, up to under the input's title and
    unit count (at least two lines high); caption.caption_labels puts the caption there as near
    the picture as its lines leave room."""
    g = scene.geometry
    cx, cy = view.map(g.pos[-1][0])
    x = cx + g.radius * view.scale + 10
    readout = (x, cy - 32, max(0.0, w - MARGIN - x), 66.0)
    if g.image_rect is None:
        return readout, None
    _ix, iy = view.map(g.image_rect[:2])
    lh = measure("Ag", CAPTION_FACES[0])[1]
    right = view.map((g.column_x[0], 0))[0] - g.radius * view.scale - 8
    highest = max(MARGIN, min(float(view.map((0, g.top))[1]) - 30, iy - 3 - 2 * lh))
    return readout, (MARGIN, highest, max(0.0, right - MARGIN), iy - 3 - highest)


def layout_words(
    scene: Scene,
    view: View,
    size: tuple[float, float],
    hidden: str,
    image_shape: tuple | None,
    measure: Measure,
) -> Words:
    """The canvas's fixed words for a widget of size (w, h) px; hidden: the hidden layers'
    activation label (e.g. "ReLU")."""
    w, h = float(size[0]), float(size[1])
    g, dims, L = scene.geometry, scene.layer_dims, scene.L
    marks = canvas_marks(scene, view)  # units and the picture's lines: words keep off them
    readout, caption = _zones(scene, view, w, measure)
    bounds = text_bounds(w, h)
    reserved = [z for z in (readout, caption) if z is not None]
    if g.image_rect is not None:
        (px, py), side = view.map(g.image_rect[:2]), g.image_rect[2] * view.scale
        reserved.append((float(px), float(py), side, side))
    r = g.radius * view.scale
    placer = Placer(measure, bounds, reserved, marks)
    xs = [float(view.map((g.column_x[l], 0))[0]) for l in range(L + 1)]
    top = float(view.map((0, g.top))[1])
    bottom = float(view.map((0, g.bottom))[1])

    titles: list[list[Text]] = []
    subs: list[list[Text]] = []
    w_rows: list[list[Text]] = []
    b_rows: list[list[Text]] = []
    for l, n in enumerate(dims):
        unit = "unit" if n == 1 else "units"
        if l == 0:
            titles.append(["Input · layer 0", "Input", "In"])
            subs.append([f"{n:,} {unit}", f"{n:,}", _short(n)])
            w_rows.append([f"x ({n}, 1)", ("x", f"({n}, 1)"), "x"])
            if image_shape is not None:
                pic = "×".join(str(s) for s in image_shape)
                b_rows.append([f"{pic} pixels", pic])
            else:
                b_rows.append([])
            continue
        act = "sigmoid" if l == L else hidden
        titles.append([f"Layer {l}" + (" · output" if l == L else ""), f"Layer {l}", f"L{l}"])
        subs.append(
            [f"{n:,} {unit} · {act}", (f"{n:,} {unit}", act), f"{n:,} · {act}", f"{n:,}", _short(n)]
        )
        shape = f"({n}, {dims[l - 1]})"
        short = f"({_short(n)}, {_short(dims[l - 1])})"
        w_rows.append([f"W[{l}] {shape}", (f"W[{l}]", shape), (f"W[{l}]", short), f"W[{l}]"])
        b_rows.append([f"b[{l}] ({n}, 1)", (f"b[{l}]", f"({n}, 1)"), f"b[{l}]"])

    def row(kind, texts, y, faces, color="muted", clamp=False, readable=10):
        return [
            Want(kind, x, y, options(t, faces, readable), color=color, clamp=clamp)
            for x, t in zip(xs, texts, strict=True)
            if t
        ]

    placer.group(row("title", titles, top - 76, sizes(10, 13, bold=True), "text"))
    placer.group(row("units", subs, top - 58, sizes(8, 11)))
    shape_faces = sizes(8, 11, mono=True)
    placed_w = placer.group(
        [
            Want(
                "shape",
                x,
                bottom + 8,
                options(t[:-1], shape_faces, 10) + options(t[-1:], shape_faces),
            )
            for x, t in zip(xs, w_rows, strict=True)
        ]
    )
    b_wants = []
    for l, texts in enumerate(b_rows):
        lab = next((p for p in placed_w if p is not None and abs(p.x + p.w / 2 - xs[l]) < 1), None)
        y = bottom + 23 if lab is None else max(bottom + 23, lab.y + lab.h + 2)
        faces = [f for f in shape_faces if lab is None or f.px <= lab.face.px]
        if texts:
            opts = options(texts[:-1], faces, 10) + options(texts[-1:], faces)
            b_wants.append(Want("shape", xs[l], y, opts))
    for l, more in enumerate(g.more):
        if more is not None:
            mx, my = view.map(more)
            k = dims[l] - len(scene.shown[l])
            texts = [f"⋮ {k:,} more", f"⋮ {k:,}", f"⋮ {_short(k)}", "⋮"]
            r = g.radius * view.scale  # centred under the column, else to one side
            spots = [(mx, "center"), (mx - r - 2, "left"), (mx + r + 2, "right")]
            if l == 0:  # the input's reaches left, under the picture's lines, clear of layer 1
                spots = spots[2:] + spots[:2]
            (ax, al), *rest = spots
            opts = options(texts, sizes(9, 11))
            last = float(view.map(g.pos[l][-1])[1]) if len(g.pos[l]) else my - 9
            y = max(my - 9, last + unit_reach(r))  # under the last unit's ring
            placer.one(Want("more", ax, y, opts, al, anchors=tuple(rest)))
    if g.image_rect is not None:  # under the picture, else further down at the left edge
        ix, iy = view.map(
            (g.image_rect[0] + g.image_rect[2] / 2, g.image_rect[1] + g.image_rect[3])
        )
        rng = f"x1 … x{dims[0]}".translate(SUB)
        left = float(view.map(g.image_rect[:2])[0])  # else under its left edge, or the canvas's
        edge = ((left, "left"), (MARGIN, "left"))
        first = placer.one(
            Want("input", ix, iy + 6, options([rng], sizes(9, 12)), "center", "text", True,
                 anchors=edge, ys=_below(iy + 6, bounds))
        )  # fmt: skip
        k = len(scene.shown[0])
        input_texts: list[Text] = [
            f"{k} most used inputs shown",
            (f"{k} most used", "inputs shown"),
            f"{k} shown",
        ]
        y = iy + 22 if first is None else first.y + first.h + 2
        ax, al = (ix, "center") if first is None or first.align == "center" else (first.x, "left")
        opts = options(input_texts, sizes(9, 11), 10)
        placer.one(Want("input", ax, y, opts, al, clamp=True, anchors=edge, ys=_below(y, bounds)))
    notes = []
    for es in scene.edges:
        if es is not None and es.subsampled:
            k, total = len(es.w), es.total
            notes_texts: list[Text] = [
                f"showing {k:,} of {total:,} weights",
                (f"showing {k:,} of", f"{total:,} weights"),
                (f"{k:,} of", f"{total:,}"),
                (f"{_short(k)} of", _short(total)),
            ]
            mid, gap = (xs[es.l - 1] + xs[es.l]) / 2, xs[es.l] - xs[es.l - 1]
            opts = options(notes_texts, sizes(8, 10), 9)
            notes.append(Want("note", mid, top - 30, opts, max_w=gap))
    placer.group(notes)
    placer.group(b_wants)
    if image_shape is None and dims[0] <= 32:
        gap = unit_reach(r) + CLEAR + 1  # right of the name, clear of the unit and its ring
        xw = [
            Want("x", cx - gap, cy, options([scene.input_name(j)], sizes(8, 12)),
                 "right", "text", middle=True)
            for j, (cx, cy) in zip(scene.shown[0], view.map(g.pos[0]), strict=True)
        ]  # fmt: skip
        placer.group(xw)
    return Words(placer.labels, readout, caption, bounds)


def _below(y: float, bounds: Box, reach: float = 60.0, step: float = 3.0) -> tuple[float, ...]:
    """Tops further down than y, every `step` px up to `reach` px, nearest first, inside the
    bounds (a note further from the picture would no longer read as its note)."""
    end = min(y + reach, bounds[1] + bounds[3] - 8)
    return tuple(np.arange(y + step, end, step).tolist())


def _short(n: int) -> str:
    """12288 -> "12k", 245760 -> "246k", 1500000 -> "1.5M"."""
    if n >= 1_000_000:
        return f"{n / 1e6:.2g}M"
    if n >= 10_000:
        return f"{round(n / 1000)}k"
    return f"{n:,}"


def readout_labels(
    zone: Box,
    cy: float,
    lines: list[tuple[str, str]],
    measure: Measure,
) -> list[Label]:
    """The output readout in its zone, left aligned at the zone's left edge around height cy.
    lines: (text, colour role) for ŷ, the predicted class and, when known, y (most important
    first); fonts shrink, then the class names go, then the last lines, to fit."""
    x, y0, _zw, zh = zone
    placer = Placer(measure, zone)
    full = [t for t, _ in lines]
    trimmed = [t.split(" (")[0] + (" " + t[-1] if t.endswith(("✓", "✗")) else "") for t in full]
    sets = [full, trimmed, trimmed[:2], trimmed[:1]]
    for px0 in (17, 15, 13, 11, 9):
        for texts in sets:
            faces = [Face(px0, bold=True), Face(max(8, px0 - 4)), Face(max(8, px0 - 5))][
                : len(texts)
            ]
            hs = [measure("Ag", f)[1] for f in faces]
            gap = 2.0
            total = sum(hs) + gap * (len(hs) - 1)
            y = max(y0, min(cy - total / 2 - 4, y0 + zh - total))
            out: list[Label] = []
            for text, face, hh, (_, color) in zip(texts, faces, hs, lines, strict=False):
                lab = placer.label(Want("readout", x, y, [((text,), face)], "left", color), 0)
                if not placer.fits(lab.box, [o.box for o in out]):
                    break
                out.append(lab)
                y += hh + gap
            else:
                return out
    return []


def number_shown(cx: float, cy: float, r: float, size: tuple[float, float]) -> bool:
    """Whether a unit at (cx, cy) of radius r px carries its activation as text on a canvas of
    size (w, h): big enough (r >= 13) and wholly on the canvas above the legend (a zoom can move
    units off it)."""
    w, h = size
    return r >= 13 and cx - r >= 0 and cy - r >= 0 and cx + r <= w and cy + r <= h - LEGEND_H


def number_labels(
    scene: Scene, view: View, a: list[np.ndarray], size: tuple[float, float], measure: Measure
) -> list[Label]:
    """The activations printed inside big units (number_shown), as the painter draws them."""
    r = scene.geometry.radius * view.scale
    if r < 13:
        return []
    face = Face(int(min(12, r * 0.62)))
    out = []
    for l, idx in enumerate(scene.shown):
        if l == 0 and scene.geometry.image_rect is not None:
            continue
        for (cx, cy), v in zip(view.map(scene.geometry.pos[l]), np.asarray(a[l])[idx], strict=True):
            if not number_shown(cx, cy, r, size):
                continue
            s = f"{float(v):.2f}"
            tw, th = measure(s, face)
            out.append(Label("number", (s,), face, cx - tw / 2, cy - th / 2, tw, th, "center", ""))
    return out

"""Where a label beside a point goes (numpy only): inside the plot, off the legend, and over as
few drawn points (curves, lines) as can be.

Rectangles are (x, y, w, h) in pixels with y growing downwards, as on screen. place_label() tries
the eight spots around the point (beside it, above and below, each side) in the caller's order of
preference, each also slid along the point's side into the plot or past what it must avoid, and
scores each: leaving the plot or touching a rectangle to avoid (the legend) costs far more than
covering a drawn point or sliding away from the point, so a label only sits on the legend or past
the edge when nothing else fits.
"""

from __future__ import annotations

import numpy as np

Rect = tuple[float, float, float, float]
BLOCKED = 1e6  # the score of a spot outside the plot or on a rectangle to avoid, per pixel²
MOVED = 0.2  # the score of a pixel slid away from the point (5 px: as much as a point covered)

# spots around the point as (dx, dy): -1 left of / above it, 0 centred on it, +1 right / below
BELOW_RIGHT, BELOW_LEFT, ABOVE_LEFT, ABOVE_RIGHT = (1, 1), (-1, 1), (-1, -1), (1, -1)
SPOTS = (BELOW_RIGHT, BELOW_LEFT, ABOVE_LEFT, ABOVE_RIGHT, (1, 0), (-1, 0), (0, -1), (0, 1))


def spot_rect(point: tuple[float, float], size: tuple[float, float], spot, gap: float) -> Rect:
    """The label's rectangle at `spot` ((dx, dy) in SPOTS) `gap` pixels from `point`."""
    (px, py), (w, h), (dx, dy) = point, size, spot
    x = px + gap if dx > 0 else px - gap - w if dx < 0 else px - w / 2
    y = py + gap if dy > 0 else py - gap - h if dy < 0 else py - h / 2
    return x, y, w, h


def variants(r: Rect, box: Rect, spot, avoid: list[Rect]) -> list[Rect]:
    """`r` as it is, slid into `box`, and slid just past each rectangle in `avoid` (then into
    `box`): sideways for a label above or below the point, up or down for one beside it, so it
    never slides onto the point."""
    x, y, w, h = r
    if spot[1] != 0:
        xs = [x, *(a[0] + a[2] + 1 for a in avoid), *(a[0] - w - 1 for a in avoid)]
        return [r] + [(min(max(v, box[0]), box[0] + box[2] - w), y, w, h) for v in xs]
    ys = [y, *(a[1] + a[3] + 1 for a in avoid), *(a[1] - h - 1 for a in avoid)]
    return [r] + [(x, min(max(v, box[1]), box[1] + box[3] - h), w, h) for v in ys]


def overlap(a: Rect, b: Rect) -> float:
    """The area two rectangles share (0 when they do not touch)."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def outside(r: Rect, box: Rect) -> float:
    """The area of `r` that lies outside `box`."""
    return r[2] * r[3] - overlap(r, box)


def covered(r: Rect, points: np.ndarray) -> float:
    """The weight of `points` ((n, 3): x, y in pixels, weight) inside `r`."""
    if points.size == 0:
        return 0.0
    x, y = points[:, 0], points[:, 1]
    inside = (x >= r[0]) & (x <= r[0] + r[2]) & (y >= r[1]) & (y <= r[1] + r[3])
    return float(points[inside, 2].sum())


def score(r: Rect, box: Rect, avoid: list[Rect], points: np.ndarray) -> float:
    """What a label at `r` costs: BLOCKED per pixel² off the plot or on `avoid`, plus the
    weight of the drawn points it covers."""
    blocked = outside(r, box) + sum(overlap(r, a) for a in avoid)
    return BLOCKED * blocked + covered(r, points)


def place_label(
    point: tuple[float, float],
    size: tuple[float, float],
    box: Rect,
    avoid: list[Rect],
    points: np.ndarray,
    prefer=SPOTS,
    gap: float = 6.0,
) -> tuple[Rect, float]:
    """(the label's rectangle, its score): the best of the spots around `point` (as they are, or
    slid: see variants), `prefer` (spots in SPOTS) first, then the other spots. points: (n, 3) the
    drawn points to keep clear (x, y, weight). A score below BLOCKED means the label is wholly
    inside `box` and off every rectangle in `avoid`."""
    order = list(prefer) + [s for s in SPOTS if s not in prefer]
    best: tuple[Rect, float] | None = None
    for i, spot in enumerate(order):
        r = spot_rect(point, size, spot, gap)
        for rect in variants(r, box, spot, avoid):
            moved = abs(rect[0] - r[0]) + abs(rect[1] - r[1])
            # ties go to the nearer, then to the preferred spot
            s = score(rect, box, avoid, points) + MOVED * moved + 0.01 * i
            if best is None or s < best[1]:
                best = (rect, s)
    assert best is not None
    return best

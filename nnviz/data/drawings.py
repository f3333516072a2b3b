"""Cartoon pictures for the built-in "cats" dataset, drawn with Pillow.

render(kind, rng) draws one 64x64 RGB picture of `kind` ("cat", "dog", "house", "car", "flower",
"sun", "tree", "fish", "shapes") with random colours, size, position, rotation, background and
clutter, all taken from the numpy Generator `rng`, so the same seed always gives the same picture.
The ranges below are tuned so that the course's default network learns the "cats" dataset to
>= 90% test accuracy within 2500 iterations, but not in the first few hundred, and with a cost
that falls smoothly at lr 0.0075. Backgrounds are dark, muted and softly shaded and each picture
gets a random exposure (mean pixel about 0.19). Why dark: the background is 78% of every
picture's pixels and carries no class, yet it made up 60% of the mean picture x̄ (|x̄|² = 804
with backgrounds of 25-150). Layer 1's response to x̄ (W[1] along x̄, with b[1], W[2], b[2])
is the stiffest direction of the cost, its curvature growing with |x̄|²; once α times it exceeds
2, gradient descent overshoots along it every step and the cost zigzags: the default run's cost
rose in 95 of its first 199 iterations (with flat, saturated backgrounds of mean 0.5 it swung
0.55 <-> 0.70). At 10-100 (|x̄|² = 506) it rises in none and falls faster; the objects are as
bright as before, so the signal is kept.
Pictures are drawn at 2x (128x128) and reduced for smooth edges; noise is added by the caller.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

S = 128  # drawing canvas; the picture is reduced by 2 to 64x64
SPREAD = 0.09  # largest offset of an object's centre from the middle, as a share of the side
ROTATION = 8.0  # largest rotation, degrees
SIZE = (0.24, 0.34)  # object "radius" as a share of the side
CLUTTER = 1  # at most this many random blobs behind the object
BG_VALUE = (10.0, 100.0)  # background brightness range (0..255): dark (see above)
BG_SATURATION = (0.1, 0.55)  # background colour saturation range: muted
BG_TEXTURE = 14.0  # amplitude of the smooth light-and-shade field on the background (0..255)
EXPOSURE = (0.5, 1.0)  # the finished picture is scaled by a random exposure in this range
Color = tuple[int, int, int]

CAT_FUR: tuple[Color, ...] = (
    (232, 142, 52), (150, 150, 158), (45, 42, 42), (242, 240, 232), (140, 92, 52),
    (236, 212, 160), (205, 120, 60), (110, 110, 120),
)  # fmt: skip
DOG_FUR: tuple[Color, ...] = (
    (150, 100, 55), (210, 170, 110), (60, 45, 35), (240, 236, 226), (200, 140, 70),
    (120, 120, 125), (225, 190, 130),
)  # fmt: skip
EYES: tuple[Color, ...] = ((110, 200, 60), (230, 200, 40), (80, 160, 220), (200, 140, 40))
PINK: Color = (240, 150, 170)


def _color(values) -> Color:
    """(r, g, b) from three ints."""
    r, g, b = values
    return r, g, b


def _jitter(c: Color, rng: np.random.Generator, amount: int = 18) -> Color:
    d = rng.integers(-amount, amount + 1, 3)
    return _color(min(255, max(0, int(v + e))) for v, e in zip(c, d, strict=True))


def _rand_color(rng: np.random.Generator) -> Color:
    return _color(int(v) for v in rng.integers(0, 256, 3))


def _shade(c: Color, f: float) -> Color:
    return _color(min(255, max(0, int(v * f))) for v in c)


def _ellipse(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0, n: int = 28):
    """Points of an ellipse rotated by `angle` degrees (for ImageDraw.polygon)."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    a = np.deg2rad(angle)
    x, y = rx * np.cos(t), ry * np.sin(t)
    xs = cx + x * np.cos(a) - y * np.sin(a)
    ys = cy + x * np.sin(a) + y * np.cos(a)
    return [(float(u), float(v)) for u, v in zip(xs, ys, strict=True)]


def _box(cx: float, cy: float, rx: float, ry: float) -> tuple[float, float, float, float]:
    return (cx - rx, cy - ry, cx + rx, cy + ry)


# ---------------------------------------------------------------- animals (the hard pair)


def draw_cat(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, r: float):
    """A cat face: pointy ears, slit-pupil eyes, pink nose, whiskers."""
    fur = _jitter(CAT_FUR[rng.integers(len(CAT_FUR))], rng)
    dark = _shade(fur, 0.55) if sum(fur) > 200 else (200, 200, 200)
    spread, tall = rng.uniform(0.55, 0.85), rng.uniform(1.25, 1.6)
    for side in (-1, 1):
        base_out = (cx + side * r * 0.98, cy - r * 0.15)
        tip = (cx + side * r * spread, cy - r * tall)
        base_in = (cx + side * r * 0.12, cy - r * 0.8)
        d.polygon([base_out, tip, base_in], fill=fur)
        inner = [
            (cx + side * r * 0.82, cy - r * 0.35),
            (cx + side * r * (spread * 0.97), cy - r * (tall - 0.25)),
            (cx + side * r * 0.35, cy - r * 0.78),
        ]
        d.polygon(inner, fill=PINK)
    d.ellipse(_box(cx, cy, r, r * rng.uniform(0.8, 0.92)), fill=fur)
    if rng.random() < 0.4:  # tabby stripes on the forehead
        for k in (-1, 0, 1):
            d.line([(cx + k * r * 0.22, cy - r * 0.78), (cx + k * r * 0.18, cy - r * 0.45)],
                   fill=dark, width=max(2, int(r * 0.08)))  # fmt: skip
    eye = _jitter(EYES[rng.integers(len(EYES))], rng, 25)
    ex, ey, er = r * rng.uniform(0.36, 0.46), cy - r * 0.12, r * rng.uniform(0.17, 0.23)
    for side in (-1, 1):
        d.ellipse(_box(cx + side * ex, ey, er, er * 1.15), fill=eye, outline=(20, 20, 20))
        d.ellipse(_box(cx + side * ex, ey, er * 0.28, er * 0.95), fill=(10, 10, 10))
    ny = cy + r * 0.22
    d.polygon([(cx - r * 0.12, ny), (cx + r * 0.12, ny), (cx, ny + r * 0.12)], fill=PINK)
    w = max(1, int(r * 0.05))
    mouth = [(cx - r * 0.2, ny + r * 0.25), (cx, ny + r * 0.14), (cx + r * 0.2, ny + r * 0.25)]
    d.line(mouth, fill=(30, 30, 30), width=w)
    wcol = (250, 250, 250) if sum(fur) < 300 else (25, 25, 25)
    for side in (-1, 1):
        for k in (-1, 0, 1):
            start = (cx + side * r * 0.3, ny + r * 0.08 + k * r * 0.06)
            end = (cx + side * r * 1.35, ny - r * 0.05 + k * r * 0.2)
            d.line([start, end], fill=wcol, width=w)


def draw_dog(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, r: float):
    """A dog face: floppy ears hanging at the sides, round dark eyes, big black nose, tongue."""
    fur = _jitter(DOG_FUR[rng.integers(len(DOG_FUR))], rng)
    ear = _shade(fur, rng.uniform(0.5, 0.8)) if rng.random() < 0.7 else fur
    d.ellipse(_box(cx, cy, r * 0.92, r * rng.uniform(0.9, 1.02)), fill=fur)
    tilt = rng.uniform(10, 30)
    for side in (-1, 1):
        pts = _ellipse(cx + side * r * 0.9, cy + r * 0.05, r * 0.28, r * 0.72, -side * tilt)
        d.polygon(pts, fill=ear)
    muzzle = _shade(fur, 1.25) if sum(fur) < 600 else (250, 245, 235)
    d.ellipse(_box(cx, cy + r * 0.38, r * 0.45, r * 0.34), fill=muzzle)
    ex, ey, er = r * rng.uniform(0.3, 0.42), cy - r * 0.15, r * rng.uniform(0.1, 0.15)
    for side in (-1, 1):
        d.ellipse(_box(cx + side * ex, ey, er, er), fill=(25, 20, 15))
        d.ellipse(_box(cx + side * ex + er * 0.3, ey - er * 0.3, er * 0.3, er * 0.3), fill="white")
    d.ellipse(_box(cx, cy + r * 0.22, r * 0.17, r * 0.12), fill=(20, 20, 20))
    w = max(1, int(r * 0.05))
    d.line([(cx, cy + r * 0.3), (cx, cy + r * 0.5)], fill=(30, 30, 30), width=w)
    if rng.random() < 0.6:
        d.ellipse(_box(cx, cy + r * 0.62, r * 0.12, r * 0.15), fill=(230, 90, 110))


# ---------------------------------------------------------------- other things


def draw_house(d, rng, cx, cy, r):
    wall, roof = _rand_color(rng), _jitter((170, 60, 50), rng, 60)
    d.rectangle(_box(cx, cy + r * 0.3, r * 0.8, r * 0.65), fill=wall)
    d.polygon([(cx - r, cy - r * 0.3), (cx, cy - r * 1.1), (cx + r, cy - r * 0.3)], fill=roof)
    d.rectangle(_box(cx, cy + r * 0.65, r * 0.15, r * 0.3), fill=_shade(wall, 0.5))
    for side in (-1, 1):
        d.rectangle(
            _box(cx + side * r * 0.45, cy + r * 0.15, r * 0.15, r * 0.15), fill=(150, 200, 240)
        )


def draw_car(d, rng, cx, cy, r):
    body = _rand_color(rng)
    d.rectangle((cx - r, cy - r * 0.05, cx + r, cy + r * 0.4), fill=body)
    cabin = [(-0.55, -0.05), (-0.3, -0.45), (0.35, -0.45), (0.6, -0.05)]
    d.polygon([(cx + u * r, cy + v * r) for u, v in cabin], fill=body)
    d.rectangle((cx - r * 0.28, cy - r * 0.38, cx + r * 0.3, cy - r * 0.08), fill=(170, 210, 240))
    for side in (-1, 1):
        d.ellipse(_box(cx + side * r * 0.55, cy + r * 0.42, r * 0.22, r * 0.22), fill=(25, 25, 25))


def draw_flower(d, rng, cx, cy, r):
    d.line([(cx, cy), (cx + r * 0.1, cy + r * 1.2)], fill=(40, 140, 50), width=max(2, int(r / 8)))
    petal, n = _rand_color(rng), int(rng.integers(5, 9))
    for k in range(n):
        a = 2 * np.pi * k / n
        px, py = cx + np.cos(a) * r * 0.5, cy + np.sin(a) * r * 0.5
        d.polygon(_ellipse(px, py, r * 0.35, r * 0.2, np.degrees(a)), fill=petal)
    d.ellipse(_box(cx, cy, r * 0.25, r * 0.25), fill=_jitter((240, 200, 40), rng))


def draw_sun(d, rng, cx, cy, r):
    col = _jitter((250, 200, 40), rng, 30)
    n = int(rng.integers(8, 14))
    for k in range(n):
        a = 2 * np.pi * k / n
        c, s = np.cos(a), np.sin(a)
        ray = [(cx + c * r * 0.5, cy + s * r * 0.5), (cx + c * r, cy + s * r)]
        d.line(ray, fill=col, width=max(2, int(r / 10)))
    d.ellipse(_box(cx, cy, r * 0.55, r * 0.55), fill=col)
    if rng.random() < 0.5:
        for side in (-1, 1):
            d.ellipse(
                _box(cx + side * r * 0.2, cy - r * 0.1, r * 0.06, r * 0.06), fill=(40, 40, 40)
            )


def draw_tree(d, rng, cx, cy, r):
    d.rectangle(_box(cx, cy + r * 0.6, r * 0.15, r * 0.5), fill=_jitter((110, 70, 40), rng))
    green = _jitter((50, 150, 60), rng, 40)
    if rng.random() < 0.5:
        d.polygon(
            [(cx - r * 0.8, cy + r * 0.2), (cx, cy - r * 1.1), (cx + r * 0.8, cy + r * 0.2)],
            fill=green,
        )
    else:
        d.ellipse(_box(cx, cy - r * 0.3, r * 0.75, r * 0.7), fill=green)


def draw_fish(d, rng, cx, cy, r):
    col = _rand_color(rng)
    d.polygon([(cx + r * 0.5, cy), (cx + r, cy - r * 0.45), (cx + r, cy + r * 0.45)], fill=col)
    d.ellipse(_box(cx - r * 0.1, cy, r * 0.7, r * 0.42), fill=col)
    d.ellipse(_box(cx - r * 0.45, cy - r * 0.1, r * 0.09, r * 0.09), fill=(20, 20, 20))


def draw_shapes(d, rng, cx, cy, r):
    for _ in range(int(rng.integers(2, 5))):
        x, y = cx + rng.uniform(-r, r) * 0.7, cy + rng.uniform(-r, r) * 0.7
        s, col = r * rng.uniform(0.2, 0.6), _rand_color(rng)
        kind = rng.integers(3)
        if kind == 0:
            d.ellipse(_box(x, y, s, s), fill=col)
        elif kind == 1:
            d.rectangle(_box(x, y, s, s * rng.uniform(0.5, 1.5)), fill=col)
        else:
            d.polygon([(x, y - s), (x - s, y + s), (x + s, y + s)], fill=col)


DRAW = {
    "cat": draw_cat, "dog": draw_dog, "house": draw_house, "car": draw_car,
    "flower": draw_flower, "sun": draw_sun, "tree": draw_tree, "fish": draw_fish,
    "shapes": draw_shapes,
}  # fmt: skip


def _muted(rng: np.random.Generator, lo: float = BG_VALUE[0], hi: float = BG_VALUE[1]) -> Color:
    """A photographic background tone: random hue, low saturation, brightness in [lo, hi]."""
    h, s, v = rng.uniform(0, 6), rng.uniform(*BG_SATURATION), rng.uniform(lo, hi)
    k = (np.array([5.0, 3.0, 1.0]) + h) % 6  # HSV -> RGB
    rgb = v * (1 - s * np.clip(np.minimum(k, 4 - k), 0, 1))
    return _color(int(c) for c in rgb)


def _background(rng: np.random.Generator) -> Image.Image:
    """A dim, muted (S, S) background (flat, gradient, or sky over ground) with soft light and
    shade; built at 32x32 and enlarged, so it is smooth like an out-of-focus photograph."""
    n = 32
    kind = rng.integers(3)
    top, bottom = np.array(_muted(rng), np.float32), np.array(_muted(rng), np.float32)
    t = np.linspace(0, 1, n, dtype=np.float32)[:, None, None]
    if kind == 0:
        t = np.zeros_like(t)
    elif kind == 2:  # sky and ground
        t = (t > rng.uniform(0.5, 0.9)).astype(np.float32)
    a = top * (1 - t) + bottom * t + np.zeros((1, n, 1), np.float32)
    k = int(rng.integers(3, 7))  # light and shade: a k x k random field, enlarged
    shade = Image.fromarray(rng.uniform(-1, 1, (k, k)).astype(np.float32), mode="F")
    a += np.asarray(shade.resize((n, n), Image.Resampling.BICUBIC))[:, :, None] * BG_TEXTURE
    small = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return small.resize((S, S), Image.Resampling.BILINEAR)


def render(
    kind: str, rng: np.random.Generator, clutter: int = 2, spread: float = 0.14
) -> np.ndarray:
    """One uint8 (64, 64, 3) picture of `kind` on a random background, without noise."""
    img = _background(rng)
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(0, CLUTTER + 1))):
        x, y, s = rng.uniform(0, S), rng.uniform(0, S), rng.uniform(4, 16)
        d.ellipse(_box(x, y, s, s * rng.uniform(0.5, 1.5)), fill=_muted(rng, 40, 190))
    layer = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    r = rng.uniform(*SIZE) * S
    cx = S / 2 + rng.uniform(-SPREAD, SPREAD) * S
    cy = S / 2 + rng.uniform(-SPREAD, SPREAD) * S + 0.08 * r
    DRAW[kind](ImageDraw.Draw(layer), rng, cx, cy, r)
    angle = rng.uniform(-ROTATION, ROTATION)
    layer = layer.rotate(angle, Image.Resampling.BILINEAR, center=(cx, cy))
    img.paste(layer, (0, 0), layer)
    small = np.asarray(img.reduce(2), dtype=np.float32) * rng.uniform(*EXPOSURE)
    return np.rint(small).astype(np.uint8)

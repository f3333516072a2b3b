"""TensorFlow Playground's four 2-D point sets, drawn as its dataset.ts draws them (numpy only).

generate(kind, n, noise, rng) for kind in KINDS; nnviz.data.planar makes datasets of them (see its
docstring for the shapes of each set and what noise does).
"""

from __future__ import annotations

import numpy as np

from nnviz.data.errors import DataError

KINDS = ("circle", "xor", "gaussian", "spiral")


def generate(kind: str, n: int, noise: float, rng: np.random.Generator):
    """(points (2, n) float64, y (n,) float64 of 0/1) as Playground draws `kind`."""
    if kind == "circle":
        radius = 5.0
        r = np.concatenate([rng.uniform(0, radius * 0.5, n // 2),
                            rng.uniform(radius * 0.7, radius, n - n // 2)])  # fmt: skip
        angle = rng.uniform(0, 2 * np.pi, n)
        p = np.stack([r * np.sin(angle), r * np.cos(angle)])
        shift = rng.uniform(-radius, radius, (2, n)) * noise
        y = (np.hypot(*(p + shift)) < radius * 0.5).astype(np.float64)
    elif kind == "xor":
        p = rng.uniform(-5, 5, (2, n))
        p += np.where(p > 0, 0.3, -0.3)
        shift = rng.uniform(-5, 5, (2, n)) * noise
        y = ((p[0] + shift[0]) * (p[1] + shift[1]) >= 0).astype(np.float64)
    elif kind == "gaussian":
        std = np.sqrt(0.5 + 7.0 * noise)  # Playground: variance 0.5 .. 4 for noise 0 .. 0.5
        y = (np.arange(n) < n // 2).astype(np.float64)
        centre = np.where(y > 0, 2.0, -2.0)
        p = centre + rng.normal(0.0, std, (2, n))
    elif kind == "spiral":
        half = n // 2
        ps, ys = [], []
        for arm, (dt, label) in enumerate(((0.0, 1.0), (np.pi, 0.0))):
            k = half if arm == 0 else n - half
            i = np.arange(k)
            r = i / k * 5
            t = 1.75 * i / k * 2 * np.pi + dt
            ps.append(np.stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1, 1, (2, k)) * noise)
            ys.append(np.full(k, label))
        p, y = np.concatenate(ps, axis=1), np.concatenate(ys)
    else:
        raise DataError(None, f"no 2-D dataset {kind!r}; choose one of {', '.join(KINDS)}")
    return p, y

"""Edges and colours of the network canvas as numpy: segments, |w| buckets, pens, unit fills.

Edges are drawn batched: every edge falls in one of 2 * N_BUCKETS buckets (sign x |w| level, |w|
scaled per layer pair so every pair shows contrast); the painter makes one pen per bucket and one
drawLines call per bucket. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nnviz.ui.common import theme

N_BUCKETS = 8  # |w| levels per sign
SURFACE_RGB = (255, 255, 255)  # theme.SURFACE, the canvas background the edge colours blend into

# Unit fill: a sequential slate scale, white (low activation) -> ink (high), one for all layers.
ACT_STOPS = np.array(
    [(255, 255, 255), (226, 232, 240), (148, 163, 184), (71, 85, 105), (30, 41, 59)], float
)
# Input units of an image: the channel's colour at the pixel's intensity (dark -> pure).
CHANNEL_RGB = ((229, 62, 62), (56, 161, 105), (49, 130, 206))


@dataclass(frozen=True)
class EdgeSet:
    """The drawn edges between layer l-1 and layer l (only between shown units).

    src: (E,) unit indices in layer l-1, dst: (E,) in layer l, so the weight is W[l][dst, src];
    p0, p1: (E, 2) scene endpoints; w: (E,) weights; bucket: (E,) in 0..2*N_BUCKETS-1 (positive
    levels first, then negative); total: n_l * n_{l-1}, the number of weights in the layer pair.
    """

    l: int
    src: np.ndarray
    dst: np.ndarray
    p0: np.ndarray
    p1: np.ndarray
    w: np.ndarray
    bucket: np.ndarray
    total: int

    @property
    def subsampled(self) -> bool:
        return len(self.w) < self.total


def quantise(w: np.ndarray, n_buckets: int = N_BUCKETS) -> np.ndarray:
    """Bucket of each weight: level = floor(n_buckets * |w| / scale) clipped to n_buckets-1, scale =
    the 99th percentile of |w| (so one outlier does not wash out the rest); negative weights get
    level + n_buckets. w: (E,) -> (E,) int."""
    a = np.abs(np.asarray(w, np.float64))
    if a.size == 0:
        return np.zeros(0, int)
    scale = float(np.percentile(a, 99))
    if not np.isfinite(scale) or scale <= 0:
        scale = float(a.max()) if np.isfinite(a.max()) and a.max() > 0 else 1.0
    level = np.clip(np.nan_to_num(a / scale * n_buckets), 0, n_buckets - 1).astype(int)
    return level + np.where(w < 0, n_buckets, 0)


def density(n_edges: int) -> float:
    """How much to soften a layer pair's edges: 1 for up to ~120 drawn edges, down to 0.35 for
    thousands, so dense pairs do not turn into a solid block."""
    return float(np.clip(np.sqrt(120.0 / max(n_edges, 1)), 0.35, 1.0))


@lru_cache(maxsize=512)
def bucket_style(
    bucket: int, soften: float = 1.0, n_buckets: int = N_BUCKETS
) -> tuple[tuple[int, int, int, int], float]:
    """(RGBA, pen width in px) of a bucket: stronger weights are wider and stronger in colour.
    The colour is opaque, pre-blended with the canvas background (opaque lines are an order of
    magnitude faster to draw than translucent ones); `soften` (0..1] fades dense layer pairs."""
    negative = bucket >= n_buckets
    t = (bucket % n_buckets + 1) / n_buckets
    rgb = np.array(theme.NEGATIVE_RGB if negative else theme.POSITIVE_RGB, float)
    alpha = (0.10 + 0.85 * t**1.4) * (0.45 + 0.55 * soften)
    bg = np.array(SURFACE_RGB, float)
    r, g, b = np.round(bg + (rgb - bg) * alpha).astype(int)
    return (int(r), int(g), int(b), 255), (0.5 + 2.6 * t**1.6) * (0.6 + 0.4 * soften)


def build_edges(
    W: Sequence[np.ndarray], shown: Sequence[np.ndarray], pos: Sequence[np.ndarray]
) -> list[EdgeSet | None]:
    """EdgeSets for l = 1..L (entry 0 is None) between the shown units. W[l]: (n_l, n_{l-1})."""
    out: list[EdgeSet | None] = [None]
    for l in range(1, len(shown)):
        src_i, dst_i = shown[l - 1], shown[l]
        ks, kd = len(src_i), len(dst_i)
        w = np.asarray(W[l][np.ix_(dst_i, src_i)], np.float64).reshape(-1)  # (kd*ks,) row = dst
        d_local = np.repeat(np.arange(kd), ks)
        s_local = np.tile(np.arange(ks), kd)
        order = np.argsort(np.abs(w), kind="stable")  # weak first: strong edges end up on top
        d_local, s_local, w = d_local[order], s_local[order], w[order]
        out.append(
            EdgeSet(
                l=l,
                src=src_i[s_local],
                dst=dst_i[d_local],
                p0=pos[l - 1][s_local],
                p1=pos[l][d_local],
                w=w,
                bucket=quantise(w),
                total=int(W[l].shape[0] * W[l].shape[1]),
            )
        )
    return out


def edge_batches(edges: Sequence[EdgeSet | None]) -> list[tuple[int, float, np.ndarray]]:
    """Draw batches (bucket, soften, segments (n, 4) x0, y0, x1, y1 in scene coordinates), one per
    layer pair and bucket, weak levels first so the strongest edges are painted last."""
    out = []
    for es in edges:
        if es is None or not len(es.w):
            continue
        seg = np.concatenate([es.p0, es.p1], axis=1)
        soften = density(len(es.w))
        present = set(np.unique(es.bucket).tolist())
        for b in bucket_draw_order():
            if b in present:
                out.append((b, soften, seg[es.bucket == b]))
    return out


def bucket_draw_order(n_buckets: int = N_BUCKETS) -> list[int]:
    """Weak levels first, both signs interleaved."""
    return [b for lv in range(n_buckets) for b in (lv, lv + n_buckets)]


def fill_scale(a: Sequence[np.ndarray], hidden: str, image: bool) -> tuple[float, float]:
    """(lo, hi) of the unit fill scale, one for every layer: a[l] (n_l,) are the example's
    activations per layer (a[0] = x, left out for an image, whose inputs are coloured by
    channel). lo = min(0, smallest a) (-1 with tanh), hi = max(1, largest a): so sigmoid and
    tanh units keep their natural range, and a = 0.0009 is near white, never the darkest."""
    parts = [np.asarray(v, np.float64).reshape(-1) for v in a[1 if image else 0 :]]
    vals = np.concatenate(parts) if parts else np.zeros(0)
    vals = vals[np.isfinite(vals)]
    lo = min(0.0, float(vals.min())) if vals.size else 0.0
    hi = max(1.0, float(vals.max())) if vals.size else 1.0
    if hidden == "tanh":
        lo = min(lo, -1.0)
    return lo, hi


def activation_rgba(a: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Sequential slate fill for activations a (k,) on the range lo..hi -> (k, 4) uint8."""
    t = np.clip(np.nan_to_num((np.asarray(a, np.float64) - lo) / max(hi - lo, 1e-12)), 0, 1)
    x = t * (len(ACT_STOPS) - 1)
    i = np.minimum(x.astype(int), len(ACT_STOPS) - 2)
    f = (x - i)[:, None]
    rgb = ACT_STOPS[i] * (1 - f) + ACT_STOPS[i + 1] * f
    return np.column_stack([np.round(rgb), np.full(len(t), 255)]).astype(np.uint8)


def input_rgba(values: np.ndarray, channels: np.ndarray) -> np.ndarray:
    """Input units of an image: the channel colour scaled by the value (0..1) -> (k, 4) uint8."""
    v = np.clip(np.nan_to_num(np.asarray(values, np.float64)), 0, 1)[:, None]
    base = np.array(CHANNEL_RGB, float)[np.asarray(channels) % 3]
    dark = np.array([26.0, 32.0, 44.0])
    rgb = dark * (1 - v) + base * v
    return np.column_stack([np.round(rgb), np.full(len(v), 255)]).astype(np.uint8)


def ring_max(r: float) -> float:
    """The widest bias ring (px) drawn round units of radius r px (the layer's largest |b|)."""
    return float(np.clip(r * 0.35, 1.2, 4.0))


def unit_reach(r: float) -> float:
    """How far from its centre a unit of radius r px is drawn: border, gap and widest ring."""
    return r + 0.5 + ring_max(r)


def bias_rings(b: np.ndarray, max_width: float) -> tuple[np.ndarray, np.ndarray]:
    """Ring of each unit for its bias b (k,): (negative (k,) bool, width (k,) px), width scaled so
    the layer's largest |b| gets max_width (0 where b == 0)."""
    a = np.abs(np.nan_to_num(np.asarray(b, np.float64)))
    scale = a.max() if a.size and a.max() > 0 else 1.0
    return np.asarray(b) < 0, a / scale * max_width

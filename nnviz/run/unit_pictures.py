"""What a first-layer unit looks for: its weights W[1][j] as a picture (Qt-free, numpy only).

A row W[1][j] (n_x,) of an image network is reshaped to the input's (H, W, 3) in the course's
order (row-major H, W, C, as x.reshape(m, -1).T flattens a picture) and drawn with a diverging
rendering centred on mid-grey: a weight 0 is grey (127.5), +s white-ward and -s black-ward in
that colour channel, where s is the row's robust scale (the SCALE_QUANTILE of |w|; larger
weights saturate). So a unit that likes red where the cat's fur is shows a red patch there, one
that dislikes it a cyan patch. The channels can also be shown side by side, each in the window's
diverging pair (nnviz.ui.common.theme, as TF Playground): orange (w < 0), white (0), blue (w > 0).

`change` pictures (W[1] - W[1] at the start of the run) take the random initialisation out: the
course's init is noise with no structure, so what training added stands out from the start.

`extremes(w, b, X, k)`: the training examples whose pre-activation z = w x + b is largest and
smallest (for ReLU, tanh, sigmoid the activation a = g(z) ranks them alike).
"""

from __future__ import annotations

import numpy as np

SCALE_RMS = 2.5  # a row's scale: this many times its RMS (the rare largest weights saturate)
GAP = 2  # pixels between tiles of a grid (filled with GAP_VALUE)
GAP_VALUE = 255
# orange (-1) - white (0) - blue (+1): the window's theme.NEGATIVE_RGB / POSITIVE_RGB
NEG = np.array([221.0, 107.0, 32.0])
POS = np.array([43.0, 108.0, 176.0])
WHITE = np.array([247.0, 247.0, 247.0])


def row_scales(W: np.ndarray) -> np.ndarray:
    """(n,) scale of each row of W (n, n_x): SCALE_RMS times the row's root mean square (for
    Gaussian-like weights about their 99th percentile of |w|, in one cheap pass), never 0."""
    W = np.asarray(W)
    if W.ndim != 2 or W.shape[1] == 0:
        raise ValueError(f"W must be (n, n_x) with n_x > 0, got shape {W.shape}")
    rms = np.sqrt(np.einsum("ij,ij->i", W, W, dtype=np.float64) / W.shape[1])
    s = SCALE_RMS * rms
    return np.where(np.isfinite(s) & (s > 0), s, 1.0)


def _check(W: np.ndarray, image_shape: tuple[int, ...]) -> np.ndarray:
    W = np.asarray(W, np.float64)
    if W.ndim == 1:
        W = W[None, :]
    n_x = int(np.prod(image_shape))
    if len(image_shape) != 3 or image_shape[2] != 3 or W.shape[1] != n_x:
        raise ValueError(
            f"weights of {W.shape[1]} inputs do not make {tuple(image_shape)} pictures"
        )
    return W


def weight_pictures(
    W: np.ndarray, image_shape: tuple[int, ...], scales: np.ndarray | None = None
) -> np.ndarray:
    """uint8 (n, H, W, 3): row j of W (n, n_x) as a picture, 127.5 (1 + w / s_j) clipped, with
    s_j = scales[j] or row_scales(W)[j]. A 1-D w (n_x,) gives n = 1."""
    W = _check(W, image_shape)
    s = row_scales(W) if scales is None else np.asarray(scales, np.float64).reshape(-1)
    v = W * (127.5 / s)[:, None]  # one pass each: scale, shift, clip, round
    v += 128.0  # 127.5 + 0.5: truncation below rounds to nearest
    np.clip(v, 0.0, 255.5, out=v)
    return v.astype(np.uint8).reshape(W.shape[0], *image_shape)


def channel_maps(w: np.ndarray, image_shape: tuple[int, ...], scale: float | None = None):
    """uint8 (H, 3 W + 2 GAP, 3): w's red, green and blue channels side by side, each as
    orange (w = -s) - white (0) - blue (+s), s = scale or the row's robust scale."""
    W = _check(w, image_shape)
    s = float(row_scales(W)[0]) if scale is None else float(scale)
    H, Wd, _ = image_shape
    v = np.clip(W[0].reshape(H, Wd, 3) / s, -1.0, 1.0)
    out = np.full((H, 3 * Wd + 2 * GAP, 3), GAP_VALUE, np.uint8)
    for c in range(3):
        t = v[:, :, c, None]
        rgb = np.where(t >= 0, WHITE + t * (POS - WHITE), WHITE - t * (NEG - WHITE))
        x0 = c * (Wd + GAP)
        out[:, x0 : x0 + Wd] = np.rint(rgb).astype(np.uint8)
    return out


def grid_shape(n: int, cols: int) -> tuple[int, int]:
    """(rows, cols) of a grid of n tiles at most `cols` wide."""
    cols = max(1, min(int(cols), n))
    return (n + cols - 1) // cols, cols


def tile_grid(pictures: np.ndarray, cols: int) -> np.ndarray:
    """uint8 (rows (H + GAP) - GAP, cols (W + GAP) - GAP, 3): pictures (n, H, W, 3) in rows of
    `cols`, left to right then top to bottom, GAP pixels apart (GAP_VALUE between and after)."""
    n, H, Wd, C = pictures.shape
    rows, cols = grid_shape(n, cols)
    out = np.full((rows * (H + GAP) - GAP, cols * (Wd + GAP) - GAP, C), GAP_VALUE, np.uint8)
    for j in range(n):
        r, c = divmod(j, cols)
        out[r * (H + GAP) : r * (H + GAP) + H, c * (Wd + GAP) : c * (Wd + GAP) + Wd] = pictures[j]
    return out


def tile_at(x: float, y: float, n: int, cols: int, tile: float, gap: float) -> int | None:
    """The tile index under point (x, y) of a grid of n tiles `tile` wide and `gap` apart."""
    if x < 0 or y < 0:
        return None
    c, r = int(x // (tile + gap)), int(y // (tile + gap))
    if x - c * (tile + gap) >= tile or y - r * (tile + gap) >= tile:
        return None
    j = r * max(1, min(cols, n)) + c
    return j if c < cols and 0 <= j < n else None


def extremes(
    w: np.ndarray, b: float, X: np.ndarray, k: int = 6
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(top, bottom, z): indices of the k examples of X (n_x, m) with the largest z = w x + b
    (largest first) and the k with the smallest (smallest first); z (m,) for all of them."""
    w = np.asarray(w).reshape(-1)
    if X.shape[0] != w.size:
        raise ValueError(f"w has {w.size} weights but the examples have {X.shape[0]} values")
    z = np.asarray(w.astype(X.dtype, copy=False) @ X, np.float64) + float(b)
    order = np.argsort(-z, kind="stable")
    k = min(int(k), z.size)
    return order[:k], np.argsort(z, kind="stable")[:k], z

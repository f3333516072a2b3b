"""The network canvas's geometry as plain numpy: which units to show, where they go, and the view.

No Qt here, so all of it is testable without a display. Scene coordinates are pixels of the canvas
at the moment the layout was made (fit view = identity transform); a `View` maps them to the widget.

Which units are shown:
- input of an image dataset (or any input wider than MAX_UNITS): the N_SAMPLE_INPUTS inputs with the
  largest sum |w| into layer 1 (the ones layer 1 listens to most);
- a hidden layer wider than MAX_UNITS: its MAX_SHOWN_WIDE most important units by weight,
  score_j = (sum_k |W[l][j,k]|) * (sum_i |W[l+1][i,j]|), i.e. what flows in times what flows out.
  Weight-based, not activation-based, so stepping through examples never reshuffles the picture;
  a small hysteresis (`select_units(previous=...)`) keeps it from flickering while training.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from nnviz.ui.canvas.edges import EdgeSet, build_edges

MAX_UNITS = 32  # a layer up to this wide shows every unit
MAX_SHOWN_WIDE = 24  # units shown for a wider layer (plus a "⋮ n more" line)
N_SAMPLE_INPUTS = 16  # input units shown for an image (or a wide input)

TOP = 86.0  # room above the columns for the layer titles (2 lines, the 2nd may wrap) and notes
BOTTOM = 84.0  # room below: shapes (2 lines) and the legend strip
SIDE = 28.0
READOUT_W = 128.0  # room right of the output unit for yhat / y
MAX_SPACING = 92.0
MAX_RADIUS = 22.0
MIN_RADIUS = 3.0
MIN_GAP = 30.0  # the picture shrinks (to 40 px) before columns come closer than this


@dataclass(frozen=True)
class View:
    """widget = scene * scale + (tx, ty)."""

    scale: float = 1.0
    tx: float = 0.0
    ty: float = 0.0

    def map(self, p: np.ndarray | Sequence[float]) -> np.ndarray:
        """Scene points (..., 2) -> widget points (..., 2)."""
        return np.asarray(p, float) * self.scale + (self.tx, self.ty)

    def unmap(self, p: np.ndarray | Sequence[float]) -> np.ndarray:
        """Widget points (..., 2) -> scene points (..., 2)."""
        return (np.asarray(p, float) - (self.tx, self.ty)) / self.scale

    def zoomed(self, factor: float, about: tuple[float, float]) -> View:
        """Zoom by `factor` keeping the widget point `about` fixed (scale clamped to 0.2..20)."""
        s = float(np.clip(self.scale * factor, 0.2, 20.0))
        f = s / self.scale
        px, py = about
        return View(s, px - (px - self.tx) * f, py - (py - self.ty) * f)

    def panned(self, dx: float, dy: float) -> View:
        return View(self.scale, self.tx + dx, self.ty + dy)


def importance(layer_dims: Sequence[int], W: Sequence[np.ndarray] | None, l: int) -> np.ndarray:
    """Score of each unit of layer l (0 = input): (n_l,). Input: sum_j |W[1][j,k]|; hidden:
    incoming |w| sum times outgoing |w| sum. Without weights, all ones."""
    n = layer_dims[l]
    L = len(layer_dims) - 1
    if W is None or len(W) <= L or W[1].size == 0:
        return np.ones(n)
    if l == 0:
        return np.abs(W[1]).sum(axis=0, dtype=np.float64)
    inc = np.abs(W[l]).sum(axis=1, dtype=np.float64)
    out = np.abs(W[l + 1]).sum(axis=0, dtype=np.float64) if l < L else np.ones(n)
    return inc * out


def select_units(
    scores: np.ndarray, k: int, previous: np.ndarray | None = None, keep: float = 0.9
) -> np.ndarray:
    """Indices of the k highest `scores`, ascending. With `previous` (an earlier selection), members
    scoring at least keep * (the k-th best score) stay, so near-ties do not flicker."""
    n = len(scores)
    if k >= n:
        return np.arange(n)
    part = np.argpartition(-scores, k - 1)[:k]
    top = part[np.argsort(-scores[part], kind="stable")]
    if previous is None or len(previous) != k or (previous.size and previous.max() >= n):
        return np.sort(top)
    threshold = keep * scores[top[-1]]
    kept = previous[scores[previous] >= threshold]
    kept_set = set(kept.tolist())
    rest = [i for i in top if i not in kept_set][: k - len(kept)]
    return np.sort(np.concatenate([kept, np.asarray(rest, int)]).astype(int))


def choose_shown(
    layer_dims: Sequence[int],
    W: Sequence[np.ndarray] | None,
    image: bool,
    previous: Sequence[np.ndarray] | None = None,
) -> list[np.ndarray]:
    """Global indices of the shown units of each layer 0..L (each ascending)."""
    shown = []
    for l, n in enumerate(layer_dims):
        if l == 0 and (image or n > MAX_UNITS):
            k = min(n, N_SAMPLE_INPUTS)
        else:
            k = n if n <= MAX_UNITS else MAX_SHOWN_WIDE
        prev = previous[l] if previous is not None and len(previous) == len(layer_dims) else None
        if k >= n:
            shown.append(np.arange(n))
        else:
            shown.append(select_units(importance(layer_dims, W, l), k, prev))
    return shown


@dataclass(frozen=True)
class Geometry:
    """Where everything goes, in scene coordinates.

    pos[l]: (k_l, 2) centres of the shown units of layer l; column_x: (L+1,); radius: of every unit;
    more[l]: (x, y) of the "⋮ n more" line or None; image_rect: (x, y, w, h) of the input picture
    or None; size: (width, height) the layout was made for.
    """

    pos: list[np.ndarray]
    column_x: np.ndarray
    radius: float
    more: list[tuple[float, float] | None]
    image_rect: tuple[float, float, float, float] | None
    size: tuple[float, float]
    top: float
    bottom: float


def layout(
    layer_dims: Sequence[int],
    shown: Sequence[np.ndarray],
    width: float,
    height: float,
    image_shape: tuple | None = None,
) -> Geometry:
    """Columns left to right, units centred vertically; an image input gets its picture on the
    left. shown[l]: the shown unit indices of layer l (sets how many slots each column has)."""
    width, height = max(float(width), 240.0), max(float(height), 200.0)
    L = len(layer_dims) - 1
    top, bottom = TOP, height - BOTTOM
    avail = max(bottom - top, 60.0)
    slots = [len(s) + (1 if len(s) < n else 0) for s, n in zip(shown, layer_dims, strict=True)]
    spacing = min(avail / max(slots), MAX_SPACING)
    radius = float(np.clip(spacing * 0.34, MIN_RADIUS, MAX_RADIUS))
    image_rect = None
    x_end = width - SIDE - READOUT_W  # the readout keeps its room right of the output unit
    if image_shape is not None:  # the picture gives way to columns MIN_GAP px apart
        room = x_end - MIN_GAP * L - (SIDE + 44.0 + radius)
        pic = float(max(min(160.0, avail * 0.6, width * 0.16, room), 40.0))
        image_rect = (SIDE, top + (avail - pic) / 2, pic, pic)
        x0 = SIDE + pic + 44.0 + radius
    else:
        x0 = SIDE + 28.0 + radius
    x_end = max(x_end, x0 + 16.0 * L)
    column_x = np.array([x0 + (x_end - x0) * l / L for l in range(L + 1)])
    pos, more = [], []
    for l, s in enumerate(shown):
        k, n_slots = len(s), slots[l]
        step = min(avail / n_slots, spacing * 2.2, MAX_SPACING)
        y0 = top + avail / 2 - step * (n_slots - 1) / 2
        ys = y0 + step * np.arange(k)
        pos.append(np.column_stack([np.full(k, column_x[l]), ys]))
        more.append((float(column_x[l]), float(y0 + step * k)) if n_slots > k else None)
    return Geometry(pos, column_x, radius, more, image_rect, (width, height), top, bottom)


def input_pixel(i: np.ndarray, image_shape: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Course order x = image.reshape(-1) of (H, W, C): input index i -> (row, col, channel)."""
    shape = tuple(image_shape)
    w, c = shape[1], (shape[2] if len(shape) > 2 else 1)
    i = np.asarray(i)
    return i // (w * c), (i // c) % w, i % c


def pixel_centres(i: np.ndarray, image_shape: tuple, rect) -> np.ndarray:
    """Scene centres (k, 2) of the pixels of input indices i on the picture at rect (x, y, w, h)."""
    r, c, _ = input_pixel(i, image_shape)
    h, w = image_shape[0], image_shape[1]
    x, y, rw, rh = rect
    return np.column_stack([x + (c + 0.5) * rw / w, y + (r + 0.5) * rh / h])


_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass
class Scene:
    """Everything the painter and the hit tester need: geometry, shown units, edges per layer pair
    (edges[l] joins layer l-1 to l; edges[0] is None). Kept on the canvas for overlays."""

    layer_dims: tuple[int, ...]
    shown: list[np.ndarray]
    geometry: Geometry
    edges: list[EdgeSet | None] = field(default_factory=list)
    image_shape: tuple | None = None
    input_names: tuple[str, ...] | None = None  # what each input is (x₁, x₁², sin x₁, …)

    def input_name(self, j: int) -> str:
        """Input unit j's name: input_names[j] when given for every input, else x_{j+1}."""
        names = self.input_names
        if names is not None and len(names) == self.layer_dims[0]:
            return names[j]
        return f"x{j + 1}".translate(_SUB)

    @property
    def L(self) -> int:
        return len(self.layer_dims) - 1

    def picture_lines(self) -> np.ndarray:
        """(k, 4) scene segments x0, y0, x1, y1 from each shown input's pixel on the picture to
        its unit (the picture's faint lines; none without a picture)."""
        g = self.geometry
        if g.image_rect is None or self.image_shape is None:
            return np.zeros((0, 4))
        return np.column_stack(
            [pixel_centres(self.shown[0], self.image_shape, g.image_rect), g.pos[0]]
        )

    def unit_positions(self, l: int) -> np.ndarray:
        """(k_l, 2) scene centres of the shown units of layer l."""
        return self.geometry.pos[l]

    def hit_unit(self, p: tuple[float, float], slack: float = 2.0) -> tuple[int, int] | None:
        """(l, j) of the unit whose circle holds scene point p (j global), or None."""
        best, best_d = None, self.geometry.radius + slack
        for l, pos in enumerate(self.geometry.pos):
            if not len(pos):
                continue
            d = np.hypot(pos[:, 0] - p[0], pos[:, 1] - p[1])
            i = int(np.argmin(d))
            if d[i] <= best_d:
                best, best_d = (l, int(self.shown[l][i])), float(d[i])
        return best

    def hit_edge(self, p: tuple[float, float], tol: float) -> tuple[int, int, int] | None:
        """(l, j, k) of the nearest edge within tol of scene point p: W[l][j, k]; or None."""
        best, best_d = None, tol
        for es in self.edges:
            if es is None or not len(es.w):
                continue
            d = segment_distance(es.p0, es.p1, p)
            i = int(np.argmin(d))
            if d[i] <= best_d:
                best, best_d = (es.l, int(es.dst[i]), int(es.src[i])), float(d[i])
        return best


def segment_distance(p0: np.ndarray, p1: np.ndarray, p: tuple[float, float]) -> np.ndarray:
    """Distance from point p to each segment p0[i]-p1[i]; p0, p1: (E, 2) -> (E,)."""
    d = p1 - p0
    q = np.asarray(p, float) - p0
    len2 = np.maximum((d * d).sum(axis=1), 1e-12)
    t = np.clip((q * d).sum(axis=1) / len2, 0.0, 1.0)
    near = p0 + d * t[:, None]
    return np.hypot(near[:, 0] - p[0], near[:, 1] - p[1])


def build_scene(
    layer_dims: Sequence[int],
    W: Sequence[np.ndarray] | None,
    width: float,
    height: float,
    image_shape: tuple | None = None,
    previous: Scene | None = None,
) -> Scene:
    """Selection, layout and edges in one go (W: the snapshot's weights, or None before one).
    With `previous` (the last scene), near-ties keep their selection, and when the selection and
    size are unchanged its Geometry object is reused (so caches keyed on it stay valid)."""
    dims = tuple(int(n) for n in layer_dims)
    same = previous is not None and previous.layer_dims == dims
    shown = choose_shown(
        dims, W, image_shape is not None, previous.shown if same and previous else None
    )
    if (
        same
        and previous is not None
        and previous.geometry.size == (max(float(width), 240.0), max(float(height), 200.0))
        and previous.image_shape == image_shape
        and all(np.array_equal(a, b) for a, b in zip(shown, previous.shown, strict=True))
    ):
        shown, geom = previous.shown, previous.geometry
    else:
        geom = layout(dims, shown, width, height, image_shape)
    scene = Scene(dims, shown, geom, image_shape=image_shape)
    scene.edges = build_edges(W, shown, geom.pos) if W is not None else [None] * len(dims)
    return scene

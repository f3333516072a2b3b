"""What the Landscape tab computes, Qt-free: the directions for a mode, the ranges, the grids.

compute(mode, snap, X, Y, timeline) builds the plane through the shown snapshot's parameters for
one of MODES and evaluates both losses on an n×n grid and along the first direction (see
nnviz.engine.landscape); the path's principal directions read the run's checkpoints through the
timeline (Timeline.checkpoints / state_at, the exact parameters of past iterations).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nnviz.engine.gradcheck_layers import Cancelled
from nnviz.engine.landscape import (
    LOSS_NAMES,
    Params,
    Surface,
    axes_directions,
    gradient_direction,
    path_plane,
    random_direction,
)
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, backward, forward
from nnviz.engine.snapshot import Snapshot

MODES = {
    "gradient": "the gradient (α) and a random direction (β)",
    "random": "two random directions",
    "path": "the first two principal directions of the run's path",
    "exact": "the parameter axes",
}
PATH_POINTS = 30  # checkpoints read for the path at most
MIN_PATH = 3  # iterations before the shown one for the path's plane


@dataclass(frozen=True)
class Landscape:
    """A computed landscape. alphas (n,), betas (n,): the axes' coordinates (offsets from the
    centre, or the parameters' own values for "exact"); grids {loss: (n, n)} rows β; line
    {loss: (k,)} along line_alphas (β at the centre); centre (α, β) of the shown parameters;
    path (p, 2) or None; names of the two axes; explained: the path directions' shares."""

    mode: str
    iteration: int
    alphas: np.ndarray
    betas: np.ndarray
    grids: dict[str, np.ndarray]
    line_alphas: np.ndarray
    line: dict[str, np.ndarray]
    centre: tuple[float, float]
    path: np.ndarray | None
    names: tuple[str, str]
    explained: tuple[float, float] | None
    m: int


def exact_available(snap: Snapshot) -> bool:
    """Logistic regression on 1-D or 2-D data."""
    return len(snap.layer_dims) == 2 and snap.layer_dims[0] in (1, 2)


def path_available(snap: Snapshot, checkpoints: list[int]) -> bool:
    return sum(1 for k in checkpoints if k < snap.iteration) >= MIN_PATH


def _gradient(arch: Architecture, theta: Params, X, Y, loss: str, l2: float) -> Params:
    W, b = list(theta.W), list(theta.b)
    Z, A = forward(arch, W, b, X)
    g = backward(arch, W, Z, A, Y, get_loss(loss), l2)
    return Params.of(g["dW"], g["db"])


def _span(values: np.ndarray, pad: float = 0.25, least: float = 1e-3) -> tuple[float, float]:
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    width = max(hi - lo, least)
    return lo - pad * width, hi + pad * width


SPANS = (1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)  # α ranges tried, widest first


def _gradient_span(surface: Surface, loss: str) -> tuple[float, float]:
    """The α range along the (filter-normalised) gradient: the widest of SPANS where J stays at
    most 3·J0 at ±span and ±span/2, so the valley around ✚ stays in view. Both sides count: one
    step back uphill (α < 0) must not climb far, nor may a step forward downhill (α > 0)
    overshoot the valley onto its far wall (J not finite counts as too high)."""
    bound = 3 * surface.at(0.0, 0.0)[loss]
    r = SPANS[-1]
    for r in SPANS:
        if all(surface.at(a, 0.0)[loss] <= bound for a in (-r, -r / 2, r / 2, r)):
            break
    return -r, r


def compute(
    mode: str,
    snap: Snapshot,
    X: np.ndarray,
    Y: np.ndarray,
    timeline=None,
    n: int = 41,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Landscape:
    """The landscape through snap's parameters for `mode` (a key of MODES); X (n_x, m) float64."""
    arch = Architecture(snap.layer_dims, snap.activation)
    theta = Params.of(snap.W, snap.b)
    m = min(X.shape[1], 2000)
    X, Y = np.asarray(X[:, :m], np.float64), np.asarray(Y[:, :m], np.float64)
    path = explained = None
    centre = (0.0, 0.0)
    names = ("α", "β")
    a_span = b_span = (-1.0, 1.0)
    if mode == "gradient":
        d1 = gradient_direction(theta, _gradient(arch, theta, X, Y, snap.loss, snap.l2))
        d2 = random_direction(theta, 2)
    elif mode == "random":
        d1, d2 = random_direction(theta, 1), random_direction(theta, 2)
    elif mode == "path":
        if timeline is None:
            raise ValueError("the run has no timeline to read its path from")
        ks = [k for k in timeline.checkpoints() if k < snap.iteration]
        if len(ks) < MIN_PATH:
            raise ValueError("the run has no history yet: train a few iterations first")
        pick = sorted({ks[int(i)] for i in np.linspace(0, len(ks) - 1, min(PATH_POINTS, len(ks)))})
        states = []
        for i, k in enumerate(pick):
            if cancelled is not None and cancelled():
                raise Cancelled
            s = timeline.state_at(k)
            states.append(Params.of(s.W, s.b))
            if progress is not None:
                progress(i + 1, len(pick) + n)
        plane = path_plane(theta, [*states, theta])
        d1, d2, explained = plane.d1, plane.d2, plane.explained
        path = plane.coords
        a_span, b_span = _span(path[:, 0]), _span(path[:, 1])
    elif mode == "exact":
        d1, d2, names, centre = axes_directions(theta)
        reach = max(8.0, 1.5 * abs(centre[0]), 1.5 * abs(centre[1]))
        a_span = b_span = (-reach, reach)
    else:
        raise ValueError(f"unknown landscape {mode!r}: choose one of {', '.join(MODES)}")
    surface = Surface(arch, theta, d1, d2, X, Y, snap.l2)
    if mode == "gradient":
        a_span = _gradient_span(surface, snap.loss)
    offset = centre if mode == "exact" else (0.0, 0.0)
    alphas = np.linspace(*a_span, n)
    betas = np.linspace(*b_span, n)
    done0 = 0 if path is None else len(path) - 1
    total = done0 + n

    def tick(done: int, _total: int) -> None:
        if progress is not None:
            progress(done0 + done, total)

    grids = surface.grid(alphas - offset[0], betas - offset[1], tick, cancelled)
    line_alphas = np.linspace(*a_span, 4 * n + 1)
    values = [surface.at(float(a - offset[0]), 0.0) for a in line_alphas]
    line = {k: np.array([v[k] for v in values]) for k in LOSS_NAMES}
    return Landscape(
        mode=mode,
        iteration=snap.iteration,
        alphas=alphas,
        betas=betas,
        grids=grids,
        line_alphas=line_alphas,
        line=line,
        centre=centre,
        path=path,
        names=names,
        explained=explained,
        m=m,
    )

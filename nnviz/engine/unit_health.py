"""Why a network stalls, read from its parameters: dead ReLUs and units that stay identical.

- A ReLU unit is dead when its output is 0 for every training example (Z[l][i, :] <= 0): its
  gradient is 0 there too, so its weights no longer change (typical after a too large α). When a
  whole layer is dead no layer before it gets a gradient: training stalls.
- A layer's units are identical when every row of W[l] and every entry of b[l] are the same: they
  compute the same thing and get the same gradient, so they stay identical (the symmetry the course
  shows with "zeros" initialisation and sigmoid hidden units). With g(0) = 0 (ReLU, tanh) zeros
  give a dead network instead: every hidden activation is 0 and the hidden layers' dW are 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.network import Architecture, forward_layer

ZERO_AT_ZERO = ("relu", "leaky_relu", "tanh", "linear")  # g(0) = 0
REMEDY = "a smaller learning rate α, leaky ReLU or He initialisation"


@dataclass(frozen=True)
class Health:
    """dead[l]: (n_l,) bool, True for a dead ReLU (hidden layers of a ReLU network; empty
    otherwise and for l = 0 and L); identical: the hidden layers (n_l > 1) whose units are all
    the same; all_zero: every hidden weight is 0."""

    iteration: int
    activation: str
    dead: tuple[np.ndarray, ...]
    identical: tuple[int, ...]
    all_zero: bool

    def dead_count(self) -> int:
        return int(sum(int(d.sum()) for d in self.dead))

    def relu_count(self) -> int:
        return int(sum(d.size for d in self.dead))

    def fully_dead(self) -> list[int]:
        """The layers whose every ReLU is dead."""
        return [l for l, d in enumerate(self.dead) if d.size and d.all()]


def dead_units(arch: Architecture, W: Sequence[np.ndarray], b, X: np.ndarray) -> list[np.ndarray]:
    """Per layer (index 0..L), (n_l,) True where the ReLU is 0 for every column of X (n_x, m);
    empty arrays for the input, the output and non-ReLU layers."""
    out = [np.zeros(0, bool)]
    A = X
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged run's huge weights
        for l in range(1, arch.L + 1):
            g = arch.activation(l)
            Z, A = forward_layer(np.asarray(W[l], X.dtype), np.asarray(b[l], X.dtype), A, g)
            hidden_relu = l < arch.L and g.name == "relu"
            out.append(np.all(Z <= 0, axis=1) if hidden_relu else np.zeros(0, bool))
    return out


def identical_layers(W: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> list[int]:
    """The hidden layers l (1..L-1, n_l > 1) whose rows of [W[l] | b[l]] are all equal (to 1e-9
    of the layer's largest weight)."""
    found = []
    for l in range(1, len(W) - 1):
        rows = np.hstack([np.asarray(W[l], np.float64), np.asarray(b[l], np.float64)])
        if rows.shape[0] < 2:
            continue
        scale = float(np.max(np.abs(rows))) if rows.size else 0.0
        if float(np.max(np.ptp(rows, axis=0))) <= 1e-9 * max(scale, 1e-300):
            found.append(l)
    return found


def health(
    arch: Architecture, W, b, X: np.ndarray | None, iteration: int = 0, dead: list | None = None
) -> Health:
    """Dead ReLUs (over the training examples X, or `dead` as dead_units gave it, e.g. combined
    over chunks of the examples) and identical layers of these parameters."""
    all_zero = all(not np.any(W[l]) for l in range(1, arch.L))
    if dead is None:
        none = [np.zeros(0, bool)] * (arch.L + 1)
        dead = dead_units(arch, W, b, X) if X is not None else none
    return Health(
        iteration=iteration,
        activation=arch.hidden,
        dead=tuple(dead),
        identical=tuple(identical_layers(W, b)),
        all_zero=all_zero and arch.L > 1,
    )


def _layers(ls: Sequence[int]) -> str:
    words = [str(l) for l in ls]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def messages(h: Health) -> list[str]:
    """What to tell the learner (empty when nothing is wrong), remedy included."""
    out = []
    if h.all_zero and h.activation in ZERO_AT_ZERO:
        out.append(
            f"Dead network: every hidden weight is 0 and {h.activation}(0) = 0, so every hidden "
            "activation is 0 and the hidden layers' dW are 0; only the output bias learns. "
            "The course's symmetry demonstration needs sigmoid hidden units (σ(0) = 0.5); "
            "use a random initialisation to train."
        )
    elif h.identical:
        s = "s" if len(h.identical) > 1 else ""
        out.append(
            f"Units identical in layer{s} {_layers(h.identical)}: all units of a layer have the "
            "same weights, so they get the same gradient and stay the same (symmetry is never "
            "broken, as with zeros initialisation). Use a random initialisation."
        )
    n_dead, n = h.dead_count(), h.relu_count()
    if n_dead and not h.all_zero:
        per = ", ".join(
            f"layer {l}: {int(d.sum())}/{d.size}" for l, d in enumerate(h.dead) if d.sum()
        )
        full = h.fully_dead()
        head = "Every ReLU is dead" if n_dead == n else f"Dead ReLUs: {n_dead} of {n}"
        text = f"{head} ({per}) output 0 for every training example and no longer learn (✕)."
        if full:
            text += (
                f" Layer {full[-1]} is wholly dead: no gradient reaches the layers before it, "
                "training has stalled."
            )
        if serious(h):
            text += f" Remedy: {REMEDY}."
        out.append(text)
    return out


def serious(h: Health) -> bool:
    """True when training is stuck: a dead or symmetric network, a wholly dead layer, or at
    least half of the ReLUs dead (a few dead units are common and harmless)."""
    n_dead, n = h.dead_count(), h.relu_count()
    return bool(h.all_zero or h.identical or h.fully_dead() or (n and 2 * n_dead >= n))

"""Why the cost blew up: the learning rate, or L2 regularisation, as the numbers say.

With L2 (λ > 0) every update of W[l] is W := W − α (dW_data + (λ/m) W) = (1 − α λ/m) W − α dW_data,
where m is the number of examples the update averages over (the training set, or the mini-batch):
the L2 term alone scales W by 1 − α λ/m each step. When α λ/m > 2 that factor is below −1, so
|W| grows by |1 − α λ/m| every update whatever the data, until the cost overflows: the cause is L2,
and λ < 2m/α (or a smaller α) cures it. Otherwise the step along the data's gradient is too long:
the learning rate is the cause.
"""

from __future__ import annotations

from dataclasses import dataclass

L2_LIMIT = 2.0  # α λ/m above this makes L2's factor 1 − α λ/m less than −1: W grows every step


@dataclass(frozen=True)
class Cause:
    """kind: "l2" or "learning_rate"; text: what to tell the learner (no iteration, no remedy
    beyond the cause's own); ratio: α λ/m."""

    kind: str
    text: str
    ratio: float


def l2_ratio(lr: float, l2: float, m: int) -> float:
    """α λ/m: how much of W the L2 term takes away each update (m > 0 examples an update)."""
    return float(lr) * float(l2) / max(int(m), 1)


def divergence_cause(lr: float, l2: float, m: int, mini_batch: bool = False) -> Cause:
    """The cause of a blown-up cost for learning rate lr, L2 strength l2 and m examples an
    update (the mini-batch's size when mini_batch, then written b)."""
    ratio = l2_ratio(lr, l2, m)
    if l2 > 0 and ratio > L2_LIMIT:
        n = "b" if mini_batch else "m"
        limit = L2_LIMIT * m / lr
        figure = f"{limit:,.0f}" if limit >= 100 else f"{limit:.3g}"
        text = (
            f"L2 is too strong for this learning rate (α·λ/{n} = {ratio:.3g} > 2 makes every "
            f"update grow W; use λ < 2{n}/α = {figure} or a smaller α)"
        )
        return Cause("l2", text, ratio)
    return Cause("learning_rate", f"the learning rate {lr:g} is too large", ratio)


def divergence_message(
    what: str, iteration: int, lr: float, l2: float, m: int, mini_batch: bool = False
) -> str:
    """The whole message: `what` ("inf" or "NaN") became the cost at `iteration`; the
    parameters of iteration − 1 were kept."""
    cause = divergence_cause(lr, l2, m, mini_batch)
    kept = f"kept the parameters of iteration {iteration - 1}"
    if cause.kind == "l2":
        return f"cost became {what} at iteration {iteration}: {cause.text} ({kept})"
    return f"cost became {what} at iteration {iteration}: {cause.text} ({kept}; try a smaller rate)"

"""How nnviz words a prediction, everywhere (window and CLI): ŷ = P(y = 1), named by its class.

The course's output unit gives ŷ = σ(z[L]) = P(y = 1 | x), the probability of the positive class
(class_names[1]); the predicted class is class_names[1] when ŷ > 0.5. nnviz always shows ŷ
itself, never 1 − ŷ, so one picture under one model reads the same in every view.
"""

from __future__ import annotations

import math


def predicted(p: float, class_names: tuple[str, str]) -> str:
    """The class the network predicts for ŷ = p (ŷ > 0.5: class_names[1])."""
    return class_names[1] if p > 0.5 else class_names[0]


def verdict(p: float, class_names: tuple[str, str], digits: int = 2) -> str:
    """ "P(cat) = 0.42 → non-cat": ŷ = P(y = 1) with its class name, then the prediction;
    "–" when p is not a finite number."""
    if p is None or not math.isfinite(p):
        return "–"
    return f"P({class_names[1]}) = {p:.{digits}f} → {predicted(p, class_names)}"

"""The cost plot's hover readout as text (numpy only): the nearest iteration's cost and the
evaluation in force there."""

from __future__ import annotations

import math

import numpy as np


def _pct(a: float) -> str:
    return "–" if math.isnan(a) else f"{100 * a:.0f} %"


def readout_at(
    x: float,
    its: np.ndarray,
    costs: np.ndarray,
    e_its: np.ndarray,
    test_cost: np.ndarray,
    train_acc: np.ndarray,
    test_acc: np.ndarray,
) -> tuple[int, str] | None:
    """(the train iteration nearest x, its text) or None without data. its, costs: (n,) the
    train costs; e_its, test_cost, train_acc, test_acc: (e,) the evaluations (NaN: not measured),
    the one at or before the iteration is shown, e.g.
    "iteration 812 · cost 0.0012 (test 0.52) · acc 91 % / 88 %"."""
    n = len(its)
    if n == 0:
        return None
    i = int(np.searchsorted(its, x))
    if i >= n or (i > 0 and x - its[i - 1] <= its[i] - x):
        i = max(i - 1, 0)
    it = int(its[i])
    text = f"iteration {it} · cost {costs[i]:.4f}"
    j = int(np.searchsorted(e_its, it, side="right")) - 1 if len(e_its) else -1
    if j >= 0:
        tc, tr, te = float(test_cost[j]), float(train_acc[j]), float(test_acc[j])
        if not math.isnan(tc):
            text += f" (test {tc:.2f})"
        if not (math.isnan(tr) and math.isnan(te)):
            text += f" · acc {_pct(tr)} / {_pct(te)}"
    return it, text

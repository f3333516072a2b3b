"""`--dump-state`: what every view shows, as JSON, beside a screenshot.

Each view registers a function with the window's places (Places.add_state); the dump calls them
all. Entries hold at least "iteration" (int or null) and "J" (float or null) as the view shows
them (parsed from its visible text where it has one, so a test compares the screen, not the
record), "shown" (the view is visible: a tab not selected or a hidden bar is not) and
"fully_visible" (shown and not cut off by the window's edges).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

_ITERATION = re.compile(r"iteration\s*(?:<b>)?\s*([\d,]+)")
_J = re.compile(r"J\s*=\s*(?:<b>)?\s*(–|-?[\d.]+(?:e-?\d+)?)")


def parse_text(text: str) -> dict:
    """{"iteration": int | None, "J": float | None} read from a view's text."""
    it = _ITERATION.search(text)
    j = _J.search(text)
    J = None if j is None or j.group(1) == "–" else float(j.group(1))
    return {"iteration": int(it.group(1).replace(",", "")) if it else None, "J": J}


def visibility(widget: QWidget | None, window: QWidget) -> dict:
    """{"shown", "fully_visible"} of `widget` within `window`."""
    if widget is None or not widget.isVisibleTo(window) or not window.isVisible():
        return {"shown": False, "fully_visible": False}
    top_left = widget.mapTo(window, widget.rect().topLeft())
    rect = QRect(top_left, widget.size())
    return {"shown": True, "fully_visible": window.rect().contains(rect)}


def entry(widget: QWidget | None, window: QWidget, **values) -> dict:
    """One view's entry: its visibility and `values` (iteration, J, …)."""
    return {**visibility(widget, window), **values}


def _clean(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_clean(x) for x in v]
    return v


def dump_state(states: dict[str, Callable[[], dict]], path: str | os.PathLike) -> dict:
    """Call every registered state function and write the JSON object to `path`."""
    out = {name: _clean(fn()) for name, fn in states.items()}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
    return out

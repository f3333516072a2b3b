"""What to tell the user about a loaded dataset: the files skipped and why, and a single class.

Qt-free texts for the CLI (stderr, --report) and the window's banner. The texts hold file names
as written (plain text): a caller that shows them as rich text escapes them (nnviz.data.text).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

Skipped = Sequence[tuple[str, str]]  # (path, reason), as Dataset.skipped


def skipped_lines(skipped: Skipped) -> list[str]:
    """One "skipped PATH: REASON" line per file, for stderr or a log."""
    return [f"skipped {path}: {reason}" for path, reason in skipped]


def skipped_summary(skipped: Skipped, shown: int = 3) -> str | None:
    """One sentence for a banner: how many files were skipped, the first `shown` by name with
    their reasons ("2 files were skipped: IMG_1.jpg (reason), readme.txt (reason)."), or None."""
    if not skipped:
        return None
    n = len(skipped)
    parts = [f"{os.path.basename(p) or p} ({r})" for p, r in skipped[:shown]]
    more = f", and {n - shown} more" if n > shown else ""
    noun = "1 file was" if n == 1 else f"{n} files were"
    return f"{noun} skipped: {', '.join(parts)}{more}."


def skipped_report(skipped: Skipped) -> list[dict[str, str]]:
    """[{"path": ..., "reason": ...}, ...] for a JSON report."""
    return [{"path": str(p), "reason": str(r)} for p, r in skipped]


def one_class_warning(Y: np.ndarray, class_names: Sequence[str]) -> str | None:
    """A warning when every training label is the same, else None.

    Y: (1, m) or (m,) labels of 0/1; class_names: (negative, positive)."""
    y = np.asarray(Y).reshape(-1)
    if y.size == 0:
        return None
    first = int(y[0] > 0.5)
    if np.any((y > 0.5) != bool(first)):
        return None
    name = class_names[first]
    return (
        f"every training label is {first} ({name}): the network can only learn to answer "
        f"{name}, so its accuracy says nothing; add examples of "
        f"{class_names[1 - first]}"
    )


def dataset_warning(dataset) -> str | None:
    """one_class_warning for a nnviz.data.Dataset (its training labels)."""
    return one_class_warning(dataset.Y, dataset.class_names)

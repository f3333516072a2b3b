"""The history of predicted images and their probabilities under the newest parameters (no Qt).

Each Entry keeps what the window shows (thumbnail, the network's input) and the input column.
History.predict(snapshot) runs one forward pass over all columns stacked: X (n_x, k) -> z, p (k,).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.data.images import column_to_image
from nnviz.engine.network import Architecture, forward
from nnviz.engine.snapshot import Snapshot

LIMIT = 200  # the oldest entries go beyond this (each holds ~150 kB: thumbnail, input, column)


@dataclass(frozen=True)
class Entry:
    """One predicted picture. thumb: uint8 (h, w, 3) for display; column: float32 (n_x,), the
    network's input in course order; shape: (H, W, 3) of that input; key: its file path, or a
    unique label for pasted data (a second drop of the same file replaces the first)."""

    name: str
    key: str
    thumb: np.ndarray
    column: np.ndarray
    shape: tuple[int, int, int]

    def input_image(self) -> np.ndarray:
        """The network's input as uint8 (H, W, 3), i.e. what the network really sees."""
        return column_to_image(self.column, self.shape)


class History:
    """Entries in the order they came; z and p hold the last prediction (NaN before one)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = int(limit)
        self.entries: list[Entry] = []
        self.z = np.zeros(0)
        self.p = np.zeros(0)
        self.iteration: int | None = None  # the snapshot's iteration behind p
        self._X: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry) -> tuple[int, int]:
        """Add (or replace the entry with the same key). Returns (index, removed from the front)."""
        for i, e in enumerate(self.entries):
            if e.key == entry.key:
                self.entries[i] = entry
                self.z[i] = self.p[i] = np.nan
                self._X = None
                return i, 0
        self.entries.append(entry)
        self.z = np.append(self.z, np.nan)
        self.p = np.append(self.p, np.nan)
        removed = max(0, len(self.entries) - self.limit)
        if removed:
            del self.entries[:removed]
            self.z, self.p = self.z[removed:], self.p[removed:]
        self._X = None
        return len(self.entries) - 1, removed

    def clear(self) -> None:
        self.entries.clear()
        self.z, self.p, self._X = np.zeros(0), np.zeros(0), None

    def X(self) -> np.ndarray:
        """All input columns stacked: (n_x, k) float32 (cached until the entries change)."""
        if self._X is None:
            cols = [e.column for e in self.entries]
            self._X = np.stack(cols, axis=1) if cols else np.zeros((0, 0), np.float32)
        return self._X

    def predict(self, snap: Snapshot | None) -> bool:
        """z, p of every entry under `snap`'s W, b; False (and NaN) when it cannot apply."""
        ok = snap is not None and bool(self.entries)
        if snap is not None and any(e.column.size != snap.layer_dims[0] for e in self.entries):
            ok = False
        if not ok or snap is None:
            self.z = np.full(len(self.entries), np.nan)
            self.p = self.z.copy()
            self.iteration = None
            return False
        z, p = predict_columns(snap, self.X())
        self.z, self.p, self.iteration = z, p, snap.iteration
        return True


def predict_columns(snap: Snapshot, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(z, p), each (k,) float64, of the output unit for X (n_x, k) under the snapshot's W, b."""
    arch = Architecture(snap.layer_dims, snap.activation)
    Z, A = forward(arch, snap.W, snap.b, X.astype(snap.W[1].dtype, copy=False))
    return Z[-1][0].astype(np.float64), A[-1][0].astype(np.float64)

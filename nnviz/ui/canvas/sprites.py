"""SpriteCache: small antialiased pictures (units, rings) drawn once and blitted many times.

Kept for one size at a time (a unit radius and device pixel ratio: changing the zoom empties it)
and within a memory budget (past it the cache starts over), so zooming in on a long run never
piles up pixmaps. GUI thread only, like every QPixmap.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPixmap

BUDGET_BYTES = 24 * 2**20


class SpriteCache:
    """get(size, key) -> make(*key, *size): a (pixmap, half its width in px) pair, cached."""

    def __init__(self, make: Callable[..., tuple[QPixmap, float]], budget: int = BUDGET_BYTES):
        self._make = make
        self._budget = budget
        self._size: tuple = ()
        self._items: dict[tuple, tuple[QPixmap, float]] = {}
        self._bytes = 0

    def get(self, size: tuple, key: tuple) -> tuple[QPixmap, float]:
        if size != self._size:
            self.clear()
            self._size = size
        hit = self._items.get(key)
        if hit is None:
            hit = self._make(*key, *size)
            nbytes = hit[0].width() * hit[0].height() * 4
            if self._bytes + nbytes > self._budget:
                self.clear()
            self._items[key] = hit
            self._bytes += nbytes
        return hit

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def nbytes(self) -> int:
        return self._bytes

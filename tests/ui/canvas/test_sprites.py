"""Unit and ring sprites are cached for one zoom at a time and within a memory budget."""

from PySide6.QtGui import QPixmap

from nnviz.ui.app import make_app
from nnviz.ui.canvas.sprites import SpriteCache


def test_sprite_cache_keeps_one_size_within_its_budget():
    make_app()
    made = []

    def make(colour, r, dpr):
        made.append((colour, r))
        side = int(2 * r * dpr)
        return QPixmap(side, side), r

    cache = SpriteCache(make, budget=40 * 40 * 4 * 3)  # three 40 x 40 sprites
    a = cache.get((20, 1.0), ("red",))
    assert cache.get((20, 1.0), ("red",)) is a and len(made) == 1  # reused
    for c in ("green", "blue"):
        cache.get((20, 1.0), (c,))
    assert len(cache) == 3 and cache.nbytes <= 40 * 40 * 4 * 3
    cache.get((20, 1.0), ("white",))  # past the budget: starts over
    assert len(cache) == 1
    cache.get((80, 1.0), ("red",))  # another zoom: the old size's sprites go
    assert len(cache) == 1 and made[-1] == ("red", 80)

"""The built-in pictures' disk cache: same pictures as drawing them, and never a failure."""

from __future__ import annotations

import numpy as np

from nnviz.data import builtin
from nnviz.data.cache import cache_dir, cached_arrays


def test_cached_pictures_equal_freshly_drawn_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(tmp_path))
    first = builtin._stored_pictures(1, 12)  # draws and stores
    assert list(cache_dir().glob("cats-1-*.npz"))
    again = builtin._stored_pictures(1, 12)  # reads the file
    drawn = builtin._cat_pictures(1, 12)
    for a, b, c in zip(first, again, drawn, strict=True):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, c)


def test_a_damaged_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"x": np.arange(5)}

    cached_arrays("t", "k", build)
    (cache_dir() / "t-k.npz").write_bytes(b"PK\x03\x04 truncated")
    out = cached_arrays("t", "k", build)
    np.testing.assert_array_equal(out["x"], np.arange(5))
    assert len(calls) == 2


def test_an_unwritable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NNVIZ_DATA_DIR", str(blocker))
    out = cached_arrays("t", "k", lambda: {"x": np.ones(3)})
    np.testing.assert_array_equal(out["x"], np.ones(3))

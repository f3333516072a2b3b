"""A small disk cache for generated arrays (the built-in pictures): start-up need not redraw them.

The key covers the generator's own source files and the numpy and Pillow versions, so any change
to how pictures are made makes a new entry. Anything wrong with an entry (missing, truncated,
unreadable, a read-only disk) falls back to generating: the cache only makes start-up faster.
Location: $NNVIZ_DATA_DIR/cache, else $XDG_CACHE_HOME/nnviz, else ~/.cache/nnviz.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np


def cache_dir() -> Path:
    if os.environ.get("NNVIZ_DATA_DIR"):
        return Path(os.environ["NNVIZ_DATA_DIR"]) / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nnviz"


def source_key(*files: str | os.PathLike, extra: str = "") -> str:
    """A short hash of the given source files' bytes, numpy's and Pillow's versions, and `extra`."""
    import PIL

    h = hashlib.sha256(f"{np.__version__}|{PIL.__version__}|{extra}".encode())
    for f in files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:16]


def cached_arrays(
    name: str, key: str, build: Callable[[], dict[str, np.ndarray]]
) -> dict[str, np.ndarray]:
    """build()'s arrays, from the cache file `name-key.npz` when it is there and readable."""
    path = cache_dir() / f"{name}-{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except Exception:
        pass
    arrays = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, **arrays)  # type: ignore[arg-type]  # numpy's stub: one kwarg
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only or full disk: fine, we just generate next time too
    return arrays

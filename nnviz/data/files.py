"""Which files to predict: expand paths (files and folders) into image files, with a reason for
each path that yields none. Shared by `nnviz predict` and the window's drag and drop.

A file given directly is always tried (the image pipeline says why it is unusable); inside a folder,
only files with an image suffix are taken, recursively, in sorted order, skipping hidden ones.
"""

from __future__ import annotations

import os
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")


def _hidden(name: str) -> bool:
    return name.startswith(".")


def images_in_folder(folder: str | os.PathLike) -> list[str]:
    """Image files (by suffix) under `folder`, recursively, sorted; hidden ones skipped."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(os.fspath(folder)):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        found += [
            os.path.join(dirpath, f)
            for f in filenames
            if not _hidden(f) and os.path.splitext(f)[1].lower() in IMAGE_SUFFIXES
        ]
    return sorted(found)


def expand_image_paths(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, None) for each image to predict, (path, reason) for paths that give none."""
    out: list[tuple[str, str | None]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += [(f, None) for f in images_in_folder(p)] or [
                (str(raw), "no image files in this folder")
            ]
        elif p.exists():
            out.append((str(raw), None))
        else:
            out.append((str(raw), "no such file or folder"))
    return out

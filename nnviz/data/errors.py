"""The one error type every data loader raises for bad input: it names the file and the reason."""

from __future__ import annotations

import os


class DataError(Exception):
    """Bad input data. str(e) is "<path>: <reason>", or just the reason when there is no path."""

    def __init__(self, path: str | os.PathLike | None, reason: str) -> None:
        self.path: str | None = None if path is None else os.fspath(path)
        self.reason: str = reason
        super().__init__(self.path, reason)

    def __str__(self) -> str:
        return self.reason if self.path is None else f"{self.path}: {self.reason}"


class ImageError(DataError):
    """A file that is not a usable image (unreadable, not an image, truncated, too large ...)."""


class LoadCancelled(DataError):
    """The user cancelled a folder load (should_cancel() returned True)."""

"""Files nnviz writes get the user's usual mode (0666 minus the umask), as other apps' files do.

tempfile.mkstemp creates files readable by their owner only (0600); an atomic save renames such a
file into place, so without chmod_default() every saved model and session would be private.
"""

from __future__ import annotations

import os


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore at once (not thread-safe, but brief)
    os.umask(mask)
    return mask


def default_mode() -> int:
    """0666 & ~umask: the mode a plain open(path, "w") would give a new file."""
    return 0o666 & ~current_umask()


def chmod_default(fd: int) -> None:
    """Give the open file `fd` the default mode; a no-op where fchmod does not exist (Windows)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, default_mode())

"""The course's cat photos (train_catvnoncat.h5, test_catvnoncat.h5) fetched once and cached.

fetch_course() downloads each file with pooch from the first mirror in MIRRORS that answers,
checks its SHA-256, and keeps it in course_folder() (nnviz.data.paths: $NNVIZ_DATA_DIR/datasets/
catvnoncat in tests). A file already there with the right hash is not fetched again. pooch writes
into a temporary file beside the target and renames it only after the hash matched, so a failed,
wrong or cancelled download leaves nothing half-written. No Qt here: the window calls
fetch_course() from a worker thread with its own progress and should_cancel callables.

Errors: DataError naming the mirror (its URL) and the reason for each mirror tried;
DownloadCancelled (a LoadCancelled, so a DataError) when should_cancel() returned True.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from nnviz.data.errors import DataError, LoadCancelled
from nnviz.data.paths import downloads_dir

# name -> (SHA-256, size in bytes) of the course's files (Deep Learning Specialization, course 1).
COURSE_FILES: dict[str, tuple[str, int]] = {
    "train_catvnoncat.h5": (
        "fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
        2572022,
    ),
    "test_catvnoncat.h5": (
        "6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951",
        616958,
    ),
}
# Public GitHub repositories holding both files under datasets/, pinned to a commit so the bytes
# cannot change under us (the hash is checked anyway). Tried in order; the first that answers wins.
_RAW = "https://raw.githubusercontent.com"
MIRRORS: tuple[str, ...] = (
    f"{_RAW}/ramakris/coursera-deeplearning/b1c8f954b5711f918c75f764138837bbe1b3f7fc/datasets/",
    f"{_RAW}/Youngyi/DeepLearning/dff21304241c5e651d4a6680cba6e23c3990e915/datasets/",
    f"{_RAW}/giuseppefutia/word2vec/d11195fa8f20367a8ec767c603450592d6f53f20/datasets/",
    f"{_RAW}/FechetahMakhlouf/cat_detector/dd45e2093be22db4021cf45f428d0bafb52eb42c/datasets/",
    f"{_RAW}/aromito7/HUPS/2f73a5aeca472f0d85ce6edaf840d876da60c60f/datasets/",
    f"{_RAW}/balakrish181/ambu-1/1818663188cf5864cc13de8687393b6571977dbf/datasets/",
)
TIMEOUT_S = 30.0

Progress = Callable[[int, int], None]  # (bytes done, bytes in all) over both files
ShouldCancel = Callable[[], bool]


class DownloadCancelled(LoadCancelled):
    """The user cancelled the download; nothing was left half-written."""


def course_folder() -> Path:
    """Where the course's files are cached: downloads_dir()/catvnoncat."""
    return downloads_dir() / "catvnoncat"


def cached_course() -> Path | None:
    """The cached train file when both files are there with the right SHA-256, else None."""
    import pooch

    folder = course_folder()
    for name, (sha, _size) in COURSE_FILES.items():
        f = folder / name
        if not f.is_file() or pooch.file_hash(str(f)) != sha:
            return None
    return folder / "train_catvnoncat.h5"


class _Bar:
    """pooch's progress-bar protocol (total, update, reset, close) -> progress(done, all)."""

    def __init__(self, offset: int, size: int, grand: int, progress, cancel) -> None:
        self.total, self.offset, self.size, self.grand = 0, offset, size, grand
        self.done, self.progress, self.cancel = 0, progress, cancel

    def update(self, n: int) -> None:
        if self.cancel is not None and self.cancel():
            raise DownloadCancelled(None, "the download was cancelled")
        self.done = min(self.done + n, self.size)
        if self.progress is not None:
            self.progress(self.offset + self.done, self.grand)

    def reset(self) -> None:
        self.done = 0

    def close(self) -> None:
        pass


def _reason(e: Exception) -> str:
    """One short phrase for a failed download."""
    import requests

    if isinstance(e, requests.HTTPError) and e.response is not None:
        return f"HTTP {e.response.status_code} {e.response.reason or ''}".strip()
    if isinstance(e, requests.Timeout):
        return "no answer in time"
    if isinstance(e, requests.exceptions.ChunkedEncodingError):
        return f"the connection broke off mid-file ({e})"
    if isinstance(e, requests.ConnectionError):
        return f"cannot connect ({e})"
    if isinstance(e, ValueError) and "hash" in str(e).lower():
        return "the file's SHA-256 is not the expected one (damaged or a different file)"
    return f"{type(e).__name__}: {e}"


def _fetch_one(name: str, mirrors: Sequence[str], bar: _Bar, timeout: float) -> Path:
    import pooch
    import requests

    sha, _size = COURSE_FILES[name]
    failures: list[str] = []
    for base in mirrors:
        if bar.cancel is not None and bar.cancel():
            raise DownloadCancelled(None, "the download was cancelled")
        url = base.rstrip("/") + "/" + name
        bar.reset()
        downloader = pooch.HTTPDownloader(progressbar=bar, timeout=timeout)
        try:
            got = pooch.retrieve(
                url,
                known_hash=f"sha256:{sha}",
                fname=name,
                path=course_folder(),
                downloader=downloader,
            )
            return Path(got)
        except DownloadCancelled:
            raise
        except (requests.RequestException, ValueError, OSError) as e:
            failures.append(f"{url}: {_reason(e)}")
    if len(failures) == 1:
        url, why = failures[0].split(": ", 1)
        raise DataError(url, f"cannot download {name}: {why}")
    raise DataError(None, f"cannot download {name} from any mirror: " + "; ".join(failures))


def fetch_course(
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    mirrors: Sequence[str] | None = None,
    timeout: float = TIMEOUT_S,
) -> Path:
    """Both course files in course_folder(), downloaded if needed; returns the train file's path.

    mirrors: base URLs to try in order (default MIRRORS).
    progress(done, total): bytes over both files (total is their known size), called per chunk
    from the calling thread. should_cancel(): polled per chunk; True raises DownloadCancelled.
    Raises DataError naming each mirror tried and why it failed.
    """
    import pooch

    pooch.get_logger().setLevel(logging.WARNING)
    mirrors = MIRRORS if mirrors is None else mirrors
    if not mirrors:
        raise DataError(None, "no mirrors to download the course's files from")
    grand = sum(size for _sha, size in COURSE_FILES.values())
    offset = 0
    for name, (_sha, size) in COURSE_FILES.items():
        bar = _Bar(offset, size, grand, progress, should_cancel)
        _fetch_one(name, mirrors, bar, timeout)
        offset += size
        if progress is not None:
            progress(offset, grand)
    return course_folder() / "train_catvnoncat.h5"

"""Downloading the course's files: a local HTTP server (a thread) stands in for the mirrors."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from nnviz.data import download
from nnviz.data.download import DownloadCancelled, cached_course, course_folder, fetch_course
from nnviz.data.errors import DataError


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _HalfWay(_Quiet):
    """Promises the whole file (Content-Length) and closes the connection after half of it."""

    def do_GET(self) -> None:
        data = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture
def serve():
    """serve(folder, handler) -> base URL of a server on 127.0.0.1 in a thread."""
    servers = []

    def start(folder: Path, handler=_Quiet) -> str:
        h = functools.partial(handler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), h)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture
def corrupted(catvnoncat, tmp_path) -> Path:
    """A copy of the course's files with one byte changed in each."""
    folder = tmp_path / "corrupted"
    folder.mkdir()
    for name in download.COURSE_FILES:
        data = bytearray((catvnoncat / name).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (folder / name).write_bytes(bytes(data))
    return folder


def _leftovers() -> list[str]:
    folder = course_folder()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_downloads_verifies_caches_and_reports_progress(serve, catvnoncat, nnviz_data_dir):
    url = serve(catvnoncat)
    seen: list[tuple[int, int]] = []
    train = fetch_course(progress=lambda d, t: seen.append((d, t)), mirrors=[url])
    assert train == nnviz_data_dir / "datasets" / "catvnoncat" / "train_catvnoncat.h5"
    assert _leftovers() == ["test_catvnoncat.h5", "train_catvnoncat.h5"]
    for name in download.COURSE_FILES:
        assert (course_folder() / name).read_bytes() == (catvnoncat / name).read_bytes()
    total = 2572022 + 616958
    assert seen[-1] == (total, total) and all(t == total for _d, t in seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert cached_course() == train
    # cached: a dead mirror does not matter any more
    assert fetch_course(mirrors=["http://127.0.0.1:9/"]) == train


def test_first_mirror_that_answers_wins(serve, catvnoncat, corrupted):
    dead, bad, good = "http://127.0.0.1:9/", serve(corrupted), serve(catvnoncat)
    fetch_course(mirrors=[dead, bad, good])
    assert cached_course() is not None


def test_a_corrupted_copy_is_refused_and_nothing_is_left(serve, corrupted):
    url = serve(corrupted)
    with pytest.raises(DataError) as e:
        fetch_course(mirrors=[url])
    assert url in str(e.value) and "SHA-256" in str(e.value)
    assert _leftovers() == []
    assert cached_course() is None


def test_a_server_that_stops_halfway(serve, catvnoncat):
    url = serve(catvnoncat, _HalfWay)
    with pytest.raises(DataError) as e:
        fetch_course(mirrors=[url])
    assert url in str(e.value) and "train_catvnoncat.h5" in str(e.value)
    assert _leftovers() == []


def test_every_mirror_is_named_when_all_fail(serve, corrupted):
    bad = serve(corrupted)
    with pytest.raises(DataError) as e:
        fetch_course(mirrors=["http://127.0.0.1:9/", bad])
    text = str(e.value)
    assert "any mirror" in text and "127.0.0.1:9/" in text and bad in text
    assert "cannot connect" in text and "SHA-256" in text


def test_missing_file_names_the_http_status(serve, tmp_path):
    url = serve(tmp_path)
    with pytest.raises(DataError, match="HTTP 404"):
        fetch_course(mirrors=[url])


def test_cancel_leaves_nothing(serve, catvnoncat):
    url = serve(catvnoncat)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3  # after a few chunks

    with pytest.raises(DownloadCancelled):
        fetch_course(should_cancel=cancel, mirrors=[url])
    assert _leftovers() == []


def test_a_cached_file_with_the_wrong_hash_is_fetched_again(serve, catvnoncat):
    course_folder().mkdir(parents=True)
    shutil.copy(catvnoncat / "test_catvnoncat.h5", course_folder() / "train_catvnoncat.h5")
    assert cached_course() is None
    fetch_course(mirrors=[serve(catvnoncat)])
    assert cached_course() is not None


def test_mirrors_are_pinned_public_urls():
    assert len(download.MIRRORS) >= 3
    assert all(m.startswith("https://raw.githubusercontent.com/") for m in download.MIRRORS)


def test_load_dataset_course_uses_the_cache_or_says_how_to_get_it(serve, catvnoncat):
    from nnviz.data import load_dataset

    with pytest.raises(DataError, match="not downloaded yet: run `nnviz train --dataset course`"):
        load_dataset("course")
    fetch_course(mirrors=[serve(catvnoncat)])
    ds = load_dataset("course")
    assert (ds.m, ds.m_test, ds.image_shape) == (209, 50, (64, 64, 3))

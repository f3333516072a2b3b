"""File ▸ Get the course's cat photos…: downloaded from a mirror (a local server here), checked,
cached and opened; a corrupted mirror gives one message and keeps the current dataset."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from nnviz.data import download


@pytest.fixture
def mirror(catvnoncat):
    """A server on 127.0.0.1 serving the course's files (catvnoncat/datasets/... is not needed:
    the mirror's base URL points at the folder that holds them)."""
    handler = functools.partial(_Quiet, directory=str(catvnoncat))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_get_the_course_photos_downloads_and_opens_them(qtbot, make_window, mirror, monkeypatch):
    monkeypatch.setattr(download, "MIRRORS", (mirror,))
    w, c = make_window()
    c.confirm_reset = lambda question: True
    with qtbot.waitSignal(c.datasetChanged, timeout=60_000):
        w.course.action.trigger()
    assert c.dataset.m == 209 and c.dataset.m_test == 50
    assert download.cached_course() is not None
    monkeypatch.setattr(download, "MIRRORS", ())  # the second time: from the cache, no network
    w.open_dataset("cats")
    with qtbot.waitSignal(c.datasetChanged, timeout=10_000):
        w.course.action.trigger()
    assert c.dataset.m == 209


def test_a_bad_mirror_says_why_and_keeps_the_dataset(qtbot, make_window, tmp_path, monkeypatch):
    (tmp_path / "train_catvnoncat.h5").write_bytes(b"not the course's file")
    (tmp_path / "test_catvnoncat.h5").write_bytes(b"nor this")
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        monkeypatch.setattr(download, "MIRRORS", (f"http://127.0.0.1:{server.server_address[1]}/",))
        w, c = make_window()
        with qtbot.waitSignal(c.problem, timeout=60_000) as said:
            w.course.action.trigger()
        assert "Could not get the course's photos" in said.args[0]
        assert c.dataset.name == "cats" and download.cached_course() is None
        assert not any(download.course_folder().glob("*.h5"))  # nothing half-written
    finally:
        server.shutdown()
        server.server_close()

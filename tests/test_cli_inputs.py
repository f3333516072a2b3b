"""The command line on the issue's inputs: the course's photos and models, ONNX out, skipped files,
text labels, one class, a closed pipe, help texts."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

from nnviz.cli import main
from nnviz.data import download

ROOT = Path(__file__).resolve().parent.parent
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mirror(catvnoncat, monkeypatch):
    """The course's files served on 127.0.0.1 (a thread) as the only mirror."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    h = functools.partial(Quiet, directory=str(catvnoncat))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), h)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    monkeypatch.setattr(download, "MIRRORS", (url,))
    yield url
    server.shutdown()
    server.server_close()


def test_train_on_the_course_photos_downloads_once(capsys, mirror, monkeypatch, nnviz_data_dir):
    argv = ("train", "--dataset", "course", "--iterations", "3", "--print-every", "1")
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "downloading the course's cat photos" in err
    assert "Cost after iteration 0: " in out and "Test accuracy: " in out
    assert (nnviz_data_dir / "datasets" / "catvnoncat" / "test_catvnoncat.h5").is_file()
    monkeypatch.setattr(download, "MIRRORS", ("http://127.0.0.1:9/",))  # no mirror any more
    code, out2, err = run(capsys, *argv)
    assert code == 0 and "downloading" not in err and out2 == out


def test_a_failed_download_is_one_line(capsys, monkeypatch):
    monkeypatch.setattr(download, "MIRRORS", ("http://127.0.0.1:9/",))
    code, _out, err = run(capsys, "train", "--dataset", "course", "--iterations", "1")
    lines = err.strip().splitlines()
    assert code == 2 and lines[-1].startswith("nnviz: error: http://127.0.0.1:9/")
    assert "cannot connect" in lines[-1]


def _pictures(root: Path) -> Path:
    rng = np.random.default_rng(0)
    for cls, level in (("cat", 200), ("non-cat", 50)):
        (root / cls).mkdir(parents=True)
        for i in range(4):
            a = np.clip(level + rng.integers(-20, 20, (64, 64, 3)), 0, 255).astype(np.uint8)
            Image.fromarray(a).save(root / cls / f"{i}.png")
    return root


def test_skipped_files_are_named_with_reasons(capsys, tmp_path):
    root = _pictures(tmp_path / "pets")
    (root / "cat" / "IMG_0001.jpg").write_bytes(HEIC)
    (root / "non-cat" / "readme.txt").write_text("my photos")
    report = tmp_path / "r.json"
    code, _out, err = run(capsys, "train", "--dataset", str(root), "--iterations", "2",
                         "--report", str(report))  # fmt: skip
    assert code == 0, err
    assert f"nnviz: skipped {root / 'cat' / 'IMG_0001.jpg'}: not an image Pillow can read" in err
    assert "HEIC photo" in err and "readme.txt: not an image" in err
    skipped = json.loads(report.read_text())["skipped"]
    assert sorted(Path(s["path"]).name for s in skipped) == ["IMG_0001.jpg", "readme.txt"]
    assert all(s["reason"] for s in skipped)


def _h5(path: Path, prefix: str, y: np.ndarray) -> Path:
    x = np.random.default_rng(1).integers(0, 256, (len(y), 4, 4, 3), dtype=np.uint8)
    with h5py.File(path, "w") as f:
        f[f"{prefix}_set_x"], f[f"{prefix}_set_y"] = x, y
    return path


def test_text_labels_train(capsys, tmp_path):
    train = _h5(tmp_path / "train_t.h5", "train", np.array([b"0", b"1", b"1", b"0"], dtype="S1"))
    _h5(tmp_path / "test_t.h5", "test", np.array([b"1", b"0"], dtype="S1"))
    code, out, err = run(capsys, "train", "--dataset", str(train), "--iterations", "2")
    assert code == 0, err
    assert "Test accuracy: " in out and "n/a" not in out


def test_one_class_warns(capsys, tmp_path):
    train = _h5(tmp_path / "train_one.h5", "train", np.ones(5, np.uint8))
    report = tmp_path / "r.json"
    code, out, err = run(capsys, "train", "--dataset", str(train), "--iterations", "5",
                         "--report", str(report))  # fmt: skip
    assert code == 0
    assert "nnviz: warning: every training label is 1 (cat)" in err
    assert "Train accuracy: 1.0000" in out
    assert json.loads(report.read_text())["warnings"][0].startswith("every training label is 1")


def test_a_closed_pipe_ends_quietly():
    p = subprocess.Popen(
        [sys.executable, "-m", "nnviz", "train", "--dataset", "flower", "--iterations", "100000",
         "--print-every", "1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    p.stdout.readline()  # like `head -1`: read a line, then go away
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 141
    assert err == "", err


def test_help_shows_defaults_and_every_bench():
    def helptext(*argv: str) -> str:
        r = subprocess.run([sys.executable, "-m", "nnviz", *argv, "--help"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
        assert r.returncode == 0
        return " ".join(r.stdout.split())

    t = helptext("train")
    for default in ("(default: cats)", "(default: 0.0075)", "(default: 2500)", "(default: 1)",
                    "(default: 20,7,5)", "(default: 0.0)", "(default: 100)"):  # fmt: skip
        assert default in t, default
    assert "(default: None)" not in t
    top = helptext()
    assert "bench gui" in top and "bench soak" in top

"""Drag and drop, paste and the history of predicted pictures (pytest-qt, offscreen)."""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from nnviz.data import DataError
from nnviz.ui.predict.history import predict_columns
from nnviz.ui.predict.jobs import Job, summary
from nnviz.ui.predict.loader import Source, decode


def mime_of(*items: str) -> QMimeData:
    """File paths become local file URLs; strings with "://" stay URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl(s) if "://" in s else QUrl.fromLocalFile(str(s)) for s in items])
    return mime


def drag(target, mime: QMimeData, drop: bool = True) -> tuple[bool, bool]:
    """Send DragEnter (and Drop) to `target`; returns whether each was accepted."""
    pos = QPointF(5, 5)
    enter = QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target, enter)
    if not drop:
        return enter.isAccepted(), False
    ev = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target, ev)
    return enter.isAccepted(), ev.isAccepted() and ev.dropAction() == Qt.CopyAction


def dataset_pngs(ds, folder, idx) -> list[str]:
    paths = []
    for i in idx:
        p = folder / f"train-{i}.png"
        Image.fromarray(ds.image(i)).save(p)
        paths.append(str(p))
    return paths


def png_bomb(path) -> None:
    """A tiny PNG whose header claims 30000 x 30000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))


def wait_done(qtbot, window, n: int) -> None:
    f = window.predictions
    qtbot.waitUntil(lambda: len(f.history) >= n and not f._jobs and not f._pending, timeout=10_000)


def test_dropped_dataset_pictures_predict_exactly_like_the_dataset_columns(
    qtbot, make_window, tmp_path
):
    window, c = make_window()
    c.step()
    qtbot.waitUntil(lambda: c.snapshot is not None and c.snapshot.iteration == 1)
    idx = [0, 5, 7]
    paths = dataset_pngs(c.dataset, tmp_path, idx)
    with qtbot.waitSignal(window.predictions.predicted, timeout=10_000):
        assert drag(window.canvas, mime_of(*paths)) == (True, True)
    wait_done(qtbot, window, 3)
    f = window.predictions
    X = c.dataset.as_dtype("float32")[0]
    z, p = predict_columns(c.snapshot, X[:, idx])
    np.testing.assert_allclose(f.history.p, p, atol=1e-6)
    # the first picture of the drop is the network's example, its z on the sigmoid plot
    assert c.example == ("custom", 0)
    np.testing.assert_array_equal(c.example_data()[0], X[:, idx[0]])
    assert "train-0.png" in c.example_caption()
    qtbot.waitUntil(  # the sigmoid plot is redrawn at most 12 times a second
        lambda: window.sigmoid_plot._z_example == pytest.approx(z[0], abs=1e-5)
    )
    assert f.panel.shown_text() == f.panel.list.item(0).text().split("\n")[1]
    assert f.panel.shown_text().split()[-1] in c.dataset.class_names  # P(cat) = 0.42 → non-cat
    assert not window.banner.isVisible()


def test_a_mixed_drop_predicts_the_good_files_and_reports_the_bad_ones_once(
    qtbot, make_window, tmp_path
):
    window, c = make_window()
    good = dataset_pngs(c.dataset, tmp_path, [1, 2])
    (tmp_path / "notes.txt").write_text("not a picture")
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "page.jpg").write_text("<!doctype html><html><body>hi</body></html>")
    raw = (tmp_path / "train-1.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(raw[: len(raw) // 2])
    (tmp_path / "drawing.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    png_bomb(tmp_path / "bomb.png")
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "readme.md").write_text("no images here")
    bad = [tmp_path / n for n in ("notes.txt", "empty.png", "page.jpg", "cut.png")]
    bad += [tmp_path / "drawing.svg", tmp_path / "bomb.png", tmp_path / "nothing"]
    problems = []
    c.problem.connect(problems.append)
    mime = mime_of(good[0], *map(str, bad), "https://example.com/cat.jpg", good[1])
    assert drag(window.controls, mime) == (True, True)
    wait_done(qtbot, window, 2)
    qtbot.waitUntil(lambda: len(problems) == 1)
    assert [e.name for e in window.predictions.history.entries] == ["train-1.png", "train-2.png"]
    msg = problems[0]
    assert msg.startswith("8 of 10 files could not be used: ")
    assert "notes.txt (not an image Pillow can read)" in msg
    assert "empty.png (the file is empty)" in msg
    assert "and 3 more" in msg
    assert window.banner.isVisible() and window.banner.text.text() == msg
    # every reason, one by one
    reasons = {}
    for path in bad:
        try:
            decode(Source(path.name, path=str(path)), (64, 64, 3))
        except DataError as e:
            reasons[path.name] = e.reason
    assert reasons["cut.png"] == "the image is truncated"
    assert reasons["page.jpg"] == "not an image Pillow can read"
    assert "SVG" in reasons["drawing.svg"]
    assert "decompression bomb" in reasons["bomb.png"]
    assert "folder" in reasons["nothing"]


def test_summary_wording():
    assert summary(Job(total=2, used=2)) is None
    one = summary(Job(total=1, used=0, errors=[("/x/a.txt", "not an image Pillow can read")]))
    assert one == "Could not predict a.txt (not an image Pillow can read)."
    errs = [(f"f{i}.txt", "bad") for i in range(7)]
    assert summary(Job(total=7, errors=errs)).startswith("None of the 7 files could be used")


def test_the_window_takes_only_local_files_and_image_data(qtbot, make_window, tmp_path):
    window, c = make_window()
    text = QMimeData()
    text.setText("just words")
    assert drag(window.canvas, text, drop=False) == (False, False)
    problems = []
    c.problem.connect(problems.append)
    assert drag(window.canvas, mime_of("http://example.com/cat.jpg")) == (False, False)
    assert len(problems) == 1 and "http://example.com/cat.jpg" in problems[0]
    assert "not a local file" in problems[0]
    assert len(window.predictions.history) == 0
    # a file dropped onto a text field is ours; the field is left alone
    edit = window.findChildren(QLineEdit)[0]
    before = edit.text()
    (path,) = dataset_pngs(c.dataset, tmp_path, [3])
    assert drag(edit, mime_of(path)) == (True, True)
    wait_done(qtbot, window, 1)
    assert edit.text() == before


def test_paste_of_an_image_and_of_copied_files(qtbot, make_window, tmp_path):
    window, c = make_window()
    f = window.predictions
    image = QImage(c.dataset.image(4).copy().data, 64, 64, 192, QImage.Format_RGB888).copy()
    QApplication.clipboard().setImage(image)
    f.paste_action.trigger()
    wait_done(qtbot, window, 1)
    assert f.history.entries[0].name == "pasted image 1"
    np.testing.assert_array_equal(f.history.entries[0].input_image(), c.dataset.image(4))
    (path,) = dataset_pngs(c.dataset, tmp_path, [6])
    QApplication.clipboard().setMimeData(mime_of(path))
    f.paste_action.trigger()
    wait_done(qtbot, window, 2)
    assert f.history.entries[1].name == "train-6.png"
    # The clipboard owns the QMimeData made here; Qt would destroy it after Python has shut
    # down (a crash at exit), so hand it back now.
    QApplication.clipboard().clear()


def test_history_click_shows_a_picture_again_and_many_files_show_progress(
    qtbot, make_window, tmp_path
):
    window, c = make_window()
    f = window.predictions
    for i in range(12):
        Image.fromarray(c.dataset.image(i)).save(tmp_path / f"{i:02d}.png")
    seen = []
    f.loader.progress.connect(lambda job, done, total: seen.append((done, total)))
    assert drag(window.canvas, mime_of(str(tmp_path))) == (True, True)
    wait_done(qtbot, window, 12)
    assert seen[0] == (0, 12) and seen[-1] == (12, 12)
    assert c.example_caption() == "dropped: 00.png"
    item = f.panel.list.item(7)
    f.panel.list.itemClicked.emit(item)
    assert c.example_caption() == "dropped: 07.png"
    np.testing.assert_array_equal(f.panel.input.pixmap().isNull(), False)
    assert "Untrained" in f.panel.status.text()  # nothing trained yet: it says so


def test_probabilities_follow_training_without_pausing_it(qtbot, make_window, tmp_path):
    window, c = make_window()
    f = window.predictions
    (path,) = dataset_pngs(c.dataset, tmp_path, [0])
    drag(window.canvas, mime_of(path))
    wait_done(qtbot, window, 1)
    p0 = f.history.p[0]
    c.play()
    qtbot.waitUntil(lambda: (f.history.iteration or 0) >= 2, timeout=30_000)
    assert c.is_playing
    assert f.history.p[0] != p0
    c.pause()
    qtbot.waitUntil(lambda: not c.is_playing)
    qtbot.waitUntil(lambda: f.history.iteration == c.snapshot.iteration)
    X = c.dataset.as_dtype("float32")[0]
    np.testing.assert_allclose(f.history.p, predict_columns(c.snapshot, X[:, :1])[1], atol=1e-6)


def test_a_dataset_of_numbers_cannot_take_pictures(qtbot, make_window, tmp_path):
    window, c = make_window("flower")
    path = tmp_path / "a.png"
    Image.new("RGB", (8, 8)).save(path)
    with qtbot.waitSignal(c.problem) as got:
        drag(window.canvas, mime_of(str(path)))
    assert "not images" in got.args[0]
    assert len(window.predictions.history) == 0

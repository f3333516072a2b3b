"""Inputs said plainly: text labels, skipped files, one class, HEIC photos, names as text."""

from __future__ import annotations

import h5py
import numpy as np
import pytest
from PIL import Image

from nnviz.data import DataError, load_folder
from nnviz.data.h5 import load_h5
from nnviz.data.images import load_image
from nnviz.data.notices import dataset_warning, one_class_warning, skipped_summary
from nnviz.data.text import plain, plain_lines

HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)
MARKUP_PICTURE = "<h1>BIG<h1><font color=red size=7>cat.png"
MARKUP_BAD = "<b>bad<b><br><br><br><br><br>notes.png"


def _h5(path, y) -> str:
    x = np.random.default_rng(0).integers(0, 256, (len(y), 4, 4, 3), dtype=np.uint8)
    with h5py.File(path, "w") as f:
        f["train_set_x"], f["train_set_y"] = x, y
    return str(path)


def test_labels_stored_as_text_are_numbers(tmp_path):
    d = load_h5(_h5(tmp_path / "t.h5", np.array([b"0", b"1", b"1"], dtype="S1")))
    assert d.Y.tolist() == [[0, 1, 1]]
    d = load_h5(_h5(tmp_path / "u.h5", np.array([["1"], ["0"]], dtype=h5py.string_dtype())))
    assert d.Y.tolist() == [[1, 0]]


@pytest.mark.parametrize(
    ("y", "words"),
    [
        (np.array([b"n", b"c"], dtype="S1"), "holds text (|S1) that is not 0 and 1: b'c', b'n'"),
        (np.array([0, 2]), "got dtype int64 with 0, 2"),
        (np.array([0.5, 1.0]), "got dtype float64 with 0.5, 1.0"),
    ],
)
def test_other_labels_name_the_dtype(tmp_path, y, words):
    with pytest.raises(DataError) as e:
        load_h5(_h5(tmp_path / "bad.h5", y))
    assert words in e.value.reason


def test_a_heic_photo_named_jpg_says_so(tmp_path):
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(HEIC)
    with pytest.raises(DataError) as e:
        load_image(path)
    assert e.value.reason.startswith("not an image Pillow can read (a HEIC photo")


def test_skipped_files_in_one_sentence(tmp_path):
    for cls in ("cat", "non-cat"):
        (tmp_path / cls).mkdir()
        for i in range(2):
            Image.new("RGB", (8, 8), (i * 90, 0, 0)).save(tmp_path / cls / f"{i}.png")
    (tmp_path / "cat" / "IMG_0001.jpg").write_bytes(HEIC)
    (tmp_path / "non-cat" / "readme.txt").write_text("notes")
    ds = load_folder(tmp_path)
    text = skipped_summary(ds.skipped)
    assert text.startswith("2 files were skipped: ")
    assert "IMG_0001.jpg (not an image Pillow can read (a HEIC photo" in text
    assert "readme.txt (not an image Pillow can read)" in text
    many = [(f"/x/{i}.txt", "why") for i in range(5)]
    assert skipped_summary(many) == "5 files were skipped: 0.txt (why), 1.txt (why), 2.txt (why)"\
        ", and 2 more."  # fmt: skip
    assert skipped_summary([("/x/a.txt", "why")]) == "1 file was skipped: a.txt (why)."
    assert skipped_summary(()) is None and dataset_warning(ds) is None


def test_one_class():
    assert one_class_warning(np.zeros((1, 4)), ("dog", "cat")).startswith(
        "every training label is 0 (dog): the network can only learn to answer dog"
    )
    assert "add examples of dog" in one_class_warning(np.ones(3), ("dog", "cat"))
    assert one_class_warning(np.array([[0, 1]]), ("dog", "cat")) is None
    assert one_class_warning(np.zeros((1, 0)), ("dog", "cat")) is None


def test_names_from_files_are_text_not_markup():
    assert plain(MARKUP_PICTURE) == "&lt;h1&gt;BIG&lt;h1&gt;&lt;font color=red size=7&gt;cat.png"
    assert "<" not in plain(MARKUP_BAD) and ">" not in plain(MARKUP_BAD)
    assert plain("a \"b\" & 'c'") == "a &quot;b&quot; &amp; &#x27;c&#x27;"
    assert plain_lines([MARKUP_BAD, "x"]).count("<br>") == 1

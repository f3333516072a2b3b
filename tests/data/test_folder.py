"""Image folders: class choice, skipped files, the hold-out, progress, cancel, train/test layout."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PIL import Image

from nnviz.data import DataError, LoadCancelled, list_classes, load_dataset, load_folder


def _pictures(folder, n: int, seed: int, ext: str = "png") -> list[np.ndarray]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        a = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
        Image.fromarray(a).save(folder / f"img{i:02d}.{ext}")
        out.append(a)
    return out


@pytest.fixture
def pets(tmp_path):
    root = tmp_path / "pets"
    cats = _pictures(root / "cat", 6, 1)
    dogs = _pictures(root / "dogs", 4, 2)
    (root / "cat" / "notes.txt").write_text("not a picture")
    (root / "dogs" / "empty.jpg").write_bytes(b"")
    (root / "cat" / ".DS_Store").write_bytes(b"\0\1")
    _pictures(root / "cat" / ".hidden", 1, 3)
    (root / ".git").mkdir()
    return root, cats, dogs


def test_good_bad_and_hidden_files(pets):
    root, cats, dogs = pets
    assert list_classes(root) == ["cat", "dogs"]
    d = load_folder(root)
    assert d.class_names == ("dogs", "cat") and d.image_shape == (64, 64, 3)
    assert (d.m, d.m_test) == (8, 2)  # round(0.2 * 6) = 1 cat and round(0.2 * 4) = 1 dog held out
    assert d.Y.sum() + d.Y_test.sum() == 6 and d.Y_test.sum() == 1
    assert sorted(r for _, r in d.skipped) == ["not an image Pillow can read", "the file is empty"]
    assert {p.split("/")[-1] for p, _ in d.skipped} == {"notes.txt", "empty.jpg"}
    assert d.source == str(root) and d.name == "pets"
    pictures = {a.tobytes(): k for k, group in enumerate((dogs, cats)) for a in group}
    for i in range(d.m):  # every example is one of the files, exactly, with its label
        assert pictures[d.image(i).tobytes()] == d.Y[0, i]
        assert np.array_equal(d.X[:, i], d.image(i).reshape(-1) / np.float32(255))
    for i in range(d.m_test):
        assert pictures[d.image(i, test=True).tobytes()] == d.Y_test[0, i]
    again = load_dataset(str(root))
    assert np.array_equal(again.X, d.X) and np.array_equal(again.Y_test, d.Y_test)


def test_positive_choice(pets, tmp_path):
    root = pets[0]
    assert load_folder(root, positive="dogs").class_names == ("cat", "dogs")
    assert load_folder(root, positive="DOGS").class_names == ("cat", "dogs")
    with pytest.raises(DataError, match="no class folder 'cow'"):
        load_folder(root, positive="cow")
    other = tmp_path / "fruit"
    _pictures(other / "apple", 2, 4)
    _pictures(other / "pear", 2, 5)
    assert load_folder(other, test_fraction=0).class_names == ("apple", "pear")


def test_progress_and_cancel(tmp_path):
    root = tmp_path / "many"
    for name, seed in (("no", 1), ("yes", 2)):
        (root / name).mkdir(parents=True)
        img = Image.fromarray(np.full((8, 8, 3), seed * 40, np.uint8))
        for i in range(130):
            img.save(root / name / f"{i:03d}.png")
    calls = []
    d = load_folder(root, progress=lambda done, total: calls.append((done, total)))
    assert d.class_names == ("no", "yes") and d.m + d.m_test == 260
    assert calls[-1] == (260, 260) and len(calls) <= 101
    assert all(a[0] < b[0] for a, b in itertools.pairwise(calls))
    seen = []

    def cancel() -> bool:
        seen.append(1)
        return len(seen) > 5

    with pytest.raises(LoadCancelled):
        load_folder(root, should_cancel=cancel)
    assert len(seen) == 6


def test_train_test_subfolders_and_test_path(tmp_path):
    root = tmp_path / "split"
    for part, n in (("train", 3), ("test", 2)):
        _pictures(root / part / "cats", n, 1)
        _pictures(root / part / "other", n, 2)
    assert list_classes(root) == ["cats", "other"]
    d = load_folder(root)
    assert (d.m, d.m_test) == (6, 4) and d.class_names == ("other", "cats")
    d2 = load_dataset(str(root / "train"), test=str(root / "test"))
    assert (d2.m, d2.m_test) == (6, 4)


@pytest.mark.parametrize("classes", [[], ["a"], ["a", "b", "c"]])
def test_needs_exactly_two_classes(tmp_path, classes):
    for c in classes:
        _pictures(tmp_path / c, 1, 0)
    with pytest.raises(DataError, match="expected exactly two class subfolders") as info:
        load_folder(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_empty_and_unusable(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(DataError, match="no files"):
        load_folder(tmp_path)
    _pictures(tmp_path / "a", 2, 0)
    (tmp_path / "b" / "x.png").write_text("nope")
    with pytest.raises(DataError, match="no usable images"):
        load_folder(tmp_path)
    with pytest.raises(DataError, match="no such folder"):
        load_folder(tmp_path / "missing")

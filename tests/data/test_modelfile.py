"""The model file: exact round trips, atomic saves, and one clear error for every bad file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnviz.data.errors import DataError
from nnviz.data.modelfile import (
    ModelFileError,
    ModelMeta,
    load_model,
    load_model_extra,
    save_model,
)
from nnviz.engine.init import initialize

DIMS = (12, 4, 3, 1)


def make(dtype: str = "float32", dims=DIMS):
    W, b = initialize(dims, "course", seed=3, dtype=np.dtype(dtype))
    b = [v + np.arange(v.size, dtype=v.dtype).reshape(v.shape) / 7 for v in b]
    meta = ModelMeta(
        layer_dims=dims,
        activation="tanh",
        image_shape=(2, 2, 3),
        class_names=("dog", "cat"),
        input_scaling="x / 255",
        iterations=42,
        dtype=dtype,
    )
    return meta, W, b


def write_npz(path: Path, **arrays) -> Path:
    np.savez(path, **arrays)
    return path


def good_arrays(dtype: str = "float32") -> dict[str, np.ndarray]:
    meta, W, b = make(dtype)
    arrays = {"meta": np.array(meta.to_json())}
    for l in range(1, len(DIMS)):
        arrays[f"W{l}"], arrays[f"b{l}"] = W[l], b[l]
    return arrays


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_round_trip_is_exact(tmp_path, dtype):
    meta, W, b = make(dtype)
    path = tmp_path / "m.npz"
    save_model(path, W, b, meta)
    meta2, W2, b2 = load_model(path)
    assert meta2 == meta and meta2.format == 1
    assert W2[0].shape == (0, 0) and b2[0].shape == (0, 0)
    for l in range(1, len(DIMS)):
        assert W2[l].dtype == np.dtype(dtype) and W2[l].shape == (DIMS[l], DIMS[l - 1])
        assert np.array_equal(W2[l], W[l]) and np.array_equal(b2[l], b[l])
    with zipfile.ZipFile(path) as z:  # plain arrays only: meta is text, not a pickle
        assert sorted(z.namelist()) == sorted(f"{k}.npy" for k in good_arrays())
    with np.load(path, allow_pickle=False) as z:
        assert z["meta"].shape == () and z["meta"].dtype.kind == "U"
        assert json.loads(str(z["meta"]))["layer_dims"] == list(DIMS)


def test_meta_json_round_trip_and_checks():
    meta = make()[0]
    assert ModelMeta.from_json(meta.to_json()) == meta
    logistic = ModelMeta(layer_dims=[5, 1], activation="leaky-relu")
    assert logistic.layer_dims == (5, 1) and logistic.activation == "leaky_relu"
    assert logistic.image_shape is None
    for bad, word in (
        ({"layer_dims": (5, 0, 1)}, "layer_dims"),
        ({"layer_dims": (5, 2)}, "layer_dims"),
        ({"layer_dims": (5, 1), "activation": "swish"}, "swish"),
        ({"layer_dims": (5, 1), "loss": "hinge"}, "hinge"),
        ({"layer_dims": (5, 1), "image_shape": (2, 2, 3)}, "image_shape"),
        ({"layer_dims": (5, 1), "class_names": ("one",)}, "class_names"),
        ({"layer_dims": (5, 1), "dtype": "float16"}, "float16"),
        ({"layer_dims": (5, 1), "iterations": -1}, "iterations"),
        ({"layer_dims": (5, 1), "format": 2}, "format"),
    ):
        with pytest.raises(ValueError, match=word):
            ModelMeta(**bad)


def test_extra_arrays(tmp_path):
    meta, W, b = make()
    path = tmp_path / "m.npz"
    extra = {"z_history": np.arange(6.0).reshape(2, 3), "names": np.array(["a", "bc"])}
    save_model(path, W, b, meta, extra=extra)
    got = load_model_extra(path)
    assert set(got) == set(extra)
    assert np.array_equal(got["z_history"], extra["z_history"])
    assert list(got["names"]) == ["a", "bc"]
    assert load_model(path)[0] == meta
    for clash in ("meta", "W1", "b2", "W9"):
        with pytest.raises(ValueError, match="reserved"):
            save_model(path, W, b, meta, extra={clash: np.zeros(2)})
    with pytest.raises(ValueError, match="objects"):
        save_model(path, W, b, meta, extra={"o": np.array([1, "x"], dtype=object)})
    save_model(tmp_path / "plain.npz", W, b, meta)
    assert load_model_extra(tmp_path / "plain.npz") == {}


def test_save_checks_shapes_and_values(tmp_path):
    meta, W, b = make()
    bad = [w.copy() for w in W]
    bad[2] = bad[2].T
    with pytest.raises(ValueError, match="W2 has shape"):
        save_model(tmp_path / "m.npz", bad, b, meta)
    bad = [w.copy() for w in W]
    bad[1][0, 0] = np.nan
    with pytest.raises(ValueError, match="W1 contains NaN"):
        save_model(tmp_path / "m.npz", bad, b, meta)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_save_keeps_the_old_file(tmp_path, monkeypatch):
    meta, W, b = make()
    path = tmp_path / "m.npz"
    save_model(path, W, b, meta)
    before = path.read_bytes()
    import numpy.lib.format as npformat

    real_write = npformat.write_array
    calls = []

    def dies_midway(fp, array, *args, **kwargs):
        calls.append(array.shape)
        if len(calls) == 3:  # two arrays are already in the temporary file
            raise OSError("disk full")
        return real_write(fp, array, *args, **kwargs)

    monkeypatch.setattr(npformat, "write_array", dies_midway)
    new_meta = ModelMeta(**{**json.loads(meta.to_json()), "iterations": 99})
    with pytest.raises(OSError, match="disk full"):
        save_model(path, W, b, new_meta)
    assert len(calls) == 3
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    monkeypatch.undo()
    save_model(path, W, b, new_meta)
    assert load_model(path)[0].iterations == 99
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_keyboard_interrupt_during_save_leaves_no_temp_file(tmp_path, monkeypatch):
    import nnviz.data.modelfile as mf

    meta, W, b = make()

    def interrupted(f, arrays):
        f.write(b"PK\x03\x04 partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(mf, "_write_arrays", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_model(tmp_path / "m.npz", W, b, meta)
    assert list(tmp_path.iterdir()) == []


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a fragment of the reason)."""
    good = good_arrays()
    cases: dict[str, tuple[Path, str]] = {}

    def npz(name: str, reason: str, **arrays) -> None:
        cases[name] = (write_npz(tmp_path / f"{name}.npz", **arrays), reason)

    cases["missing"] = (tmp_path / "nothing-here.npz", "no such file")
    (tmp_path / "folder.npz").mkdir()
    cases["folder"] = (tmp_path / "folder.npz", "is a folder")
    (tmp_path / "empty.npz").write_bytes(b"")
    cases["empty"] = (tmp_path / "empty.npz", "empty")
    (tmp_path / "text.npz").write_text("W1 = [[1, 2]]\n")
    cases["text"] = (tmp_path / "text.npz", "not an .npz")
    np.save(tmp_path / "single.npy", np.zeros(3))
    cases["npy"] = (tmp_path / "single.npy", "single .npy")
    whole = write_npz(tmp_path / "whole.npz", **good).read_bytes()
    (tmp_path / "truncated.npz").write_bytes(whole[: len(whole) // 2])
    cases["truncated"] = (tmp_path / "truncated.npz", "truncated")
    np.savez(tmp_path / "objects.npz", **{**good, "W1": np.array([None, 1], dtype=object)})
    cases["objects"] = (tmp_path / "objects.npz", "object arrays")
    npz("no_w2", "missing W2", **{k: v for k, v in good.items() if k != "W2"})
    npz("no_meta", "no meta entry and no W1", x=np.zeros(3))
    npz("meta_not_json", "not valid JSON", **{**good, "meta": np.array("{layer_dims: [")})
    npz("meta_number", "not a text entry", **{**good, "meta": np.array(3.0)})
    meta = json.loads(str(good["meta"]))
    del meta["dtype"], meta["loss"]
    npz("meta_fields", "lacks loss, dtype", **{**good, "meta": np.array(json.dumps(meta))})
    npz("shape", "W2 has shape", **{**good, "W2": good["W2"].T.copy()})
    npz("b_shape", "b1 has shape", **{**good, "b1": good["b1"].ravel()})
    inf = good["W3"].copy()
    inf[0, 0] = np.inf
    npz("nonfinite", "W3 contains NaN or infinite", **{**good, "W3": inf})
    npz("ints", "not floating", **{**good, "W1": good["W1"].astype(np.int64)})
    act = {**json.loads(str(good["meta"])), "activation": "swish"}
    npz("activation", "unknown activation 'swish'", **{**good, "meta": np.array(json.dumps(act))})
    npz("stray", "W4 beyond layer_dims", **{**good, "W4": np.zeros((1, 1), np.float32)})
    newer = {**json.loads(str(good["meta"])), "format": 2}
    npz("newer", "format version 2", **{**good, "meta": np.array(json.dumps(newer))})
    return cases


def test_every_bad_file_gets_one_clear_error(tmp_path):
    cases = _bad_files(tmp_path)
    for name, (path, reason) in cases.items():
        with pytest.raises(ModelFileError) as info:
            load_model(path)
        e = info.value
        assert isinstance(e, DataError), name
        assert e.path == str(path), name
        assert str(e).startswith(f"{path}: "), name
        assert reason in e.reason, (name, e.reason)


def test_bad_files_for_extra(tmp_path):
    cases = _bad_files(tmp_path)
    for name in ("missing", "text", "objects", "truncated"):
        path, reason = cases[name]
        with pytest.raises(ModelFileError, match=reason):
            load_model_extra(path)

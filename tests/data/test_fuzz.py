"""Fuzz the loaders with hypothesis: random and mutated bytes into the image pipeline, the HDF5
loader and the model/session loaders. Only DataError (and its subclasses) may come out."""

from __future__ import annotations

import contextlib
import io
import json
import os

import h5py
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from nnviz.data import DataError, load_h5
from nnviz.data.images import image_from_bytes, load_image
from nnviz.data.modelfile import ModelMeta, load_model, save_model
from nnviz.data.session import Session, load_session, save_session
from nnviz.engine.trainer import TrainConfig

FUZZ = settings(
    max_examples=int(os.environ.get("NNVIZ_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


def _png() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.arange(16 * 16 * 3, dtype=np.uint8).reshape(16, 16, 3)).save(buf, "PNG")
    return buf.getvalue()


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.arange(16 * 16 * 3, dtype=np.uint8).reshape(16, 16, 3)).save(buf, "JPEG")
    return buf.getvalue()


def _h5(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("seed") / "train_x.h5"
    with h5py.File(path, "w") as f:
        f["train_set_x"] = np.zeros((2, 4, 4, 3), np.uint8)
        f["train_set_y"] = np.array([0, 1])
        f["list_classes"] = np.array([b"non-cat", b"cat"])
    return path.read_bytes()


def _session() -> Session:
    cfg = TrainConfig(hidden_layers=(2,))
    W = [np.zeros((0, 0), np.float32), np.ones((2, 3), np.float32), np.ones((1, 2), np.float32)]
    b = [np.zeros((0, 0), np.float32), np.zeros((2, 1), np.float32), np.zeros((1, 1), np.float32)]
    s = Session("cats", "cat", ("non-cat", "cat"), None, cfg, 3, np.ones(3), np.zeros((4, 1)), W, b)
    return s


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    save_session(folder / "s.npz", _session())
    s = _session()
    save_model(folder / "m.npz", s.W, s.b, ModelMeta(layer_dims=(3, 2, 1)))
    return {
        "png": _png(),
        "jpeg": _jpeg(),
        "h5": _h5(tmp_path_factory),
        "session": (folder / "s.npz").read_bytes(),
        "model": (folder / "m.npz").read_bytes(),
    }


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """`seed` with a few bytes flipped, a slice cut out or repeated, or truncated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "dup", "truncate", "insert"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[i] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[i : i + draw(st.integers(1, 64))]
        elif kind == "dup":
            data[i:i] = data[i : i + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[i:]
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


def check(load, path, data: bytes) -> None:
    path.write_bytes(data)
    with contextlib.suppress(DataError):  # the one clear error type; anything else fails
        load(path)


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_image_bytes(seeds, kind):
    @FUZZ
    @given(data=st.one_of(st.binary(max_size=512), mutated(seeds[kind])))
    def run(data: bytes) -> None:
        with contextlib.suppress(DataError):
            image_from_bytes(data, "dropped.img")

    run()


def test_image_files(seeds, tmp_path):
    @FUZZ
    @given(data=st.one_of(st.binary(max_size=256), mutated(seeds["png"]), mutated(seeds["jpeg"])))
    def run(data: bytes) -> None:
        check(load_image, tmp_path / "x.png", data)

    run()


def test_h5_files(seeds, tmp_path):
    @FUZZ
    @given(data=st.one_of(st.binary(max_size=256), mutated(seeds["h5"])))
    def run(data: bytes) -> None:
        check(load_h5, tmp_path / "train_x.h5", data)

    run()


@pytest.mark.parametrize("loader", [load_model, load_session], ids=["model", "session"])
@pytest.mark.parametrize("seed", ["model", "session"])
def test_model_and_session_files(seeds, tmp_path, loader, seed):
    @FUZZ
    @given(data=st.one_of(st.binary(max_size=256), mutated(seeds[seed])))
    def run(data: bytes) -> None:
        check(loader, tmp_path / "m.npz", data)

    run()


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def test_session_json_entries(seeds, tmp_path):
    """Valid zip and arrays, hostile JSON in the meta and session entries."""
    with np.load(io.BytesIO(seeds["session"]), allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    good = {
        "meta": json.loads(str(arrays["meta"][()])),
        "session": json.loads(str(arrays["session"][()])),
    }

    @FUZZ
    @given(
        which=st.sampled_from(["meta", "session"]),
        key=st.sampled_from(
            ["format", "config", "iteration", "layer_dims", "dtype", "class_names", "saved_at", "x"]
        ),
        value=JSONISH,
    )
    def run(which: str, key: str, value) -> None:
        d = dict(good[which])
        d[key] = value
        entries = dict(arrays)
        entries[which] = np.array(json.dumps(d))
        path = tmp_path / "s.npz"
        np.savez(path, **entries)
        with contextlib.suppress(DataError):
            load_session(path)

    run()


def test_regression_a_zip_entry_marked_encrypted(seeds, tmp_path):
    """Found by the fuzzer: zipfile raised RuntimeError ("password required") through load_model."""
    data = bytearray(seeds["model"])
    at = data.find(b"PK\x01\x02")  # the first central directory entry; its flags are at +8
    data[at + 8] |= 1
    path = tmp_path / "m.npz"
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="damaged"):
        load_model(path)

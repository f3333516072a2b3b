"""The bomb guard: model and session files are refused on their headers, before any data is read."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from nnviz.data.errors import DataError
from nnviz.data.modelfile import ModelFileError, load_model
from nnviz.data.npzguard import check_npz, read_headers
from nnviz.data.session import SessionError, load_session


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, a, allow_pickle=False)
    return buf.getvalue()


def forged_bomb(path: Path, shape=(20, 25_000_000)) -> Path:
    """The issue's file: W1's header declares (20, 25 000 000) float64 (4 GB) and its zip entry
    claims the matching size (as 4 GB of deflated zeros would), but the file is a few kB."""
    buf = io.BytesIO()
    header = {"descr": "<f8", "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buf, header)
    head = buf.getvalue()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("W1.npy", head + bytes(4096))
        zf.writestr("b1.npy", _npy(np.zeros((20, 1))))
        zf.writestr("W2.npy", _npy(np.zeros((1, 20))))
        zf.writestr("b2.npy", _npy(np.zeros((1, 1))))
    data = bytearray(path.read_bytes())
    size = struct.pack("<I", len(head) + 20 * 25_000_000 * 8)
    data[22:26] = size  # the local header's uncompressed size (W1 is the first entry)
    at = data.find(b"PK\x01\x02")  # the central directory's first entry
    data[at + 24 : at + 28] = size
    path.write_bytes(bytes(data))
    return path


def test_the_issues_bomb_is_refused_without_allocating(tmp_path):
    path = forged_bomb(tmp_path / "bomb.npz")
    assert path.stat().st_size < 10_000
    assert read_headers(path)["W1"].nbytes == 4_000_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError) as e:
            load_model(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, peak
    text = str(e.value)
    assert "\n" not in text and text.startswith(f"{path}: ")
    assert "declares 4.0 GB" in text and "W1 (20, 25000000) float64" in text


def test_sessions_get_the_same_guard(tmp_path):
    with pytest.raises(SessionError, match=r"declares 4\.0 GB"):
        load_session(forged_bomb(tmp_path / "bomb.npz"))


def test_a_real_deflate_bomb_against_a_smaller_limit(tmp_path):
    path = tmp_path / "zeros.npz"
    np.savez_compressed(path, W1=np.zeros((1, 1_000_000)), b1=np.zeros((1, 1)))
    assert path.stat().st_size < 100_000
    with pytest.raises(DataError, match=r"declares 8\.0 MB of arrays"):
        check_npz(path, limit=1_000_000)
    assert set(check_npz(path, limit=10_000_000)) == {"W1", "b1"}


def test_a_header_that_declares_more_than_its_entry_holds(tmp_path):
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buf, {"descr": "<f8", "fortran_order": False, "shape": (1000, 1000)}
    )
    path = tmp_path / "short.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("W1.npy", buf.getvalue() + bytes(80))
    with pytest.raises(DataError, match=r"W1 declares shape \(1000, 1000\) float64 .* holds only"):
        read_headers(path)


@pytest.mark.parametrize(
    ("arrays", "reason"),
    [
        ({"W1": np.zeros((3, 4)), "b1": np.zeros((3, 1))}, "nnviz needs 1 output"),
        (
            {
                "W1": np.zeros((3, 4)),
                "b1": np.zeros((3, 1)),
                "W2": np.zeros((1, 2)),
                "b2": np.zeros((1, 1)),
            },
            "does not take the 3 outputs of W1",
        ),
        ({"W1": np.zeros((1, 4)), "b1": np.zeros((2, 1))}, "b1 has shape (2, 1)"),
        ({"W1": np.zeros((1, 4), np.int32), "b1": np.zeros((1, 1))}, "not floating point"),
        ({"W2": np.zeros((1, 4)), "b2": np.zeros((1, 1))}, "not numbered 1..2"),
        ({"W1": np.zeros((1, 4))}, "layer 1 lacks b1"),
        ({"x": np.array("text" * 10)}, None),
    ],
)
def test_weights_without_meta_must_chain(tmp_path, arrays, reason):
    path = tmp_path / "m.npz"
    np.savez(path, **arrays)
    if reason is None:
        check_npz(path)
        return
    with pytest.raises(DataError) as e:
        check_npz(path)
    assert reason in e.value.reason


def test_meta_and_weights_must_agree_before_any_weight_is_read(tmp_path):
    path = tmp_path / "m.npz"
    meta = '{"layer_dims": [4, 3, 1]}'
    np.savez(path, meta=np.array(meta), W1=np.zeros((3, 5)), b1=np.zeros((3, 1)),
             W2=np.zeros((1, 3)), b2=np.zeros((1, 1)))  # fmt: skip
    with pytest.raises(DataError, match=r"W1 has shape \(3, 5\) but layer_dims"):
        check_npz(path)


def test_object_arrays_are_refused_on_their_header(tmp_path):
    path = tmp_path / "o.npz"
    np.savez(path, W1=np.array([None, 1], dtype=object))
    with pytest.raises(DataError, match="object arrays"):
        read_headers(path)


def test_a_member_that_is_not_an_array(tmp_path):
    path = tmp_path / "z.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(ModelFileError, match=r"notes\.txt is not an array"):
        load_model(path)

"""The bomb guard for model and session files: look at an .npz's headers before reading any data.

An .npz is a zip of .npy arrays whose headers can declare any shape: numpy allocates what a header
declares before it reads a byte, so a 4 MB file of deflated zeros that declares W1 (20, 25000000)
float64 costs 4 GB. check_npz() reads only the zip directory, each member's .npy header and the
small meta text, and refuses in one line (like Pillow's decompression-bomb guard for pictures):
  - a member that is not an .npy array, or that holds Python objects (pickles);
  - a header that declares more bytes than its member holds (after decompression);
  - more than MAX_BYTES of arrays declared in all, or more than MAX_MEMBERS members;
  - W1, b1, ..., WL, bL that do not fit the meta's layer_dims, or, in a file without meta (the
    course's own), do not chain: W[l] (n_l, n_{l-1}), b[l] (n_l, 1) floats, one output unit.
Only after that may the caller read the data (np.load(..., allow_pickle=False)).
"""

from __future__ import annotations

import json
import math
import os
import re
import zipfile
from dataclasses import dataclass

import numpy as np

from nnviz.data.errors import DataError

MAX_BYTES = 1_000_000_000  # 1 GB of arrays declared in one file (12288-1000-1 float64: 98 MB)
MAX_META_BYTES = 1 << 20
MAX_MEMBERS = 10_000
_PARAM = re.compile(r"^([Wb])(\d+)$")


@dataclass(frozen=True)
class Header:
    """One member's .npy header: shape, dtype and the bytes its data takes."""

    shape: tuple[int, ...]
    dtype: np.dtype
    nbytes: int


def _gb(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e8 else f"{n / 1e6:.1f} MB"


def _header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> Header:
    fmt = np.lib.format
    name = info.filename[:-4]
    with zf.open(info) as f:
        version = fmt.read_magic(f)
        if version == (1, 0):
            shape, _fortran, dtype = fmt.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, _fortran, dtype = fmt.read_array_header_2_0(f)
        else:
            raise DataError(where, f"{name} uses .npy format {version}, which nnviz does not read")
        used = f.tell()
    if dtype.hasobject:
        raise DataError(where, f"{name} holds object arrays (pickles), which nnviz never loads")
    if any(n < 0 for n in shape):
        raise DataError(where, f"{name} declares an impossible shape {shape}")
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes + used > info.file_size:
        raise DataError(
            where,
            f"{name} declares shape {shape} {dtype} ({_gb(nbytes)}) but holds only "
            f"{_gb(max(0, info.file_size - used))}: damaged or forged",
        )
    return Header(tuple(int(n) for n in shape), dtype, nbytes)


def read_headers(path: str | os.PathLike) -> dict[str, Header]:
    """name -> Header for every member of the .npz at `path`, reading no array data.

    Raises DataError (path + reason) for a member that is not an .npy, holds objects, or declares
    more than it holds; zipfile/numpy errors on damaged bytes propagate to the caller."""
    where = os.fspath(path)
    with zipfile.ZipFile(where) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise DataError(where, f"holds {len(infos)} entries; nnviz opens at most {MAX_MEMBERS}")
        headers: dict[str, Header] = {}
        for info in infos:
            if info.is_dir():
                continue
            if not info.filename.endswith(".npy"):
                raise DataError(where, f"{info.filename} is not an array (.npy) entry")
            headers[info.filename[:-4]] = _header(zf, info, where)
    return headers


def param_dims(headers: dict[str, Header], where: str) -> tuple[int, ...] | None:
    """(n_0, ..., n_L) from the W/b headers after checking they chain; None without any."""
    layers = sorted({int(m.group(2)) for k in headers if (m := _PARAM.match(k))})
    if not layers:
        return None
    L = layers[-1]
    if layers != list(range(1, L + 1)):
        raise DataError(where, f"layers {layers} are not numbered 1..{L} without gaps")
    dims: list[int] = []
    for l in range(1, L + 1):
        W, b = headers.get(f"W{l}"), headers.get(f"b{l}")
        if W is None or b is None:
            raise DataError(where, f"layer {l} lacks {'W' if W is None else 'b'}{l}")
        for name, h in ((f"W{l}", W), (f"b{l}", b)):
            if h.dtype.kind != "f":
                raise DataError(where, f"{name} holds {h.dtype} values, not floating point numbers")
        if len(W.shape) != 2 or min(W.shape) < 1:
            raise DataError(where, f"W{l} must be a (n_{l}, n_{l - 1}) matrix, got {W.shape}")
        if l == 1:
            dims.append(W.shape[1])
        elif W.shape[1] != dims[-1]:
            raise DataError(
                where, f"W{l} {W.shape} does not take the {dims[-1]} outputs of W{l - 1}"
            )
        dims.append(W.shape[0])
        if b.shape not in ((W.shape[0], 1), (W.shape[0],)):
            raise DataError(where, f"b{l} has shape {b.shape} but W{l} needs ({W.shape[0]}, 1)")
    if dims[-1] != 1:
        raise DataError(where, f"the last layer W{L} has {dims[-1]} units; nnviz needs 1 output")
    return tuple(dims)


def _read_meta(path: str, header: Header) -> str | None:
    """The meta text, or None when meta is not a 0-d text entry (the loader says so)."""
    if header.shape != () or header.dtype.kind != "U":
        return None
    if header.nbytes > MAX_META_BYTES:
        raise DataError(path, f"meta is {_gb(header.nbytes)} of text: not an nnviz model file")
    with zipfile.ZipFile(path) as zf, zf.open("meta.npy") as f:
        return str(np.lib.format.read_array(f, allow_pickle=False)[()])


def _check_against(headers: dict[str, Header], dims: list, where: str) -> None:
    """Every W[l], b[l] header fits the meta's layer_dims (n_0, ..., n_L); nothing beyond L."""
    L = len(dims) - 1
    for l in range(1, L + 1):
        for name, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            h = headers.get(name)
            if h is None:
                raise DataError(where, f"missing {name} (layer_dims {tuple(dims)})")
            if h.shape != shape:
                raise DataError(
                    where, f"{name} has shape {h.shape} but layer_dims {tuple(dims)} needs {shape}"
                )
            if h.dtype.kind != "f":
                raise DataError(where, f"{name} holds {h.dtype} values, not floating point numbers")
    stray = sorted(k for k in headers if (m := _PARAM.match(k)) and not 1 <= int(m.group(2)) <= L)
    if stray:
        raise DataError(where, f"{', '.join(stray)} beyond layer_dims {tuple(dims)}")


def _meta_dims(path: str, headers: dict[str, Header]) -> list | None:
    """The meta's layer_dims when it is a readable list of whole numbers, else None (the model
    loader explains a bad meta; the data it would read is already bounded by the limit)."""
    text = _read_meta(path, headers["meta"])
    try:
        said = json.loads(text or "").get("layer_dims")
    except (ValueError, AttributeError):
        return None
    ok = isinstance(said, list) and len(said) >= 2
    if not ok or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in said):
        return None
    return said


def check_npz(path: str | os.PathLike, limit: int = MAX_BYTES) -> dict[str, Header]:
    """Refuse a bomb or a forged model file before any array data is read; returns the headers.

    limit: bytes of arrays declared in all. With a meta, W/b must fit its layer_dims; without
    one (the course's own files), they must chain. Raises DataError with a one-line reason."""
    where = os.fspath(path)
    headers = read_headers(where)
    total = sum(h.nbytes for h in headers.values())
    if total > limit:
        big = max(headers, key=lambda k: headers[k].nbytes)
        h = headers[big]
        raise DataError(
            where,
            f"declares {_gb(total)} of arrays ({big} {h.shape} {h.dtype}: {_gb(h.nbytes)}); "
            f"nnviz opens model and session files up to {_gb(limit)}",
        )
    if "meta" in headers:
        dims = _meta_dims(where, headers)
        if dims is not None:
            _check_against(headers, dims, where)
    else:
        param_dims(headers, where)
    return headers

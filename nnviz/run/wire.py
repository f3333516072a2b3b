"""Messages between the window and its training process: JSON and raw numpy arrays, no pickle.

A message is a dict of JSON values (None, bool, int, float, str, lists and dicts with str keys)
and numpy arrays of plain number types, at any depth; tuples arrive as lists. On the wire: an
8-byte little-endian length, the UTF-8 JSON header (arrays replaced by {"$a": [index, dtype,
shape]}), then each array's bytes in order. Reads are exact (nothing is read ahead), so a reader
may poll the descriptor with select() between messages. Only the dtypes in DTYPES are accepted:
a message can hold numbers and text, never code.
"""

from __future__ import annotations

import json
import os
import struct

import numpy as np

DTYPES = frozenset({"<f8", "<f4", "<i8", "<i4", "<u8", "<u4", "|u1", "|b1"})
MAX_HEADER = 64 << 20  # bytes; a longer header means the stream is not ours


class WireError(ValueError):
    """The stream holds something that is not a message (or an array of a refused dtype)."""


def _plain(obj, arrays: list[np.ndarray]):
    if isinstance(obj, np.ndarray):
        a = np.ascontiguousarray(obj)
        dt = a.dtype.newbyteorder("<") if a.dtype.byteorder == ">" else a.dtype
        if dt.str not in DTYPES:
            raise WireError(f"arrays of dtype {a.dtype} are not sent")
        arrays.append(a.astype(dt, copy=False))
        return {"$a": [len(arrays) - 1, dt.str, list(a.shape)]}
    if isinstance(obj, dict):
        return {str(k): _plain(v, arrays) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v, arrays) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def encode(msg: dict) -> list[bytes | memoryview]:
    """The message's bytes, in pieces (write them in order)."""
    arrays: list[np.ndarray] = []
    header = json.dumps(_plain(msg, arrays), separators=(",", ":")).encode()
    return [
        struct.pack("<Q", len(header)),
        header,
        *(a.reshape(-1).view(np.uint8).data for a in arrays),
    ]


def write(fd: int, msg: dict) -> None:
    """Write one message to the file descriptor fd (blocking until all of it is written)."""
    for piece in encode(msg):
        view = memoryview(piece).cast("B")
        while view:
            view = view[os.write(fd, view) :]


def _read_exact(fd: int, n: int) -> bytearray:
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = os.readv(fd, [view[got:]])
        if k == 0:
            raise EOFError("the other end closed the stream")
        got += k
    return buf


def _rebuild(obj, arrays: list[np.ndarray]):
    if isinstance(obj, dict):
        if "$a" in obj and len(obj) == 1:
            return arrays[obj["$a"][0]]
        return {k: _rebuild(v, arrays) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_rebuild(v, arrays) for v in obj]
    return obj


def _specs(obj, out: list) -> list:
    if isinstance(obj, dict):
        if "$a" in obj and len(obj) == 1:
            out.append(obj["$a"])
        else:
            for v in obj.values():
                _specs(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _specs(v, out)
    return out


def read(fd: int) -> dict:
    """The next message from fd (arrays writeable, each its own memory). EOFError at the end;
    WireError when the bytes are not a message."""
    (n,) = struct.unpack("<Q", _read_exact(fd, 8))
    if n > MAX_HEADER:
        raise WireError(f"a message header of {n} bytes")
    try:
        header = json.loads(_read_exact(fd, n).decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise WireError(f"a message header that is not JSON: {e}") from e
    arrays = []
    for i, (index, dtype, shape) in enumerate(sorted(_specs(header, []), key=lambda s: s[0])):
        if index != i or dtype not in DTYPES:
            raise WireError(f"array {index} of dtype {dtype!r} is not acceptable")
        dt = np.dtype(dtype)
        size = int(np.prod(shape, dtype=np.int64)) * dt.itemsize
        arrays.append(np.frombuffer(_read_exact(fd, size), dt).reshape(shape))
    if not isinstance(header, dict):
        raise WireError("a message must be a JSON object")
    return _rebuild(header, arrays)

"""The model file: a trained network's weights and what it needs to be used again, in one .npz.

Layout (numpy's .npz, read with allow_pickle=False, so no object arrays anywhere):
  W1, b1, ..., WL, bL   W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1), float32 or float64
  meta                  a 0-d unicode array holding ModelMeta as JSON
  anything else         extra arrays a caller saved with save_model(extra=...)
A file of W1, b1, ..., WL, bL without meta (the course's np.savez(..., **parameters)) is read with
the course's assumptions (nnviz.data.course_model); read_model() also returns them as notes.
What `meta` holds is nnviz.data.model_meta.ModelMeta.
Every file passes the bomb guard (nnviz.data.npzguard) before any array data is read.
Saving is atomic (a temporary file in the same folder, fsynced, then os.replace) and the file
gets the user's usual mode (0666 & ~umask, nnviz.data.filemode).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from nnviz.data.errors import DataError
from nnviz.data.filemode import chmod_default
from nnviz.data.model_meta import FORMAT, ModelMeta, json_object

__all__ = [  # ModelMeta, FORMAT and json_object live in nnviz.data.model_meta
    "FORMAT",
    "ModelFileError",
    "ModelMeta",
    "json_object",
    "load_model",
    "load_model_extra",
    "read_model",
    "save_model",
]
_PARAM = re.compile(r"^[Wb]\d+$")


class ModelFileError(DataError):
    """A model file that cannot be used; str(e) is "path: reason"."""


def _check_params(meta: ModelMeta, W, b, where: str) -> None:
    """W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1), finite floats, for l = 1..L."""
    dims = meta.layer_dims
    L = len(dims) - 1
    if len(W) != L + 1 or len(b) != L + 1:
        raise ValueError(f"{where}: expected {L} layers (lists of {L + 1} with a placeholder)")
    for l in range(1, L + 1):
        expected = ((f"W{l}", W[l], (dims[l], dims[l - 1])), (f"b{l}", b[l], (dims[l], 1)))
        for name, a, shape in expected:
            if a.shape != shape:
                raise ValueError(f"{name} has shape {a.shape} but layer_dims {dims} needs {shape}")
            if a.dtype.kind != "f":
                raise ValueError(f"{name} holds {a.dtype} values, not floating point numbers")
            if not np.all(np.isfinite(a)):
                raise ValueError(f"{name} contains NaN or infinite values")


def _write_arrays(f, arrays: dict[str, np.ndarray]) -> None:
    np.savez(f, **arrays)  # type: ignore[arg-type]  # numpy's stub: one kwarg


def save_model(
    path: str | os.PathLike,
    W: list[np.ndarray],
    b: list[np.ndarray],
    meta: ModelMeta,
    extra: dict[str, np.ndarray] | None = None,
) -> None:
    """Write the model atomically: an interrupted save leaves any previous file intact.

    W, b: lists indexed by layer as the engine's (entry 0 ignored); extra: more arrays to store,
    named unlike "meta", "W<n>" and "b<n>". ValueError for parameters that do not fit meta.
    """
    path = Path(path)
    W = [np.asarray(w) for w in W]
    b = [np.asarray(v) for v in b]
    _check_params(meta, W, b, "save_model")
    arrays: dict[str, np.ndarray] = {"meta": np.array(meta.to_json())}
    for l in range(1, len(meta.layer_dims)):
        arrays[f"W{l}"] = W[l]
        arrays[f"b{l}"] = b[l]
    for name, a in (extra or {}).items():
        if name == "meta" or _PARAM.match(name) or not name.isidentifier():
            raise ValueError(f"extra array name {name!r} is reserved or not a plain name")
        a = np.asarray(a)
        if a.dtype.hasobject:
            raise ValueError(f"extra array {name!r} holds Python objects; store numbers or text")
        arrays[name] = a
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            chmod_default(f.fileno())  # the user's usual mode, not mkstemp's 0600
            _write_arrays(f, arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _read_all(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Every array of the .npz, read fully after the bomb guard (nnviz.data.npzguard) passed
    its headers; ModelFileError for anything that is not a usable .npz."""
    from nnviz.data.course_model import npy_advice
    from nnviz.data.npzguard import check_npz

    p = Path(path)
    if not p.exists():
        raise ModelFileError(str(p), "no such file")
    if p.is_dir():
        raise ModelFileError(str(p), "is a folder, not a model file")
    try:
        with open(p, "rb") as f:
            head = f.read(6)
        if head == b"\x93NUMPY":
            raise ModelFileError(str(p), npy_advice(p))
        if not zipfile.is_zipfile(p):
            why = "empty" if p.stat().st_size == 0 else "not an .npz model file (or truncated)"
            raise ModelFileError(str(p), why)
        check_npz(p)
        with np.load(p, allow_pickle=False) as z:
            return {name: z[name] for name in z.files}
    except ModelFileError:
        raise
    except DataError as e:
        raise ModelFileError(e.path, e.reason) from None
    except ValueError as e:
        if "pickle" in str(e).lower() or "object arrays" in str(e).lower():
            raise ModelFileError(str(p), "holds object arrays, which nnviz never loads") from None
        raise ModelFileError(str(p), f"damaged model file ({e})") from None
    except (zipfile.BadZipFile, EOFError, KeyError, OSError) as e:
        raise ModelFileError(str(p), f"damaged or unreadable model file ({e})") from None
    except Exception as e:  # zipfile/zlib/numpy fail in many ways on bad bytes
        why = f"{type(e).__name__}: {e}"
        raise ModelFileError(str(p), f"damaged or unreadable model file ({why})") from None


def load_model(path: str | os.PathLike) -> tuple[ModelMeta, list[np.ndarray], list[np.ndarray]]:
    """Return (meta, W, b), W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1), entry 0 a (0, 0) placeholder.

    A file without meta is read as the course's parameters (see nnviz.data.course_model)."""
    meta, W, b, _notes = read_model(path)
    return meta, W, b


def read_model(
    path: str | os.PathLike,
    activation: str | None = None,
    image_shape: tuple[int, int, int] | None = None,
) -> tuple[ModelMeta, list[np.ndarray], list[np.ndarray], list[str]]:
    """(meta, W, b, notes): load_model() with the user's hidden activation and picture size
    (H, W, C) over the file's or the course's, and notes: what was assumed or overridden, one
    sentence each, for the caller to show. Raises ModelFileError (path + reason)."""
    from nnviz.data.course_model import course_meta, override

    arrays = _read_all(path)
    where = str(Path(path))
    m = arrays.get("meta")
    if m is None:
        meta, notes = course_meta(arrays, where, activation, image_shape)
    else:
        if m.shape != () or m.dtype.kind != "U":
            raise ModelFileError(where, "meta is not a text entry: not an nnviz model file")
        try:
            meta = ModelMeta.from_json(str(m[()]))
        except ValueError as e:
            raise ModelFileError(where, str(e)) from None
        meta, notes = override(meta, activation, image_shape, where)
    L = len(meta.layer_dims) - 1
    dt = np.dtype(meta.dtype)
    W = [np.zeros((0, 0), dt)]
    b = [np.zeros((0, 0), dt)]
    for l in range(1, L + 1):
        for name, out in ((f"W{l}", W), (f"b{l}", b)):
            if name not in arrays:
                raise ModelFileError(where, f"missing {name} (layer_dims {meta.layer_dims})")
            out.append(arrays[name])
    stray = sorted(k for k in arrays if _PARAM.match(k) and not 1 <= int(k[1:]) <= L)
    if stray:
        raise ModelFileError(where, f"{', '.join(stray)} beyond layer_dims {meta.layer_dims}")
    try:
        _check_params(meta, W, b, where)
    except ValueError as e:
        raise ModelFileError(where, str(e)) from None
    return meta, W, b, notes


def load_model_extra(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The extra arrays saved with the model (everything but meta and the W, b parameters)."""
    arrays = _read_all(path)
    return {k: a for k, a in arrays.items() if k != "meta" and not _PARAM.match(k)}

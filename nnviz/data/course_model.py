"""The course's own models: `np.savez("model.npz", **parameters)` from the notebook, without meta.

Such a file holds only W1, b1, ..., WL, bL. course_meta() makes a ModelMeta for it from the
shapes and what the course assumes, and lists every assumption as a sentence the caller shows
(stderr in the CLI, a banner in the window):
  - layer sizes (n_x, n_1, ..., 1) from W[l]: (n_l, n_{l-1});
  - hidden layers ReLU, output sigmoid (the course's L_model_forward), unless told otherwise;
  - n_x = 12288: 64x64x3 pictures in the course's order (x.reshape(m, -1).T), pixels / 255;
    any other n_x: plain numbers, unless a picture size is given;
  - classes non-cat (y = 0), cat (y = 1); float dtype from W1.
override() applies the user's activation / picture size to a file's meta, with a note each.
modelfile.read_model() uses both; npy_advice() explains a lone .npy (e.g. a pickled dict).
"""

from __future__ import annotations

import math
import os

import numpy as np

from nnviz.data.npzguard import Header, param_dims

COURSE_IMAGE_SHAPE = (64, 64, 3)
SAVE_ADVICE = 'save the parameters dict as np.savez("model.npz", **parameters) and open that .npz'


def _shape_text(shape: tuple[int, ...]) -> str:
    return "x".join(str(n) for n in shape)


def course_meta(arrays: dict[str, np.ndarray], where: str, activation: str | None = None,
                image_shape: tuple[int, int, int] | None = None):  # fmt: skip
    """(ModelMeta, notes) for a file of W1, b1, ..., WL, bL without meta.

    arrays: the file's arrays; activation / image_shape: the user's choice over the course's.
    Raises ModelFileError (a DataError) when the arrays are not such a network."""
    from nnviz.data.modelfile import ModelFileError, ModelMeta

    headers = {k: Header(a.shape, a.dtype, a.nbytes) for k, a in arrays.items()}
    dims = param_dims(headers, where)
    if dims is None:
        raise ModelFileError(
            where, "no meta entry and no W1, b1, ...: neither an nnviz model file nor the "
            "course's parameters (" + SAVE_ADVICE + ")",
        )  # fmt: skip
    notes = [
        "no meta in the file: read as the course's parameters (W1, b1, ..., "
        f"W{len(dims) - 1}, b{len(dims) - 1})",
        f"layer sizes {list(dims)} from the shapes of the weights",
    ]
    act = activation or "relu"
    how = "as asked" if activation else "as in the course"
    notes.append(f"hidden layers use {act}, the output a sigmoid ({how})")
    shape = image_shape
    if shape is None and dims[0] == math.prod(COURSE_IMAGE_SHAPE):
        shape = COURSE_IMAGE_SHAPE
    if shape is not None:
        said = "as asked" if image_shape else "as in the course"
        notes.append(
            f"inputs are {_shape_text(shape)} pictures in the course's order, pixels / 255 ({said})"
        )
    else:
        notes.append(f"inputs are {dims[0]} plain numbers, not pictures (no picture size given)")
    notes.append("classes: non-cat (y = 0), cat (y = 1)")
    dtype = "float64" if arrays["W1"].dtype == np.float64 else "float32"
    try:
        meta = ModelMeta(
            layer_dims=dims,
            activation=act,
            image_shape=shape,
            class_names=("non-cat", "cat"),
            input_scaling="x / 255" if shape is not None else "none",
            dtype=dtype,
        )
    except ValueError as e:
        raise ModelFileError(where, str(e)) from None
    return meta, notes


def override(meta, activation: str | None, image_shape: tuple[int, int, int] | None, where: str):
    """(meta with the user's activation / picture size, notes) for a file that has a meta."""
    from dataclasses import replace

    from nnviz.data.modelfile import ModelFileError

    notes: list[str] = []
    changes: dict = {}
    if activation is not None and activation != meta.activation:
        changes["activation"] = activation
        notes.append(f"hidden layers use {activation} as asked (the file says {meta.activation})")
    if image_shape is not None and tuple(image_shape) != meta.image_shape:
        changes["image_shape"] = tuple(image_shape)
        changes["input_scaling"] = "x / 255"
        was = _shape_text(meta.image_shape) if meta.image_shape else "no pictures"
        notes.append(
            f"inputs are {_shape_text(tuple(image_shape))} pictures, pixels / 255, as asked "
            f"(the file says {was})"
        )
    try:
        return (replace(meta, **changes) if changes else meta), notes
    except ValueError as e:
        raise ModelFileError(where, str(e)) from None


def npy_advice(path: str | os.PathLike) -> str:
    """Why a lone .npy file is not a model file, and how to save one instead."""
    fmt = np.lib.format
    try:
        with open(path, "rb") as f:
            version = fmt.read_magic(f)
            read = fmt.read_array_header_1_0 if version == (1, 0) else fmt.read_array_header_2_0
            _shape, _fortran, dtype = read(f)
    except (ValueError, OSError):
        dtype = np.dtype(float)
    if dtype.hasobject:
        return (
            "holds a pickled Python object (like the course's parameters dict), which nnviz "
            f"never unpickles: {SAVE_ADVICE}"
        )
    return f"is a single .npy array, not an .npz model file: {SAVE_ADVICE}"

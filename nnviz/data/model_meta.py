"""What a model file says about its network (ModelMeta), checked when it is made or read.

ModelMeta is stored as JSON in the model file's `meta` entry (nnviz.data.modelfile); from_json()
refuses missing, unknown or ill-typed fields with a ValueError that says which.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import numpy as np

from nnviz.engine.activations import get_activation
from nnviz.engine.losses import get_loss

FORMAT = 1
_REQUIRED = ("layer_dims", "activation", "loss", "class_names", "iterations", "dtype", "format")


def json_object(text: str, what: str) -> dict:
    """Parse `text` as a JSON object; ValueError names `what` and why not."""
    try:
        d = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"{what} is not valid JSON ({e})") from None
    if not isinstance(d, dict):
        raise ValueError(f"{what} is not a JSON object")
    return d


@dataclass(frozen=True)
class ModelMeta:
    """What a model file says about its network.

    layer_dims: (n_x, n_1, ..., n_L = 1); activation: the hidden layers' g; image_shape: (H, W, C)
    with H*W*C = n_x, or None for feature vectors; class_names: (negative, positive);
    input_scaling: how raw input became X ("x / 255" for 8-bit images, "none");
    iterations: how many updates trained it; dtype: "float32" or "float64".
    """

    layer_dims: tuple[int, ...]
    activation: str = "relu"
    loss: str = "cross-entropy"
    image_shape: tuple[int, ...] | None = None
    class_names: tuple[str, str] = ("non-cat", "cat")
    input_scaling: str = "none"
    iterations: int = 0
    dtype: str = "float64"  # as TrainConfig.dtype
    format: int = FORMAT

    def __post_init__(self) -> None:
        dims = _int_tuple(self.layer_dims, "layer_dims")
        if len(dims) < 2 or any(n < 1 for n in dims) or dims[-1] != 1:
            raise ValueError(
                f"layer_dims must be positive sizes ending in the single output unit, got {dims}"
            )
        object.__setattr__(self, "layer_dims", dims)
        object.__setattr__(self, "activation", get_activation(str(self.activation)).name)
        object.__setattr__(self, "loss", get_loss(str(self.loss)).name)
        if self.image_shape is not None:
            shape = _int_tuple(self.image_shape, "image_shape")
            if len(shape) != 3 or any(n < 1 for n in shape):
                raise ValueError(f"image_shape must be (height, width, channels), got {shape}")
            if int(np.prod(shape)) != dims[0]:
                raise ValueError(
                    f"image_shape {shape} has {int(np.prod(shape))} values "
                    f"but the input layer has {dims[0]}"
                )
            object.__setattr__(self, "image_shape", shape)
        names = tuple(self.class_names)
        if len(names) != 2 or not all(isinstance(n, str) and n for n in names):
            raise ValueError(f"class_names must be two names (negative, positive), got {names}")
        object.__setattr__(self, "class_names", names)
        if not isinstance(self.input_scaling, str):
            raise ValueError(f"input_scaling must be text, got {self.input_scaling!r}")
        if isinstance(self.iterations, bool) or not isinstance(self.iterations, int):
            raise ValueError(f"iterations must be a whole number, got {self.iterations!r}")
        if self.iterations < 0:
            raise ValueError(f"iterations must be zero or positive, got {self.iterations}")
        if self.dtype not in ("float32", "float64"):
            raise ValueError(f"dtype must be float32 or float64, got {self.dtype!r}")
        if self.format != FORMAT:
            raise ValueError(f"format version {self.format!r} is not one nnviz reads ({FORMAT})")

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ModelMeta:
        """Parse and check; ValueError says what is wrong."""
        d = json_object(text, "meta")
        missing = [k for k in _REQUIRED if k not in d]
        if missing:
            raise ValueError(f"meta lacks {', '.join(missing)}")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"meta has unknown fields {', '.join(unknown)}")
        try:
            return cls(**d)
        except TypeError as e:
            raise ValueError(f"meta has a field of the wrong type ({e})") from None


def _int_tuple(values, what: str) -> tuple[int, ...]:
    try:
        items = list(values)
    except TypeError:
        raise ValueError(f"{what} must be a list of whole numbers, got {values!r}") from None
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in items):
        raise ValueError(f"{what} must be a list of whole numbers, got {items!r}")
    return tuple(int(v) for v in items)

"""The one place a run's model-file metadata is made, for the window and `nnviz train` alike."""

from __future__ import annotations

from collections.abc import Sequence

from nnviz.data import Dataset
from nnviz.data.modelfile import ModelMeta


def model_meta(
    layer_dims: Sequence[int],
    activation: str,
    loss: str,
    dataset: Dataset,
    iterations: int,
    dtype: str,
) -> ModelMeta:
    """What a model file says of a network trained on `dataset`: its layer sizes (n_x, …, 1),
    hidden activation, loss, the pictures' shape, class names and scaling (x / 255 for
    pictures), updates done and precision."""
    return ModelMeta(
        layer_dims=tuple(int(n) for n in layer_dims),
        activation=activation,
        loss=loss,
        image_shape=dataset.image_shape,
        class_names=dataset.class_names,
        input_scaling="x / 255" if dataset.image_shape is not None else "none",
        iterations=int(iterations),
        dtype=str(dtype),
    )

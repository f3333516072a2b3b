"""Put a saved session or a model file into the window's run, or save the run as a model.

Everything is checked before anything changes: a model that does not fit the dataset, or a
session whose dataset is gone and whose network does not fit the current one, leaves the current
run untouched and says why in one message (controller.problem).
"""

from __future__ import annotations

import os

from nnviz.data import DataError, Dataset, load_dataset
from nnviz.data.modelfile import ModelMeta, read_model, save_model
from nnviz.data.session import Session
from nnviz.engine.activations import ACTIVATIONS
from nnviz.run import modelmeta
from nnviz.run.examples import flip_classes
from nnviz.ui.session.store import dataset_key, evaluations_list


def misfit(dims: tuple[int, ...], classes: tuple[str, str], image_shape, ds: Dataset) -> str | None:
    """Why a network with layer_dims `dims` and `classes` cannot run on `ds`, or None if it can."""
    if dims[0] != ds.n_x:
        return f"it takes {dims[0]:,} inputs but {ds.name} has {ds.n_x:,} values per example"
    if image_shape is not None and ds.image_shape is not None and image_shape != ds.image_shape:
        return f"it was trained on {image_shape} images but {ds.name} has {ds.image_shape}"
    if set(classes) != set(ds.class_names):
        return (
            f"its classes are {classes[0]} / {classes[1]} but {ds.name} has "
            f"{ds.class_names[0]} / {ds.class_names[1]}"
        )
    return None


def oriented(ds: Dataset, positive: str) -> Dataset:
    """`ds` with `positive` as the y = 1 class (flipped when it is the other one)."""
    if ds.class_names[1] != positive and ds.class_names[0] == positive:
        return flip_classes(ds)
    return ds


def _show(window, controller, ds: Dataset) -> None:
    if ds is not controller.dataset:
        controller.set_dataset(ds, ask=False)


def restore_session(window, controller, s: Session, ask: bool = True) -> bool:
    """Continue `s` in the window: its dataset (or the current one when that is gone and the
    network fits it), settings, parameters and history. False when nothing changed."""
    if (
        ask
        and controller.progressed()
        and not controller.confirm_reset("Open this session? The current run is replaced.")
    ):
        return False
    current = controller.dataset
    note = None
    if s.dataset == dataset_key(current):
        ds = current
    else:
        try:
            ds = load_dataset(s.dataset)
        except DataError as e:
            ds = current
            note = f"The session's dataset is gone ({e})"
    ds = oriented(ds, s.positive)
    why = misfit(s.layer_dims, s.class_names, s.image_shape, ds)
    if why:
        start = f"{note}, and" if note else "Could not restore the session:"
        controller.problem.emit(f"{start} the saved network does not fit {ds.name}: {why}.")
        return False
    _show(window, controller, ds)
    controller.restore(
        s.config,
        s.W,
        s.b,
        s.iteration,
        s.costs,
        evaluations_list(s.evaluations),
        label=f"session (iteration {s.iteration:,})",
    )
    window.controls.set_config(s.config)
    window.controls.select_dataset_key(dataset_key(ds))
    if note:
        controller.problem.emit(f"{note}; the model was kept and continues on {ds.name}.")
    controller.status.emit(f"Restored the session at iteration {s.iteration:,}")
    return True


def open_model(window, controller, path: str | os.PathLike) -> bool:
    """Make the model file at `path` the run's parameters (architecture from the model).

    A file that cannot be read or does not fit the dataset: one message, nothing changes. A file
    without nnviz's description (the course's `np.savez(**parameters)`) is read with the course's
    assumptions; the user picks the hidden activation and the assumptions are said."""
    try:
        meta, W, b, notes = read_model(path)
        if notes:  # the course's own parameters: which hidden activation did they train with?
            names = list(ACTIVATIONS)
            pick = controller.choose(
                f"{os.path.basename(os.fspath(path))} has W and b but no description. "
                "Which hidden activation was it trained with? (The course's is ReLU.)",
                [ACTIVATIONS[n].label for n in names],
            )
            if pick is None:
                return False
            if names[pick] != meta.activation:
                meta, W, b, notes = read_model(path, activation=names[pick])
    except DataError as e:
        controller.problem.emit(f"Could not open the model: {e}")
        return False
    ds = oriented(controller.dataset, meta.class_names[1])
    why = misfit(meta.layer_dims, meta.class_names, meta.image_shape, ds)
    if why:
        controller.problem.emit(
            f"The model {os.fspath(path)} does not fit the dataset: {why}. Nothing was changed."
        )
        return False
    if controller.progressed() and not controller.confirm_reset(
        "Open this model? The current run is replaced by its weights."
    ):
        return False
    cfg = controller.config.with_(
        hidden_layers=tuple(meta.layer_dims[1:-1]),
        activation=meta.activation,
        loss=meta.loss,
        dtype=meta.dtype,
    )
    _show(window, controller, ds)
    name = os.path.basename(os.fspath(path))
    controller.restore(cfg, W, b, meta.iterations, label=f"model {name}")
    window.controls.set_config(cfg)
    controller.status.emit(
        f"Opened {name} (trained {meta.iterations:,} iterations); "
        "training continues from its weights"
    )
    if notes:
        controller.problem.emit(f"Opened {name}, assuming: " + "; ".join(notes))
    return True


def model_meta(controller) -> ModelMeta | None:
    """The model-file meta of the current run, or None before any snapshot."""
    snap, ds = controller.snapshot, controller.dataset
    if snap is None:
        return None
    return modelmeta.model_meta(
        snap.layer_dims, snap.activation, snap.loss, ds, snap.iteration, str(snap.W[1].dtype)
    )


def save_model_to(controller, path: str | os.PathLike) -> bool:
    """Save the newest snapshot's parameters as a model file; False (with a message) on failure."""
    meta = model_meta(controller)
    if meta is None:
        controller.problem.emit("Nothing to save yet: the network has not been shown.")
        return False
    try:
        save_model(path, list(controller.snapshot.W), list(controller.snapshot.b), meta)
    except (OSError, ValueError) as e:
        controller.problem.emit(f"Could not save the model to {os.fspath(path)}: {e}")
        return False
    controller.status.emit(f"Saved the model (iteration {meta.iterations:,}) to {os.fspath(path)}")
    return True

"""The session file: everything needed to come back to a run, in one .npz that is a model file too.

A session file is a valid model file (nnviz.data.modelfile: W1..WL, b1..bL and the model's meta),
so `nnviz predict --model SESSION` works on it, plus the session's own entries:
  session        a 0-d unicode array: JSON with the dataset reference, the settings, the iteration
  session_costs  (n,) float64: the train cost of iterations 0..n-1
  session_evals  (4, k) float64: rows iteration, test cost, train accuracy, test accuracy (NaN when
                 unknown), one column per sampled evaluation
  anything else  passed through as Session.extra (e.g. a timeline's checkpoint arrays)
Plain numbers and one JSON string only: nothing is ever unpickled. Saving is atomic.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from nnviz.data.modelfile import (
    ModelFileError,
    ModelMeta,
    json_object,
    load_model,
    load_model_extra,
    save_model,
)
from nnviz.engine.trainer import TrainConfig

SESSION_FORMAT = 1
_OWN = ("session", "session_costs", "session_evals")


class SessionError(ModelFileError):
    """A session file that cannot be used; str(e) is "path: reason"."""


@dataclass(frozen=True, eq=False)
class Session:
    """One run, ready to be continued.

    dataset: the dataset reference as the window's chooser names it (a built-in name, an .h5 path
    or a folder path); positive: the class name that was y = 1; class_names: (negative, positive);
    image_shape: (H, W, 3) or None; config: the settings (lr is the rate in force);
    iteration: updates done; costs: (n,) train cost per iteration; evaluations: (4, k) rows
    iteration, test cost, train accuracy, test accuracy; W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1)
    with entry 0 a placeholder; saved_at: seconds since the epoch; extra: more named arrays.
    """

    dataset: str
    positive: str
    class_names: tuple[str, str]
    image_shape: tuple[int, int, int] | None
    config: TrainConfig
    iteration: int
    costs: np.ndarray
    evaluations: np.ndarray
    W: list[np.ndarray]
    b: list[np.ndarray]
    saved_at: float = field(default_factory=time.time)
    extra: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def layer_dims(self) -> tuple[int, ...]:
        return (int(self.W[1].shape[1]), *self.config.hidden_layers, 1)

    def meta(self) -> ModelMeta:
        """The model-file meta of this session's network."""
        return ModelMeta(
            layer_dims=self.layer_dims,
            activation=self.config.activation,
            loss=self.config.loss,
            image_shape=self.image_shape,
            class_names=(self.class_names[0], self.class_names[1]),
            input_scaling="x / 255" if self.image_shape is not None else "none",
            iterations=int(self.iteration),
            dtype=self.config.dtype,
        )


def config_to_dict(cfg: TrainConfig) -> dict:
    """TrainConfig -> a JSON-ready dict (hidden_layers as a list)."""
    d = {f.name: getattr(cfg, f.name) for f in fields(cfg)}
    d["hidden_layers"] = list(cfg.hidden_layers)
    return d


def save_session(path: str | os.PathLike, session: Session) -> None:
    """Write `session` atomically (a previous file survives an interrupted save).

    ValueError when the parameters do not fit the settings or an extra name is reserved."""
    own = {
        "format": SESSION_FORMAT,
        "dataset": str(session.dataset),
        "positive": str(session.positive),
        "config": config_to_dict(session.config),
        "iteration": int(session.iteration),
        "saved_at": float(session.saved_at),
    }
    clash = sorted(set(session.extra) & set(_OWN))
    if clash:
        raise ValueError(f"extra array names {clash} are reserved for the session")
    extra = dict(session.extra)
    extra["session"] = np.array(json.dumps(own, sort_keys=True))
    extra["session_costs"] = np.asarray(session.costs, dtype=np.float64).reshape(-1)
    extra["session_evals"] = np.asarray(session.evaluations, dtype=np.float64).reshape(4, -1)
    save_model(path, session.W, session.b, session.meta(), extra=extra)


def _whole(d: dict, key: str, minimum: int = 0) -> int:
    v = d.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise ValueError(f"{key} must be a whole number >= {minimum}, got {v!r}")
    return v


def config_from_dict(c: object) -> TrainConfig:
    """A dict from JSON -> TrainConfig, strictly checked; ValueError says what is wrong."""
    if not isinstance(c, dict):
        raise ValueError("config is not a JSON object")
    known = {f.name for f in fields(TrainConfig)}
    unknown = sorted(set(c) - known)
    if unknown:
        raise ValueError(f"config has unknown fields {', '.join(unknown)}")
    hidden = c.get("hidden_layers", [])
    if not isinstance(hidden, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in hidden
    ):
        raise ValueError(f"config.hidden_layers must be whole numbers >= 1, got {hidden!r}")
    checks: dict[str, type | tuple[type, ...]] = {
        "activation": str,
        "loss": str,
        "init": str,
        "dtype": str,
        "seed": int,
        "lr": (int, float),
        "l2": (int, float),
    }
    for key, kind in checks.items():
        if key in c and (isinstance(c[key], bool) or not isinstance(c[key], kind)):
            raise ValueError(f"config.{key} has the wrong type: {c[key]!r}")
    bs = c.get("batch_size")
    if bs is not None and (isinstance(bs, bool) or not isinstance(bs, int)):
        raise ValueError(f"config.batch_size must be a whole number or null, got {bs!r}")
    try:
        return TrainConfig(**{**c, "hidden_layers": tuple(hidden)})
    except (TypeError, ValueError, KeyError) as e:
        raise ValueError(f"config is not usable ({e})") from None


def _parse(meta: ModelMeta, text: str, arrays: dict[str, np.ndarray]) -> dict:
    """The session's own entries, checked against the model's meta; ValueError says why not."""
    d = json_object(text, "the session entry")
    if d.get("format") != SESSION_FORMAT:
        raise ValueError(f"session format {d.get('format')!r} is not one nnviz reads")
    for key in ("dataset", "positive"):
        if not isinstance(d.get(key), str):
            raise ValueError(f"{key} must be text, got {d.get(key)!r}")
    saved_at = d.get("saved_at")
    if isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)):
        raise ValueError(f"saved_at must be a time, got {saved_at!r}")
    if not math.isfinite(saved_at):
        raise ValueError(f"saved_at must be a finite time, got {saved_at!r}")
    cfg = config_from_dict(d.get("config"))
    want = (tuple(meta.layer_dims[1:-1]), meta.activation, meta.loss, meta.dtype)
    have = (cfg.hidden_layers, cfg.activation, cfg.loss, cfg.dtype)
    if want != have:
        raise ValueError(f"the settings {have} do not match the saved network {want}")
    costs = arrays.get("session_costs", np.zeros(0))
    evals = arrays.get("session_evals", np.zeros((4, 0)))
    if costs.ndim != 1 or costs.dtype.kind != "f":
        raise ValueError(f"session_costs must be a 1-D float array, got {costs.shape}")
    if evals.ndim != 2 or evals.shape[0] != 4 or evals.dtype.kind != "f":
        raise ValueError(f"session_evals must be a (4, k) float array, got {evals.shape}")
    if not np.all(np.isfinite(costs)):
        raise ValueError("session_costs contains NaN or infinite values")
    its, acc = evals[0], evals[2:]
    if not (np.all(np.isfinite(its)) and np.all(its >= 0) and np.all(np.diff(its) > 0)):
        raise ValueError("session_evals: iterations must be increasing whole numbers")
    if np.any((acc < 0) | (acc > 1)):  # NaN (not measured) compares False and passes
        raise ValueError("session_evals: accuracies must be fractions in 0..1")
    return {
        "dataset": d["dataset"],
        "positive": d["positive"],
        "config": cfg,
        "iteration": _whole(d, "iteration"),
        "saved_at": float(saved_at),
        "costs": costs.astype(np.float64),
        "evaluations": evals.astype(np.float64),
    }


def load_session(path: str | os.PathLike) -> Session:
    """Read and check a session file; SessionError (a DataError) names the file and the reason."""
    where = str(Path(path))
    try:
        meta, W, b = load_model(path)
        arrays = load_model_extra(path)
    except ModelFileError as e:
        raise SessionError(e.path, e.reason) from None
    entry = arrays.get("session")
    if entry is None:
        raise SessionError(where, "a model file without a session (open it as a model instead)")
    if entry.shape != () or entry.dtype.kind != "U":
        raise SessionError(where, "the session entry is not text: not an nnviz session file")
    try:
        parsed = _parse(meta, str(entry[()]), arrays)
    except ValueError as e:
        raise SessionError(where, str(e)) from None
    return Session(
        class_names=meta.class_names,
        image_shape=meta.image_shape,  # type: ignore[arg-type]  # (H, W, C), checked by ModelMeta
        W=W,
        b=b,
        extra={k: a for k, a in arrays.items() if k not in _OWN},
        **parsed,
    )

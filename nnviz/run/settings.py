"""Parse and check the values a user types: one parser per field, used by the side panel and
the command line alike; Qt-free so it is tested directly.

parse_settings(fields) -> (TrainConfig | None, {field: error}). Every error names the value and why.
"""

from __future__ import annotations

import math

from nnviz.engine.trainer import TrainConfig

MAX_UNITS = 2000
MAX_HIDDEN_LAYERS = 10


def parse_layers(text: str) -> tuple[int, ...]:
    """ "20, 7, 5" -> (20, 7, 5); "" -> () (logistic regression)."""
    parts = [p.strip() for p in text.replace(";", ",").replace(" ", ",").split(",")]
    parts = [p for p in parts if p]
    sizes = []
    for p in parts:
        if not p.isdigit():
            raise ValueError(f"“{p}” is not a whole number of units")
        n = int(p)
        if n < 1:
            raise ValueError("a layer needs at least 1 unit")
        if n > MAX_UNITS:
            raise ValueError(f"{n} units is more than the {MAX_UNITS} nnviz allows per layer")
        sizes.append(n)
    if len(sizes) > MAX_HIDDEN_LAYERS:
        raise ValueError(f"{len(sizes)} hidden layers: at most {MAX_HIDDEN_LAYERS}")
    return tuple(sizes)


def parse_size(text: str) -> tuple[int, int]:
    """ "1600x1000" -> (1600, 1000): a window size in logical pixels, each 200 … 8000."""
    try:
        w, h = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(f"“{text}” is not a size like 1600x1000 (WIDTHxHEIGHT)") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise ValueError(f"“{text}”: width and height must be between 200 and 8000 pixels")
    return w, h


def parse_positive_float(text: str, what: str, allow_zero: bool = False) -> float:
    try:
        v = float(text.strip())
    except ValueError:
        raise ValueError(f"{what}: “{text.strip()}” is not a number") from None
    if not math.isfinite(v) or v < 0 or (v == 0 and not allow_zero):
        need = "zero or more" if allow_zero else "more than 0"
        raise ValueError(f"{what} must be {need}, not {text.strip()}")
    return v


def parse_batch(text: str) -> int | None:
    t = text.strip().lower()
    if t in ("", "all", "full", "full batch"):
        return None
    if not t.isdigit() or int(t) < 1:
        raise ValueError(f"mini-batch size: “{text.strip()}” is not “all” or a whole number ≥ 1")
    return int(t)


def parse_settings(fields: dict[str, str]) -> tuple[TrainConfig | None, dict[str, str]]:
    """fields: layers, activation, loss, init, lr, batch, l2, seed, dtype (as typed)."""
    errors: dict[str, str] = {}
    values: dict = {}
    parsers = {
        "layers": ("hidden_layers", parse_layers),
        "lr": ("lr", lambda s: parse_positive_float(s, "learning rate")),
        "batch": ("batch_size", parse_batch),
        "l2": ("l2", lambda s: parse_positive_float(s, "L2", allow_zero=True)),
        "seed": ("seed", _parse_seed),
    }
    for field, (key, parse) in parsers.items():
        try:
            values[key] = parse(fields.get(field, ""))
        except ValueError as e:
            errors[field] = str(e)
    for field, key in (("activation", "activation"), ("loss", "loss"), ("init", "init")):
        values[key] = fields[field]
    values["dtype"] = fields.get("dtype", TrainConfig().dtype)
    if errors:
        return None, errors
    try:
        return TrainConfig(**values), {}
    except ValueError as e:
        return None, {"config": str(e)}


def _parse_seed(text: str) -> int:
    t = text.strip()
    if not t.isdigit():
        raise ValueError(f"seed: “{t}” is not a whole number ≥ 0")
    return int(t)

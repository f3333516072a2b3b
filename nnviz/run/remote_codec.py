"""The engine's values as wire messages (nnviz.run.wire) and back: config, state, draft.

A dual-form layer 1 travels as (c, D) alone: its base (X, W0, Z0 and X^T X, megabytes) is sent
once (base_msg) and each side puts its own copy of it back (the same numbers, so a replay in the
window is bit for bit the training process's run).
"""

from __future__ import annotations

from dataclasses import asdict

import numpy as np

from nnviz.engine.config import Phase, TrainConfig, TrainerState
from nnviz.engine.dual import DualBase, DualCheckpoint, FrozenLayer1
from nnviz.engine.snapshot import Draft, Snapshot


def config_msg(cfg: TrainConfig) -> dict:
    return asdict(cfg)


def config_of(d: dict) -> TrainConfig:
    return TrainConfig(**{**d, "hidden_layers": tuple(d["hidden_layers"])})


def base_msg(base: DualBase) -> dict:
    """W0, Z0, G and ||W0||^2 (X is sent on its own, once per dataset)."""
    return {"W0": base.W0, "Z0": base.Z0, "G": base.G, "w0_sq": base.w0_sq}


def base_of(d: dict, X: np.ndarray) -> DualBase:
    W0, Z0, G = _ro([d["W0"], d["Z0"], d["G"]])
    return DualBase(X, W0, Z0, G, float(d["w0_sq"]))


def state_msg(s: TrainerState) -> dict:
    return {
        "iteration": s.iteration,
        "n_costs": s.n_costs,
        "lr": s.lr,
        "weights": list(s.weights),
        "b": list(s.b),
        "order": s.order,
        "cursor": s.cursor,
        "rng": s.rng,
        "dual": None if s.dual is None else {"c": s.dual.c, "D": s.dual.D},
    }


def state_of(d: dict, base: DualBase | None) -> TrainerState:
    """The state of message d; its dual layer on `base` (which must be the one it was made on)."""
    dual = d["dual"]
    if dual is not None and base is None:
        raise ValueError("a dual-form state arrived without its base")
    return TrainerState(
        iteration=int(d["iteration"]),
        n_costs=int(d["n_costs"]),
        lr=float(d["lr"]),
        weights=tuple(d["weights"]),
        b=tuple(d["b"]),
        order=d["order"],
        cursor=int(d["cursor"]),
        rng=d["rng"],
        dual=None if dual is None else DualCheckpoint(base, float(dual["c"]), dual["D"]),  # type: ignore[arg-type]
    )


def draft_msg(dr: Draft) -> dict:
    s, f = dr.snapshot, dr.layer1
    layer1 = None
    if f is not None:
        grad = None
        if f.grad is not None:
            dZ, idx, l2, c, D = f.grad
            grad = {"dZ": dZ, "idx": idx, "l2": l2, "c": c, "D": D}
        layer1 = {"c": f.c, "D": f.D, "grad": grad}
    return {
        "iteration": s.iteration,
        "layer_dims": list(s.layer_dims),
        "activation": s.activation,
        "loss": s.loss,
        "lr": s.lr,
        "W": list(s.W),
        "b": list(s.b),
        "dW": list(s.dW),
        "db": list(s.db),
        "z_out": s.z_out,
        "cost": s.cost,
        "phase": None if s.phase is None else [s.phase.kind, s.phase.layer],
        "l2": s.l2,
        "layer1": layer1,
        "grad1": dr.grad1,
    }


def _ro(arrays) -> tuple[np.ndarray, ...]:
    for a in arrays:
        a.flags.writeable = False
    return tuple(arrays)


def draft_of(d: dict, base: DualBase | None) -> Draft:
    """The Draft of message d; its layer 1 (dual form) on `base`."""
    ph = d["phase"]
    snap = Snapshot(
        iteration=int(d["iteration"]),
        layer_dims=tuple(d["layer_dims"]),
        activation=d["activation"],
        loss=d["loss"],
        lr=float(d["lr"]),
        W=_ro(d["W"]),
        b=_ro(d["b"]),
        dW=_ro(d["dW"]),
        db=_ro(d["db"]),
        z_out=_ro([d["z_out"]])[0],
        cost=None if d["cost"] is None else float(d["cost"]),
        phase=None if ph is None else Phase(ph[0], int(ph[1])),
        l2=float(d["l2"]),
    )
    f, layer1 = d["layer1"], None
    if f is not None:
        if base is None:
            raise ValueError("a dual-form snapshot arrived without its base")
        g = f["grad"]
        grad = None if g is None else (g["dZ"], g["idx"], float(g["l2"]), float(g["c"]), g["D"])
        layer1 = FrozenLayer1(base, float(f["c"]), f["D"], grad)
    return Draft(snap, layer1, bool(d["grad1"]))

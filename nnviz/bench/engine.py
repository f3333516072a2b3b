"""The engine benchmark: iterations per second of the course's network, and how close that is to
the time of the matrix products alone (the floor any numpy implementation must pay).

One iteration of the L-layer network on X: (n_x, m) must compute, for l = 1..L,
  forward  W[l] @ A[l-1]      (n_l, n_{l-1}) @ (n_{l-1}, m)
  backward dZ[l] @ A[l-1].T   (n_l, m) @ (m, n_{l-1})
  and, for l >= 2 only, W[l].T @ dZ[l]   (n_{l-1}, n_l) @ (n_l, m)   (no dA for the input layer).
efficiency = (time of those products alone) / (engine time per iteration); 1.0 means the engine adds
nothing on top of BLAS. The products are timed on the trainer's own arrays (same shapes, dtypes and
memory layouts), in blocks interleaved with engine blocks, and each figure is a median of repeats.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from nnviz.engine.trainer import TrainConfig, Trainer

LAYER_DIMS = (12288, 20, 7, 5, 1)
M = 209  # the course's training set
DTYPES = ("float32", "float64")
TARGET = 0.85


def synthetic_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """X: (12288, 209) uniform in [0, 1), Y: (1, 209) random 0/1, both float64."""
    rng = np.random.default_rng(seed)
    X = rng.random((LAYER_DIMS[0], M))
    Y = (rng.random((1, M)) < 0.5).astype(np.float64)
    return X, Y


def matmul_set(trainer: Trainer) -> Callable[[], None]:
    """A function doing exactly the matrix products of one iteration, on the trainer's arrays.

    Call after at least one trainer.step(), so that A[l] and dZ[l] hold real (n_l, m) arrays.
    """
    W, A, dZ, L = trainer.W, trainer.A, trainer.dZ, trainer.arch.L
    pairs = [(W[l], A[l - 1]) for l in range(1, L + 1)]
    pairs += [(dZ[l], A[l - 1].T) for l in range(1, L + 1)]
    pairs += [(W[l].T, dZ[l]) for l in range(2, L + 1)]

    def run() -> None:
        for a, b in pairs:
            a @ b

    return run


def _block(fn: Callable[[], object], k: int) -> float:
    """Seconds per call over k calls."""
    t0 = time.perf_counter()
    for _ in range(k):
        fn()
    return (time.perf_counter() - t0) / k


def run_engine_bench(seconds: float = 30.0, repeats: int = 7, seed: int = 0) -> dict:
    """Time both dtypes in about `seconds` in total; returns the results as a JSON-ready dict.

    Keys: iterations_per_second and efficiency ({dtype: value}), engine_ms and matmul_ms (medians
    per iteration), iterations_per_block, repeats, layer_dims, m.
    """
    X, Y = synthetic_data(seed)
    trainers, products, k = {}, {}, {}
    for dt in DTYPES:
        t = Trainer(TrainConfig(dtype=dt, seed=1), X, Y)
        t.step()  # warm up, and give A, dZ their real shapes
        mm = matmul_set(t)
        mm()
        per_iter = _block(t.step, 1)
        # each repeat runs one engine block and one product block (a bit shorter) per dtype
        k[dt] = max(1, int(seconds / len(DTYPES) / repeats / (2 * per_iter)))
        trainers[dt], products[dt] = t, mm
    engine: dict[str, list[float]] = {dt: [] for dt in DTYPES}
    matmul: dict[str, list[float]] = {dt: [] for dt in DTYPES}
    for r in range(repeats):
        for dt in DTYPES:
            pair = [(engine[dt], trainers[dt].step), (matmul[dt], products[dt])]
            for times, fn in pair if r % 2 == 0 else pair[::-1]:  # alternate which goes first
                times.append(_block(fn, k[dt]))
    eng = {dt: statistics.median(engine[dt]) for dt in DTYPES}
    mm = {dt: statistics.median(matmul[dt]) for dt in DTYPES}
    return {
        "iterations_per_second": {dt: 1.0 / eng[dt] for dt in DTYPES},
        "efficiency": {dt: mm[dt] / eng[dt] for dt in DTYPES},
        "engine_ms": {dt: 1e3 * eng[dt] for dt in DTYPES},
        "matmul_ms": {dt: 1e3 * mm[dt] for dt in DTYPES},
        "iterations_per_block": k,
        "repeats": repeats,
        "layer_dims": list(LAYER_DIMS),
        "m": M,
    }


def main(args: argparse.Namespace) -> int:
    """`nnviz bench [--seconds S] [--json FILE]`: print the results (and write them as JSON)."""
    seconds = getattr(args, "seconds", 30.0)
    if not (np.isfinite(seconds) and seconds > 0):
        raise ValueError(f"--seconds must be a positive number, got {seconds}")
    dims = " -> ".join(str(n) for n in LAYER_DIMS)
    print(f"engine benchmark: {dims}, {M} synthetic examples, about {seconds:g} s", flush=True)
    res = run_engine_bench(seconds=seconds)
    for dt in DTYPES:
        eff = res["efficiency"][dt]
        print(
            f"{dt}: {res['iterations_per_second'][dt]:8.1f} iterations/s  "
            f"(engine {res['engine_ms'][dt]:.2f} ms/iteration, matrix products "
            f"{res['matmul_ms'][dt]:.2f} ms; efficiency {eff:.2f}, "
            f"target {TARGET:.2f} {'met' if eff >= TARGET else 'MISSED'})"
        )
    if getattr(args, "json", None):
        keys = ("iterations_per_second", "efficiency", "engine_ms", "matmul_ms")
        out = {key: res[key] for key in keys}
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0

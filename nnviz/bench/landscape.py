"""Loss-landscape benchmark: the time of a 41×41 plane (both losses) through the cat network.

Key: landscape_41x41_s, the seconds from the parameters to the two 41×41 grids of J (cross-entropy
and squared error) along two filter-normalised random directions, the work the window's Landscape
tab does in its background thread. `python -m nnviz.bench.landscape [--json FILE]` prints it against
its target; run_landscape_bench() gives the figures to merge into another benchmark's.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from nnviz.bench.targets import target_lines
from nnviz.engine.init import initialize
from nnviz.engine.landscape import Params, Surface, random_direction
from nnviz.engine.network import Architecture
from nnviz.engine.trainer import TrainConfig

TARGETS = {"landscape_41x41_s": ("<=", 5.0)}
N = 41


def run_landscape_bench(config: TrainConfig | None = None, n: int = N) -> dict:
    """Time an n×n plane through the cat network's initial parameters on the built-in data."""
    from nnviz.data import load_dataset

    cfg = config or TrainConfig()
    X, Y, _, _ = load_dataset("cats").as_dtype("float64")
    arch = Architecture.from_hidden(X.shape[0], cfg.hidden_layers, cfg.activation)
    theta = Params.of(*initialize(arch.layer_dims, cfg.init, cfg.seed, np.dtype(np.float64)))
    t0 = time.perf_counter()
    d1, d2 = random_direction(theta, 1), random_direction(theta, 2)
    grid = Surface(arch, theta, d1, d2, X, Y, cfg.l2).grid(
        np.linspace(-1, 1, n), np.linspace(-1, 1, n)
    )
    seconds = time.perf_counter() - t0
    assert all(np.isfinite(g).all() for g in grid.values())
    return {"landscape_41x41_s": seconds, "landscape_points": n * n, "m": X.shape[1]}


def main(args=None) -> int:
    """`nnviz bench landscape [--json FILE]` (args: the CLI's namespace, its options in
    args.rest), or `python -m nnviz.bench.landscape`."""
    import argparse
    import json

    p = argparse.ArgumentParser(prog="nnviz bench landscape")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    opts = p.parse_args(getattr(args, "rest", None) or (args if isinstance(args, list) else []))
    result = run_landscape_bench()
    print(f"loss landscape, {result['landscape_points']} points, m = {result['m']}")
    for line in target_lines(result, TARGETS):
        print(line)
    if opts.json:
        with open(opts.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

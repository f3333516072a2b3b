"""Timeline benchmark: scrub latency and checkpoint memory after training the cat network.

Trains headless with the timeline recording exactly as the training worker does (record after
every iteration), then shows random past iterations through Timeline.snapshot_at, the call the
window's scrubber makes. Keys: scrub_p95_ms, scrub_max_ms, checkpoint_mb (10^6 bytes),
checkpoints, max_gap (iterations between neighbouring checkpoints), record_overhead (time spent
recording over time spent training).
"""

from __future__ import annotations

import time

import numpy as np

from nnviz.bench.targets import target_lines
from nnviz.engine.timeline import DEFAULT_BUDGET, Timeline
from nnviz.engine.trainer import TrainConfig, Trainer

TARGETS = {"scrub_p95_ms": ("<=", 30), "checkpoint_mb": ("<=", 100)}


def run_timeline_bench(
    iterations: int = 10_000,
    positions: int = 50,
    budget_bytes: int = DEFAULT_BUDGET,
    config: TrainConfig | None = None,
    seed: int = 0,
) -> dict:
    """Train `iterations` of the cat network recording a timeline, then scrub `positions`."""
    from nnviz.data import load_dataset

    cfg = config or TrainConfig()
    X, Y, _, _ = load_dataset("cats").as_dtype(cfg.dtype)
    t = Trainer(cfg, X, Y)
    timeline = Timeline(budget_bytes)
    timeline.start(t)
    train_s = record_s = 0.0
    for _ in range(iterations):
        t0 = time.perf_counter()
        t.step()
        t1 = time.perf_counter()
        timeline.record(t)
        record_s += time.perf_counter() - t1
        train_s += t1 - t0
    ks = np.random.default_rng(seed).integers(0, iterations + 1, positions)
    latencies = []
    for k in ks:
        t0 = time.perf_counter()
        snap = timeline.snapshot_at(int(k))
        latencies.append(1000 * (time.perf_counter() - t0))
        assert snap.iteration == k
    keys = timeline.checkpoints()
    return {
        "scrub_p95_ms": float(np.percentile(latencies, 95)),
        "scrub_max_ms": float(np.max(latencies)),
        "checkpoint_mb": timeline.nbytes / 1e6,
        "checkpoints": len(keys),
        "max_gap": int(np.max(np.diff(keys))) if len(keys) > 1 else 0,
        "iteration_ms": 1000 * train_s / iterations,
        "record_overhead": record_s / train_s,
    }


def report(result: dict) -> list[str]:
    """One line per target, then the details."""
    lines = target_lines(result, TARGETS)
    lines.append(
        f"(timeline: {result['checkpoints']} checkpoints, gaps <= {result['max_gap']} iterations, "
        f"{result['iteration_ms']:.2f} ms/iteration, recording "
        f"{100 * result['record_overhead']:.1f} % of training time)"
    )
    return lines


if __name__ == "__main__":
    r = run_timeline_bench()
    print("\n".join(report(r)))

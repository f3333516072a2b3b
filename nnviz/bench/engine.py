"""The engine benchmark: the course's L-layer network, the engine's chosen form against the primal
form and against the course's own numpy code, as ratios measured in one run.

In process, on synthetic data of the cat set's shape (X: (12288, 209), float64), layers
(12288, 20, 7, 5, 1), lr 0.0075, the time of ITERATIONS iterations of:
  chosen  Trainer(TrainConfig()) in the form it picks (dual), set-up (X^T X, Z0) included;
  primal  Trainer(..., form="primal"): W[1] X and dZ[1] X^T every iteration;
  course  the course's functions (nnviz.bench.course), plain numpy, float64.
The primal and course figures are timed over a fraction of ITERATIONS (as many as the --seconds
budget allows) and scaled to ITERATIONS: they cost the same every iteration. All three run in
interleaved rounds, each figure a median over rounds (see run_engine_bench).
Whole process, when the course's files are in /work/shared/data/catvnoncat (see COURSE_DIR):
`nnviz train` on them with the defaults against `python nnviz/bench/course.py` (the course's code as
a plain script, without dA[0]), each as a subprocess, 2500 iterations, and whether nnviz printed the
course's costs (to 1.5e-6) and accuracies.

JSON keys: form, chosen_ms (set-up included), primal_ms, course_ms (ms per iteration), setup_ms,
speedup_vs_primal, speedup_vs_course, and when the data is there train_s, course_script_s,
train_speedup, train_matches_course (else train_skipped: why).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from nnviz.bench import course
from nnviz.bench.targets import target_lines
from nnviz.engine.trainer import TrainConfig, Trainer

LAYER_DIMS = (12288, 20, 7, 5, 1)
M = 209  # the course's training set
ITERATIONS = 2500
TARGETS = {
    "speedup_vs_primal": (">=", 30),
    "speedup_vs_course": (">=", 30),
    "train_speedup": (">=", 12),
}
COURSE_DIR = Path(os.environ.get("NNVIZ_COURSE_DATA", "/work/shared/data/catvnoncat"))
# The course's printed figures (see the data folder's README): costs at 0, 100, 2400; accuracies.
COURSE_COSTS = {0: 0.771749, 100: 0.672053, 2400: 0.092878}
COURSE_ACCURACY = (0.9856, 0.80)


def synthetic_data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """X: (12288, 209) uniform in [0, 1), Y: (1, 209) random 0/1, both float64."""
    rng = np.random.default_rng(seed)
    X = rng.random((LAYER_DIMS[0], M))
    Y = (rng.random((1, M)) < 0.5).astype(np.float64)
    return X, Y


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run_engine_bench(
    seconds: float = 30.0, iterations: int = ITERATIONS, rounds: int = 5, seed: int = 0
) -> dict:
    """The in-process figures (see the module docstring), in about `seconds` for primal + course.

    The three are timed in `rounds` interleaved rounds (chosen, primal, course, then again) and
    each per-iteration figure is the median over rounds, so a load that comes and goes on a
    shared machine weighs on all three alike. The chosen form's one-time set-up (X^T X, Z0) is
    timed on its own and added once to its `iterations`."""
    X, Y = synthetic_data(seed)
    cfg = TrainConfig(hidden_layers=LAYER_DIMS[1:-1])
    chosen = Trainer(cfg, X, Y)
    setup_s = _timed(chosen.step)  # the first step builds the dual base
    primal = Trainer(cfg, X, Y, form="primal")
    one = _timed(primal.step)
    k = int(min(iterations, max(4 * rounds, seconds / 2 / max(one, 1e-6))))
    per = {"chosen": max(1, (iterations - 1) // rounds), "primal": max(1, k // rounds)}
    per["course"] = per["primal"]
    times: dict[str, list[float]] = {name: [] for name in per}
    p = course.initialize_parameters_deep(LAYER_DIMS)

    def course_steps(n: int) -> None:
        nonlocal p
        for _ in range(n):
            AL, caches = course.L_model_forward(X, p)
            course.compute_cost(AL, Y)
            p = course.update_parameters(p, course.L_model_backward(AL, Y, caches), cfg.lr)

    runs = {"chosen": chosen.run, "primal": primal.run, "course": course_steps}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(_timed(lambda run=run, n=per[name]: run(n)) / per[name])
    med = {name: float(np.median(v)) for name, v in times.items()}
    chosen_s = setup_s + med["chosen"] * (iterations - 1)
    primal_s, course_s = med["primal"] * iterations, med["course"] * iterations
    return {
        "form": chosen.form,
        "chosen_ms": 1e3 * chosen_s / iterations,
        "primal_ms": 1e3 * med["primal"],
        "course_ms": 1e3 * med["course"],
        "setup_ms": 1e3 * setup_s,
        "speedup_vs_primal": primal_s / chosen_s,
        "speedup_vs_course": course_s / chosen_s,
        "timed_iterations": {name: n * rounds for name, n in per.items()},
    }


def _run(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=3600, check=False)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {r.stderr.strip()[-400:]}")
    return time.perf_counter() - t0, r.stdout


def matches_course(out: str) -> bool:
    """Whether `nnviz train`'s output has the course's costs (to 1.5e-6) and accuracies."""
    costs = {int(i): float(c) for i, c in re.findall(r"Cost after iteration (\d+): ([\d.]+)", out)}
    acc = re.findall(r"(Train|Test) accuracy: ([\d.]+)", out)
    ok = all(i in costs and abs(costs[i] - c) <= 1.5e-6 for i, c in COURSE_COSTS.items())
    got = [float(v) for _, v in acc]
    if len(got) != 2:
        return False
    return ok and all(abs(a - b) < 5e-5 for a, b in zip(got, COURSE_ACCURACY, strict=True))


def run_train_bench(data: Path = COURSE_DIR) -> dict:
    """Whole process: `nnviz train` with the defaults vs the course's script, same data."""
    train, test = data / "train_catvnoncat.h5", data / "test_catvnoncat.h5"
    if not (train.is_file() and test.is_file()):
        return {"train_skipped": f"the course's files are not in {data}"}
    nnviz = [sys.executable, "-m", "nnviz", "train", "--dataset", str(train), "--test", str(test)]
    train_s, out = _run(nnviz)
    script_s, _ = _run([sys.executable, course.__file__, str(train), str(test)])
    return {
        "train_s": train_s,
        "course_script_s": script_s,
        "train_speedup": script_s / train_s,
        "train_matches_course": matches_course(out),
    }


def report(res: dict) -> list[str]:
    """One line per figure against its target, then the details."""
    shown = {k: v for k, v in TARGETS.items() if k in res}
    lines = target_lines(res, shown)
    lines.append(
        f"(form {res['form']}: {res['chosen_ms']:.3f} ms/iteration; primal "
        f"{res['primal_ms']:.2f} ms, course's code {res['course_ms']:.2f} ms)"
    )
    if "train_skipped" in res:
        lines.append(f"(whole process skipped: {res['train_skipped']})")
    else:
        same = "reproduces" if res["train_matches_course"] else "DOES NOT reproduce"
        lines.append(
            f"(nnviz train {res['train_s']:.2f} s, the course's script "
            f"{res['course_script_s']:.2f} s; nnviz {same} the course's costs and accuracies)"
        )
    return lines


def main(args: argparse.Namespace) -> int:
    """`nnviz bench [--seconds S] [--json FILE]`: print the results (and write them as JSON)."""
    seconds = getattr(args, "seconds", 30.0)
    if not (np.isfinite(seconds) and seconds > 0):
        raise ValueError(f"--seconds must be a positive number, got {seconds}")
    dims = " -> ".join(str(n) for n in LAYER_DIMS)
    print(f"engine benchmark: {dims}, {M} synthetic examples, float64, {ITERATIONS} iterations")
    res = run_engine_bench(seconds=seconds)
    res.update(run_train_bench())
    print("\n".join(report(res)))
    if getattr(args, "json", None):
        Path(args.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0

"""A sweep (Qt-free): one setting at a few values, each trained from the same settings otherwise,
side by side, through the one training loop (nnviz.run.loop), so each run equals a single run
with its settings.

sweep_configs(base, setting, text) parses the values ("0.001, 0.01, 0.1"; hidden layers as
"20, 7, 5; 10; 5, 5") with the side panel's parsers. Sweep(configs, data, iterations) trains them
in turns of CHUNK iterations (the curves grow together), evaluates each every EVAL_EVERY
iterations and at its end, and stops when should_stop() says so; a divergence ends that run
only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from nnviz.engine.evaluation import Evaluation, evaluate
from nnviz.engine.init import INITS
from nnviz.engine.trainer import TrainConfig, Trainer, TrainingDiverged
from nnviz.run.loop import Loop
from nnviz.run.settings import parse_layers, parse_positive_float

SETTINGS = {  # what a sweep varies: (label, TrainConfig field)
    "lr": ("learning rate α", "lr"),
    "layers": ("hidden layers", "hidden_layers"),
    "l2": ("L2 λ", "l2"),
    "init": ("initialisation", "init"),
    "seed": ("seed", "seed"),
}
MAX_VALUES = 8
CHUNK = 25
EVAL_EVERY = 100


def _seed(text: str) -> int:
    t = text.strip()
    if not t.isdigit():
        raise ValueError(f"seed: “{t}” is not a whole number ≥ 0")
    return int(t)


def _init(text: str) -> str:
    t = text.strip().lower()
    if t not in INITS:
        raise ValueError(f"initialisation: “{text.strip()}” is not one of {', '.join(INITS)}")
    return t


PARSERS: dict[str, Callable[[str], Any]] = {
    "lr": lambda s: parse_positive_float(s, "learning rate"),
    "layers": parse_layers,
    "l2": lambda s: parse_positive_float(s, "L2", allow_zero=True),
    "init": _init,
    "seed": _seed,
}


def sweep_configs(base: TrainConfig, setting: str, text: str) -> list[TrainConfig]:
    """The settings of each run: `base` with `setting` at each value of `text` (values split by
    "," or ";"; hidden layers by ";" only). ValueError names the value that is wrong."""
    if setting not in SETTINGS:
        raise ValueError(f"a sweep varies one of {', '.join(SETTINGS)}, not {setting!r}")
    if setting == "layers":  # "20, 7, 5; 10": layers within a value, values by ";"
        parts = [p.strip() for p in text.split(";")]
    else:
        parts = [p.strip() for p in text.replace(";", ",").split(",")]
    parts = [p for p in parts if p]
    if not parts:
        sep = "“;”" if setting == "layers" else "“,”"
        raise ValueError(f"give a few values to try, separated by {sep}")
    if len(parts) > MAX_VALUES:
        raise ValueError(f"{len(parts)} values: a sweep tries at most {MAX_VALUES}")
    values = [PARSERS[setting](p) for p in parts]
    return [replace(base, **{SETTINGS[setting][1]: v}) for v in values]


def describe(setting: str, cfg: TrainConfig) -> str:
    """ "α = 0.01", "layers 20, 7, 5", "λ = 0.1", "init he", "seed 2": a run's value, short."""
    v = getattr(cfg, SETTINGS[setting][1])
    if setting == "layers":
        return "layers " + (", ".join(str(n) for n in v) or "none")
    if setting in ("lr", "l2"):
        return f"{'α' if setting == 'lr' else 'λ'} = {v:g}"
    return f"{setting} {v}"


@dataclass
class SweepRun:
    """One run of a sweep: its settings, J of iterations 0..done-1, evaluations, how it ended
    ("" while going on, "done", "diverged: …", "cancelled")."""

    config: TrainConfig
    costs: list[float] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    ended: str = ""


class Sweep:
    """Trains `configs` for `iterations` iterations each on data(dtype) -> (X (n_x, m),
    Y (1, m), X_test, Y_test) (the test set for the evaluations), in each config's precision."""

    def __init__(
        self, configs: list[TrainConfig], data: Callable[[str], tuple], iterations: int
    ) -> None:
        self.runs = [SweepRun(c) for c in configs]
        self.iterations = int(iterations)
        self._data = data

    def _arrays(self, cfg: TrainConfig, cache: dict) -> tuple:
        """(X, Y, X_test, Y_test) in cfg's precision (from the dataset, as the window trains)."""
        if cfg.dtype not in cache:
            cache[cfg.dtype] = self._data(cfg.dtype)
        return cache[cfg.dtype]

    def run(
        self,
        should_stop: Callable[[], bool] = lambda: False,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[SweepRun]:
        """Train every run in turns; progress(iterations done, of all) after each turn."""
        cache: dict = {}
        loops = []
        for r in self.runs:
            X, Y, _, _ = self._arrays(r.config, cache)
            loops.append(Loop(Trainer(r.config, X, Y)))
        total = self.iterations * len(self.runs)
        while any(not r.ended for r in self.runs):
            for r, loop in zip(self.runs, loops, strict=True):
                if r.ended:
                    continue
                if should_stop():
                    for other in self.runs:
                        other.ended = other.ended or "cancelled"
                    return self.runs
                self._turn(r, loop, cache)
            if progress is not None:
                progress(sum(len(r.costs) for r in self.runs), total)
        return self.runs

    def _turn(self, r: SweepRun, loop: Loop, cache: dict) -> None:
        t = loop.trainer
        X, Y, X_test, Y_test = self._arrays(r.config, cache)
        try:
            for _ in range(min(CHUNK, self.iterations - t.iteration)):
                r.costs.append(float(loop.iterate()))
                if t.iteration % EVAL_EVERY == 0 or t.iteration == self.iterations:
                    r.evaluations.append(
                        evaluate(t.iteration, t.arch, t.W, t.b, t.loss, X, Y, X_test, Y_test)
                    )
        except TrainingDiverged as e:
            r.ended = f"diverged: {e}"
            return
        if t.iteration >= self.iterations:
            # J of the last parameters too, as the window's record has it
            cost = t.cost_now() if hasattr(t, "cost_now") else float("nan")
            r.costs.append(float(cost) if np.isfinite(cost) else float("nan"))
            r.ended = "done"

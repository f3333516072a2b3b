"""`nnviz train`: train a network headless and print the course's log.

stdout keeps the course's log ("Cost after iteration i: J", then the accuracies); what goes wrong
is said on stderr as "nnviz: ...": a divergence (with its cause), an interruption, and a run that
stalled because a whole layer of ReLUs died (with the remedy). --report writes settings, the
logged costs and the outcome as JSON; its costs are collected as the run goes, so they never
depend on how many costs the trainer's log keeps.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

from nnviz.cli import EXIT_INTERRUPTED, UsageError
from nnviz.run.loop import Loop
from nnviz.run.modelmeta import model_meta
from nnviz.run.settings import parse_layers

REPORT_EVERY = 100  # --report keeps the cost of every 100th iteration, and the last one


def add_parser(sub, formatter) -> None:
    """The train subcommand on `sub` (argparse subparsers)."""
    t = sub.add_parser(
        "train", help="train a network and print its costs and accuracy", formatter_class=formatter
    )
    t.add_argument(
        "--dataset",
        default="cats",
        help="built-in name, .h5 file, folder, or course (the course's photos, downloaded once)",
    )
    t.add_argument("--test", help="test set (.h5 file or folder) when --dataset has none")
    t.add_argument("--positive", help="the class that is y = 1 in a folder dataset")
    t.add_argument(
        "--layers", help='hidden layer sizes (default: 20,7,5); "" is logistic regression'
    )
    t.add_argument(
        "--activation", help="hidden activation: relu, leaky_relu, tanh, sigmoid, linear "
        "(default: relu, or --init-model's)"
    )  # fmt: skip
    t.add_argument("--loss", default="cross-entropy", help="cross-entropy or squared-error")
    t.add_argument("--init", default="course", help="course, small, he, xavier or zeros")
    t.add_argument("--seed", type=int, default=1, help="RandomState seed for W")
    t.add_argument("--lr", type=float, default=0.0075, help="learning rate alpha")
    t.add_argument("--iterations", type=int, default=2500, help="parameter updates to run")
    t.add_argument("--batch-size", type=int, help="mini-batch size (default: full batch)")
    t.add_argument("--l2", type=float, default=0.0, help="L2 regularisation lambda")
    t.add_argument("--dtype", help="float64 (default: the course's digits) or float32")
    t.add_argument("--init-model", metavar="NPZ", help="start from this model's weights")
    t.add_argument("--save-model", metavar="NPZ", help="write the trained model (.npz)")
    t.add_argument("--report", metavar="JSON", help="write settings, costs and accuracy")
    t.add_argument("--print-every", type=int, default=100, metavar="N", help="log every N")


def _layers(text: str) -> tuple[int, ...]:
    try:
        return parse_layers(text)
    except ValueError as e:
        raise UsageError(f"--layers {text!r}: {e}") from None


def _check_writable(path: str | None, option: str) -> None:
    if path is not None and not Path(path).resolve().parent.is_dir():
        raise UsageError(f"{option} {path}: the folder {Path(path).parent} does not exist")


def _config(args: argparse.Namespace, model_meta):
    """TrainConfig from the arguments (the engine's checks raise ValueError)."""
    from nnviz.engine import TrainConfig, get_activation, initialize

    hidden = _layers(args.layers) if args.layers is not None else None
    activation = get_activation(args.activation).name if args.activation is not None else None
    if model_meta is not None:
        dims, act = model_meta.layer_dims[1:-1], model_meta.activation
        if (hidden is not None and hidden != dims) or activation not in (None, act):
            raise UsageError(
                f"--init-model {args.init_model} has hidden layers {list(dims)} with {act}; "
                "leave out --layers/--activation or make them match"
            )
        hidden, activation = dims, act
    initialize([1, 1], args.init)  # the engine's check of the name
    if args.iterations < 0:
        raise UsageError(f"--iterations must be zero or more, got {args.iterations}")
    if args.print_every < 0:
        raise UsageError(f"--print-every must be zero (never) or more, got {args.print_every}")
    return TrainConfig(
        hidden_layers=(20, 7, 5) if hidden is None else hidden,
        activation=activation or "relu",
        loss=args.loss,
        init=args.init,
        seed=args.seed,
        lr=args.lr,
        batch_size=args.batch_size,
        l2=args.l2,
        dtype=args.dtype or TrainConfig.dtype,
    )


def stall_message(trainer, X, cost: float | None = None) -> str | None:
    """What to say when training has stalled because a whole layer of ReLUs is dead (they output
    0 for every training example in X, so no gradient reaches that layer or the ones before it),
    with the remedy; None otherwise (a few dead units are common and harmless). cost: the last
    J, said as the value the cost stays at."""
    from nnviz.engine.unit_health import REMEDY, health, messages

    h = health(trainer.arch, trainer.W, trainer.b, X, trainer.iteration)
    full = h.fully_dead()
    if not full:
        return None
    if h.all_zero:  # zeros initialisation with ReLU: a dead network from the start, say that
        return f"training has stalled: {messages(h)[0]}"
    per = ", ".join(f"layer {l}: {int(d.sum())}/{d.size}" for l, d in enumerate(h.dead) if d.size)
    which = "every ReLU" if h.dead_count() == h.relu_count() else f"every ReLU of layer {full[-1]}"
    stays = f" and J stays at {cost:.3f}" if cost is not None else ""
    return (
        f"training has stalled: {which} is dead ({per} dead): they output 0 for every training "
        f"example, so no gradient reaches layer {full[-1]} or the layers before it{stays}. "
        f"Remedy: {REMEDY}."
    )


class _Log:
    """The course's log on stdout, the progress bar, and the costs --report keeps (every
    REPORT_EVERY-th and the last two, collected as the run goes)."""

    def __init__(self, n: int, every: int) -> None:
        from nnviz.cli_term import iteration_bar

        self.n, self.every, self.bar = n, every, iteration_bar(n)
        self.kept: dict[int, float] = {}
        self.recent: list[tuple[int, float]] = []

    def __call__(self, i: int, cost: float) -> None:
        if self.every and (i % self.every == 0 or i == self.n - 1):
            print(f"Cost after iteration {i}: {cost:.6f}", flush=True)
        self.bar(i + 1, cost)
        if i % REPORT_EVERY == 0:
            self.kept[i] = cost
        self.recent = [*self.recent[-1:], (i, cost)]

    def report(self, ran: int) -> dict[str, float]:
        """The costs of iterations before `ran` (a divergence takes back the last iteration):
        every REPORT_EVERY-th and that of iteration ran - 1."""
        out = {i: c for i, c in self.kept.items() if i < ran}
        out.update((i, c) for i, c in self.recent if i == ran - 1)
        return {str(i): out[i] for i in sorted(out)}


def cmd_train(args: argparse.Namespace) -> int:
    """Train like the course's notebooks; exit 0, 1 if training diverged, 130 on Ctrl+C."""
    import numpy as np

    from nnviz.cli_data import load_training_data, report_entries
    from nnviz.data.modelfile import load_model, save_model
    from nnviz.data.planar import cli_config as planar_config
    from nnviz.engine import Trainer, TrainingDiverged, accuracy

    _check_writable(args.save_model, "--save-model")
    _check_writable(args.report, "--report")
    init = load_model(args.init_model) if args.init_model else None
    config = _config(args, init[0] if init else None)
    ds = load_training_data(args)
    config = planar_config(ds, config, args)  # a 2-D dataset's own defaults (issue 13)
    X, Y, X_test, Y_test = ds.as_dtype(np.dtype(config.dtype))
    trainer = Trainer(config, X, Y)
    if init is not None:
        meta, W, b = init
        if meta.layer_dims[0] != X.shape[0]:
            raise UsageError(
                f"--init-model {args.init_model} takes {meta.layer_dims[0]} inputs but "
                f"{ds.name} has {X.shape[0]} values per example"
            )
        trainer.set_params(W, b)

    stop = {"sigint": False}

    def on_sigint(signum, frame) -> None:
        stop["sigint"] = True

    try:
        old_handler = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread: Ctrl+C cannot reach us anyway
        old_handler = None
    n = args.iterations
    log = _Log(n, args.print_every)
    status, started = 0, time.perf_counter()
    try:
        done = Loop(trainer).run(n, should_stop=lambda: stop["sigint"], each=log)
        if done < n:
            print(f"nnviz: interrupted after {done} iterations", file=sys.stderr)
            status = EXIT_INTERRUPTED
    except TrainingDiverged as e:
        print(f"nnviz: {e}", file=sys.stderr)
        status = 1
    finally:
        if old_handler is not None:
            signal.signal(signal.SIGINT, old_handler)
    seconds = time.perf_counter() - started
    last = log.recent[-1][1] if log.recent else None
    stalled = None if status == 1 else stall_message(trainer, X, last)  # diverged: said why
    if stalled is not None:
        print(f"nnviz: {stalled}", file=sys.stderr)

    arch, W, b = trainer.arch, trainer.W, trainer.b
    train_acc = accuracy(arch, W, b, X, Y)
    test_acc = accuracy(arch, W, b, X_test, Y_test) if X_test.shape[1] else None
    print(f"Train accuracy: {train_acc:.4f}")
    print(f"Test accuracy: {test_acc:.4f}" if test_acc is not None else "Test accuracy: n/a")
    if args.save_model:
        done = (init[0].iterations if init else 0) + trainer.iteration
        meta = model_meta(arch.layer_dims, arch.hidden, trainer.loss.name, ds, done, config.dtype)
        save_model(args.save_model, W, b, meta)
    if args.report:
        entries = report_entries(ds)
        if stalled is not None:
            entries["warnings"].append(stalled)
        report = {
            "settings": {
                "dataset": args.dataset,
                "test": args.test,
                "positive": args.positive,
                "layers": list(config.hidden_layers),
                "layer_dims": list(arch.layer_dims),
                "activation": arch.hidden,
                "loss": trainer.loss.name,
                "init": config.init,
                "seed": config.seed,
                "lr": config.lr,
                "iterations": n,
                "batch_size": config.batch_size,
                "l2": config.l2,
                "dtype": config.dtype,
                "init_model": args.init_model,
            },
            "examples": {"train": int(X.shape[1]), "test": int(X_test.shape[1])},
            **entries,
            "iterations_run": trainer.iteration,
            "form": trainer.form,  # layer 1's: "dual" (Gram) or "primal"
            "form_reason": trainer.form_reason,
            "outcome": {0: "completed", 1: "diverged", EXIT_INTERRUPTED: "interrupted"}[status],
            "costs": log.report(len(trainer.costs)),
            "train_accuracy": train_acc,
            "test_accuracy": test_acc,
            "seconds": seconds,
        }
        Path(args.report).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return status

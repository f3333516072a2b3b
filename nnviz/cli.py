"""The command line: `nnviz` opens the window; `nnviz train | predict | bench` work without it.

Bad arguments and bad input files give one line "nnviz: error: ..." on stderr and exit status 2.
Heavy imports (Qt, the data loaders) happen inside the commands that need them.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

from nnviz.run.loop import Loop
from nnviz.run.modelmeta import model_meta
from nnviz.run.settings import parse_layers, parse_size

EXIT_ERROR, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 2, 130, 141


class UsageError(Exception):
    """A bad argument value, reported as one line with exit status 2."""


_MORE_COMMANDS = """more commands:
  bench gui          the window training the cat network at full speed, measured
  bench soak         a long run of the window: memory and frame times over minutes"""


class _Help(argparse.ArgumentDefaultsHelpFormatter):
    """Shows "(default: X)" for options that have a default worth saying (not None or False)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default is None or action.default is False or "default" in (action.help or ""):
            return action.help or ""
        return super()._get_help_string(action) or ""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage block
        self.exit(EXIT_ERROR, f"nnviz: error: {message} (see {self.prog} --help)\n")


def _size(text: str) -> tuple[int, int]:
    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _layers(text: str) -> tuple[int, ...]:
    try:
        return parse_layers(text)
    except ValueError as e:
        raise UsageError(f"--layers {text!r}: {e}") from None


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="nnviz",
        description="Watch a neural network learn cat or not cat.",
        epilog=_MORE_COMMANDS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--dataset", default="cats", help="built-in name, .h5 file, folder or course")
    p.add_argument("--screenshot", metavar="PNG", help="save the window to PNG and quit")
    p.add_argument(
        "--dump-state",
        metavar="JSON",
        help="with --screenshot: also write what every view shows (iteration, J, …) as JSON",
    )
    p.add_argument("--train", type=int, default=0, metavar="N", help="train N iterations first")
    p.add_argument("--presenter", action="store_true", help="start in presenter mode (F5)")
    p.add_argument(
        "--size",
        type=_size,
        default=None,
        metavar="WxH",
        help="window size in logical pixels (default: 1600x1000, fitted to the screen)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    t = sub.add_parser(
        "train", help="train a network and print its costs and accuracy", formatter_class=_Help
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

    from nnviz.cli_model import add_parsers

    add_parsers(sub, _Help)  # predict, export
    b = sub.add_parser(
        "bench",
        help="engine speed against the bare matrix products (see also below)",
    )
    b.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    b.add_argument("--seconds", type=float, default=30.0, help="about how long to run")
    bsub = b.add_subparsers(dest="bench_command", metavar="{gui,soak,landscape}")
    for word in ("gui", "soak", "landscape"):
        bsub.add_parser(word, help=f"the {word} benchmark (its own options follow)", add_help=False)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if getattr(args, "bench_command", None):  # `bench gui|soak` parse their own options
        args.rest = rest
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    from nnviz.data.errors import DataError

    try:
        if args.command == "train":
            return cmd_train(args)
        if args.command in ("predict", "export"):
            from nnviz import cli_model

            if args.command == "export":
                return cli_model.cmd_export(args)
            return cli_model.cmd_predict(args, UsageError)
        if args.command == "bench":
            return cmd_bench(args)
        if args.train < 0:
            raise UsageError(f"--train must be zero or more iterations, got {args.train}")
        from nnviz.ui.app import run_app

        return run_app(args)
    except BrokenPipeError:  # `nnviz train | head`: the reader left; stop quietly like Unix tools
        from nnviz.cli_term import silence_stdout

        silence_stdout()
        return EXIT_BROKEN_PIPE
    except (UsageError, ValueError, DataError, OSError) as e:
        print(f"nnviz: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("nnviz: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


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


def cmd_train(args: argparse.Namespace) -> int:
    """Train like the course's notebooks; exit 0, 1 if training diverged, 130 on Ctrl+C."""
    import numpy as np

    from nnviz.cli_data import load_training_data, report_entries
    from nnviz.cli_term import iteration_bar
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
    n, every = args.iterations, args.print_every
    bar = iteration_bar(n)
    status, started = 0, time.perf_counter()

    def each(i: int, cost: float) -> None:
        if every and (i % every == 0 or i == n - 1):
            print(f"Cost after iteration {i}: {cost:.6f}", flush=True)
        bar(i + 1, cost)

    try:
        done = Loop(trainer).run(n, should_stop=lambda: stop["sigint"], each=each)
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

    arch, W, b = trainer.arch, trainer.W, trainer.b
    train_acc = accuracy(arch, W, b, X, Y)
    test_acc = accuracy(arch, W, b, X_test, Y_test) if X_test.shape[1] else None
    print(f"Train accuracy: {train_acc:.4f}")
    print(f"Test accuracy: {test_acc:.4f}" if test_acc is not None else "Test accuracy: n/a")
    ran = len(trainer.costs)
    if args.save_model:
        done = (init[0].iterations if init else 0) + trainer.iteration
        meta = model_meta(arch.layer_dims, arch.hidden, trainer.loss.name, ds, done, config.dtype)
        save_model(args.save_model, W, b, meta)
    if args.report:
        costs = {str(i): c for i, c in enumerate(trainer.costs) if i % 100 == 0 or i == ran - 1}
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
            **report_entries(ds),
            "iterations_run": trainer.iteration,
            "form": trainer.form,  # layer 1's: "dual" (Gram) or "primal"
            "form_reason": trainer.form_reason,
            "outcome": {0: "completed", 1: "diverged", EXIT_INTERRUPTED: "interrupted"}[status],
            "costs": costs,
            "train_accuracy": train_acc,
            "test_accuracy": test_acc,
            "seconds": seconds,
        }
        Path(args.report).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return status


def cmd_bench(args: argparse.Namespace) -> int:
    """The engine benchmark, or `bench gui` / `bench soak` when this build has them."""
    import importlib

    which = args.bench_command
    if which is None:
        from nnviz.bench.engine import main as bench_main

        return bench_main(args)
    try:
        module = importlib.import_module(f"nnviz.bench.{which}")
    except ImportError:
        print(f"nnviz bench {which} is not available in this build", file=sys.stderr)
        return EXIT_ERROR
    return module.main(args)

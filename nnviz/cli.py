"""The command line: `nnviz` opens the window; `nnviz train | predict | bench` work without it.

Bad arguments and bad input files give one line "nnviz: error: ..." on stderr and exit status 2.
Heavy imports (Qt, the data loaders) happen inside the commands that need them. The commands
live beside this module: nnviz.cli_train, nnviz.cli_model (predict, export), nnviz.bench.
"""

from __future__ import annotations

import argparse
import sys

from nnviz.run.settings import parse_size

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

    from nnviz.cli_model import add_parsers
    from nnviz.cli_train import add_parser as add_train

    add_train(sub, _Help)  # train (nnviz.cli_train)
    add_parsers(sub, _Help)  # predict, export (nnviz.cli_model)
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
            from nnviz.cli_train import cmd_train

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

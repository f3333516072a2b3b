"""The window's side of the training process (nnviz.run.remote): start it, hand it a run, read.

TrainingProcess.begin(t, ...) sends t's data (once per dataset), its config, its exact state and,
in dual form, its base (once per base), then lets the process train; next() returns what it sent
back, decoded onto t's own base: Progress (costs, states to keep, a Draft) and finally End (why,
and the state it ended at, which the caller restores into t). stop() asks it to end after the
iteration in progress: it sets a byte both sides map, which the process reads between
iterations, so any thread may call it and the run ends within one iteration. Any failure of
the process raises ProcessFailed; the caller then trains in its own thread as before.
"""

from __future__ import annotations

import mmap
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import numpy as np

import nnviz
from nnviz.engine.dual import DualBase
from nnviz.engine.snapshot import Draft
from nnviz.engine.trainer import Trainer, TrainerState
from nnviz.run import wire
from nnviz.run.remote_codec import base_msg, config_msg, draft_of, state_msg, state_of

PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe's size


class ProcessFailed(RuntimeError):
    """The training process could not start, died, or sent something that is not a message."""


@dataclass(frozen=True)
class Progress:
    """costs: J of iterations first, first + 1, ...; states: exact states to keep, increasing;
    draft: the run about to update at some iteration (the newest), or None."""

    first: int
    costs: np.ndarray
    states: list[TrainerState]
    draft: Draft | None


@dataclass(frozen=True)
class End:
    """why: "stopped", "target", "diverged" or "error"; message: for the user (diverged,
    error); state: where the run ended (None if it could not say)."""

    why: str
    message: str
    state: TrainerState | None


def _shared_byte_file() -> int:
    """A one-byte file with no name (its descriptor; the process maps it too)."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("nnviz-stop")
    else:
        with tempfile.TemporaryFile() as f:
            fd = os.dup(f.fileno())
    os.ftruncate(fd, 1)
    return fd


def _widen(fd: int) -> None:
    """Let the pipe hold PIPE_BYTES, so the process rarely waits for this side to read (Linux;
    elsewhere the default stays)."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass


def blas_threads() -> int:
    """How many threads numpy's BLAS runs in this process now (1 when it cannot tell)."""
    from threadpoolctl import threadpool_info

    counts = [i["num_threads"] for i in threadpool_info() if i.get("user_api") == "blas"]
    return max(counts) if counts else 1


class TrainingProcess:
    """One training process, started on first use and kept until close()."""

    def __init__(self, threads: int | None = None) -> None:
        """threads: for numpy's BLAS in the process; None: as many as in this one (the
        same count makes the same sums, so both sides compute the same numbers)."""
        self.blas_threads = blas_threads() if threads is None else threads
        self._proc: subprocess.Popen | None = None
        self._X: np.ndarray | None = None  # the data and base the process holds (by identity)
        self._base: DualBase | None = None
        self._running = False
        self._stop: mmap.mmap | None = None  # one byte shared with the process: 1 = stop

    def start(self) -> None:
        """Start the process now (it loads numpy while the caller goes on); begin() otherwise
        starts it. ProcessFailed if it cannot start."""
        self._start()

    def _start(self) -> subprocess.Popen:
        if self._proc is None:
            if getattr(sys, "frozen", False):  # a bundled app: sys.executable is not Python
                raise ProcessFailed("a bundled application cannot start a Python process")
            root = os.path.dirname(os.path.dirname(os.path.abspath(nnviz.__file__)))
            path = os.environ.get("PYTHONPATH")
            env = dict(os.environ, PYTHONPATH=root if not path else root + os.pathsep + path)
            env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = str(self.blas_threads)
            try:
                fd = _shared_byte_file()
                self._stop = mmap.mmap(fd, 1)
                self._proc = subprocess.Popen(
                    [sys.executable, "-m", "nnviz.run.remote", str(fd)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                    pass_fds=(fd,),
                )
                os.close(fd)
            except (OSError, ValueError) as e:
                raise ProcessFailed(f"could not start the training process: {e}") from e
            assert self._proc.stdout is not None
            _widen(self._proc.stdout.fileno())
        return self._proc

    @property
    def pid(self) -> int | None:
        """The process's id once started (None before)."""
        return None if self._proc is None else self._proc.pid

    def _write(self, msg: dict) -> None:
        p = self._start()
        assert p.stdin is not None
        try:
            wire.write(p.stdin.fileno(), msg)
        except OSError as e:
            raise ProcessFailed(f"the training process is gone: {e}") from e

    def begin(
        self, t: Trainer, target: int | None, keep_before: int, every: int, frame_s: float
    ) -> None:
        """Continue t's run in the process (t itself is not changed) until target (None: until
        stop()); states are sent for iterations before keep_before and every `every` after."""
        s = t.state()
        if self._X is not t.X:
            data = {"kind": "data", "Y": t.Y, "shape": list(t.X.shape), "dtype": t.X.dtype.str}
            self._write({**data, "X": None if t.dual else t.X})
            self._X, self._base = t.X, None
        load: dict[str, object] = {"kind": "load", "config": config_msg(t.config)}
        load.update(form=t.form, blas=self.blas_threads, state=state_msg(s), base=None)
        if s.dual is not None and s.dual.base is not self._base:
            load["base"] = base_msg(s.dual.base)
            self._base = s.dual.base
        self._write(load)
        go = {"kind": "go", "target": target, "keep_before": keep_before, "every": every}
        assert self._stop is not None
        self._stop[0] = 0
        self._write({**go, "frame_s": frame_s, "flush_s": 0.02})
        self._running = True

    def stop(self) -> None:
        """Ask the run begun to end after its iteration in progress (next() then ends with
        End). Any thread may call it, at any time: before begin() it does nothing."""
        flag = self._stop
        if flag is not None and self._running:
            flag[0] = 1

    def next(self) -> Progress | End:
        """The next message of the run begun (blocking); after End, begin() again."""
        p = self._start()
        assert p.stdout is not None
        if not self._running:
            raise ProcessFailed("next() without a run begun")
        try:
            msg = wire.read(p.stdout.fileno())
        except (EOFError, OSError, wire.WireError) as e:
            self._running = False
            raise ProcessFailed(f"the training process stopped answering: {e}") from e
        base = self._base
        if msg["kind"] == "end":
            self._running = False
            s = msg["state"]
            return End(msg["why"], msg["message"], None if s is None else state_of(s, base))
        draft = msg["draft"]
        return Progress(
            int(msg["first"]),
            msg["costs"],
            [state_of(s, base) for s in msg["states"]],
            None if draft is None else draft_of(draft, base),
        )

    def close(self) -> None:
        """End the process (it exits when its input closes; killed if it has not in 2 s)."""
        p, self._proc = self._proc, None
        if p is None:
            return
        self._running = False
        for f in (p.stdin, p.stdout):
            if f is not None:
                f.close()
        try:
            p.wait(timeout=2)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()

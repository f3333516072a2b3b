"""The training process: a run's iterations at full speed, in a Python of its own.

The dual-form engine is bound by Python, so in the window's process it shares the GIL with the
painting and runs at half its speed. While the window plays at full speed its training worker
hands the run to this process (nnviz.run.remote_client), which trains it with the same code on
the same numbers (the base of the dual form arrives from the window: a replay in the window is
bit for bit this process's run) and streams back what the worker would have made itself:
costs, the states the timeline keeps, and a Draft of the run about every frame. Messages are
nnviz.run.wire's (JSON and arrays, no pickle), on stdin and stdout; prints go to stderr.

From the window:  data (Y, and X in primal form: dual form never reads X), load (config, form,
    BLAS threads, the state to continue from, the base when new), go (target, which states to
    send, frame and flush intervals).
To the window:    progress (first iteration and costs, states, draft or None), then one end
    (why: "stopped", "target", "diverged" or "error"; message; the state it ended at).
A go ends between iterations once the window sets the shared stop byte (a file descriptor
given as the one argument, mapped by both): a control acts within one iteration.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import sys
import time

import numpy as np

from nnviz.engine.dual import DualBase
from nnviz.engine.snapshot import take_draft
from nnviz.engine.trainer import Trainer, TrainerState, TrainingDiverged
from nnviz.run import wire
from nnviz.run.loop import Loop
from nnviz.run.remote_codec import base_of, config_of, draft_msg, state_msg, state_of


class Child:
    """The process's one run: data, base and trainer, kept between go's."""

    def __init__(self, inp: int, out: int, stop: mmap.mmap) -> None:
        """inp, out: the message streams; stop: one shared byte, set by the window to end a go."""
        self.inp, self.out, self.stop = inp, out, stop
        self.X: np.ndarray | None = None
        self.Y: np.ndarray | None = None
        self.base: DualBase | None = None
        self.trainer: Trainer | None = None
        self._blas = None

    def serve(self) -> None:
        while True:
            try:
                msg = wire.read(self.inp)
            except EOFError:
                return
            kind = msg.get("kind")
            if kind == "data":
                self.Y = msg["Y"]
                X = msg.get("X")
                # dual form never reads X: zeros the OS maps only if touched (not resident)
                self.X = X if X is not None else np.zeros(msg["shape"], msg["dtype"])
                self.base, self.trainer = None, None
            elif kind == "load":
                self._load(msg)
            elif kind == "go":
                self._go(msg)

    def _load(self, msg: dict) -> None:
        assert self.X is not None and self.Y is not None, "load before data"
        if msg.get("base") is not None:
            self.base = base_of(msg["base"], self.X)
        cfg, form = config_of(msg["config"]), msg["form"]
        t = self.trainer
        if t is None or t.config != cfg or t.form != form:
            t = self.trainer = Trainer(cfg, self.X, self.Y, form=form)
        s = state_of(msg["state"], self.base)
        t.restore_state(s, costs=())  # the window keeps the run's costs
        if self._blas is None:
            from threadpoolctl import threadpool_limits

            self._blas = threadpool_limits(limits=int(msg["blas"]), user_api="blas")

    def _go(self, msg: dict) -> None:
        t = self.trainer
        assert t is not None, "go before load"
        loop = Loop(t)
        target, keep_before, every = msg["target"], int(msg["keep_before"]), int(msg["every"])
        frame_s, flush_s = float(msg["frame_s"]), float(msg["flush_s"])
        mini = t.config.batch_size is not None and t.config.batch_size < t.m
        shuffles: list[TrainerState] = [t.state(params=False)] if mini else []
        sent, kept = len(t.costs), t.iteration
        states: list[dict] = []
        drafts: list = []
        last_frame = last_flush = 0.0
        why, message = "stopped", ""

        def show(tr: Trainer) -> None:
            drafts.append(take_draft(tr))

        while True:
            if target is not None and t.iteration >= target:
                why = "target"
                break
            if self.stop[0]:  # the window's flag, read between iterations
                break
            now = time.perf_counter()
            frame = now - last_frame >= frame_s
            try:
                loop.iterate(show if frame else None)
            except TrainingDiverged as e:
                for s in shuffles:  # the mini-batch order back as it was (Timeline.recover)
                    if s.iteration == t.iteration:
                        t.restore_shuffle(s)
                why, message = "diverged", str(e)
                break
            except Exception as e:  # reported to the window, which trains on by itself
                why, message = "error", f"training stopped: {type(e).__name__}: {e}"
                break
            if frame:
                last_frame = now
            it = t.iteration
            if mini:
                shuffles = [*shuffles[-1:], t.state(params=False)]
            if it < keep_before or it - kept >= every:
                states.append(state_msg(t.state()))
                kept = it
            if drafts or now - last_flush >= flush_s:
                sent = self._flush(sent, states, drafts)
                last_flush = now
        sent = self._flush(sent, states, drafts)
        end = t.state() if not t.mid_iteration else None
        wire.write(
            self.out,
            {"kind": "end", "why": why, "message": message, "state": end and state_msg(end)},
        )

    def _flush(self, sent: int, states: list, drafts: list) -> int:
        t = self.trainer
        assert t is not None
        its, costs = t.costs.since(sent)
        draft = draft_msg(drafts[-1]) if drafts else None
        if costs.size or states or draft is not None:
            first = int(its[0]) if its.size else len(t.costs)
            msg = {"kind": "progress", "first": first, "costs": costs, "states": states}
            wire.write(self.out, {**msg, "draft": draft})
        states.clear()
        drafts.clear()
        return len(t.costs)


def main() -> None:
    out = os.dup(1)
    os.dup2(2, 1)  # anything printed goes to stderr, never into the messages
    sys.stdout = sys.stderr
    stop = mmap.mmap(int(sys.argv[1]), 1)
    with contextlib.suppress(BrokenPipeError, EOFError):  # the window closed the pipes
        Child(sys.stdin.fileno(), out, stop).serve()


if __name__ == "__main__":
    main()

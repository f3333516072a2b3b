"""The training worker's hand-off to the training process while it plays at full speed.

In the window's process the engine shares the GIL with the painting (it ran at about half its
headless speed); in a process of its own it runs at full speed. Once the worker has played at
full speed for HANDOFF_S (short runs, steps and phases stay here; so does a primal-form run whose
X is over COPY_BYTES: the process would need a copy of it), it hands the run to
nnviz.run.remote_client's TrainingProcess and relays what comes back exactly as it would have
sent it itself: the costs, the timeline's states, a snapshot about every frame (evaluated every
EVAL_S). Any change of control (pause, a step, a learning rate, an edit, a reset, a target or a
rate, quit) stops the process after its iteration in progress; its exact state then becomes the
trainer's and the worker goes on. If the process fails, the run goes back to the last state it
sent and the worker trains in its own thread from then on.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING

from nnviz.engine.snapshot import Draft
from nnviz.engine.timeline import Timeline
from nnviz.engine.trainer import Trainer, TrainerState
from nnviz.run.edits import Edits
from nnviz.run.loop import Loop
from nnviz.run.remote_client import End, ProcessFailed, Progress, TrainingProcess

HANDOFF_S = 0.5  # seconds of full-speed play before the run moves to the training process
PREWARM_S = 0.15  # seconds of full-speed play before the process is started
COPY_BYTES = 64 << 20  # the largest X sent to the process (the dual form sends none)


class HandOff:
    """A mixin of TrainingWorker (nnviz.ui.run.worker): _train_elsewhere and its bookkeeping."""

    handoff_s: float | None = HANDOFF_S  # None: never hand off (set before run)
    _process: TrainingProcess | None = None
    _process_failed = False
    # The worker's fields and methods this uses (declared for the type checker).
    _cv: threading.Condition
    _quit: bool
    _play: bool
    _steps: int
    _phase_steps: int
    _pending_trainer: tuple | None
    _lr: float | None
    _edits: Edits
    _wait_cycle: bool
    _max_rate: float | None
    _target: int | None
    _trainer: Trainer
    _loop: Loop
    timeline: Timeline | None

    if TYPE_CHECKING:

        def _send_costs(self) -> None: ...
        def _post_draft(
            self, draft: Draft, force_eval: bool, whole: bool, droppable: bool
        ) -> bool: ...
        def _may_send(self, now: float) -> bool: ...
        def _halt(self, message: str) -> None: ...
        def _set(self, **flags) -> None: ...
        def _emit(self, force_eval: bool) -> None: ...

    @property
    def training_process(self) -> TrainingProcess | None:
        """The training process while the worker runs (None before full-speed play began)."""
        return self._process

    def _may_hand_off(self, full_since: float | None) -> bool:
        """Whether to hand off now; PREWARM_S into full-speed play this starts the process (it
        loads numpy meanwhile, ~0.3 s, so the hand-off does not stall the run; the short plays
        of steps and tests never start it)."""
        wait = self.handoff_s
        if wait is None or self._process_failed or full_since is None:
            return False
        t = self._trainer
        if not t.dual and t.X.nbytes > COPY_BYTES:  # the primal form's X would be copied
            return False
        playing = time.perf_counter() - full_since
        if self._process is None and playing >= min(wait, PREWARM_S):
            self._process = TrainingProcess()
            try:
                self._process.start()
            except ProcessFailed as e:
                self._give_up(e)
                return False
        return self._process is not None and playing >= wait

    def _give_up(self, e: ProcessFailed) -> None:
        print(f"nnviz: training goes on in the window's process ({e})", file=sys.stderr)
        self._process_failed = True
        self._close_process()

    def _changed(self, target: int | None) -> bool:
        """Whether a control asks the training process to stop."""
        with self._cv:
            return bool(
                self._quit
                or not self._play
                or self._steps
                or self._phase_steps
                or self._pending_trainer is not None
                or self._lr is not None
                or self._edits.pending
                or self._wait_cycle
                or self._max_rate
                or self._target != target
            )

    def _train_elsewhere(self, target: int | None, eval_s: float, frame_s: float) -> str:
        """Play at full speed in the training process until a control changes; returns how it
        ended: "stopped", "target", "diverged" or "error" (the message sent), "failed"."""
        t, tl = self._trainer, self.timeline
        assert self._process is not None  # started by _may_hand_off
        keep_before, every = tl.sending_policy() if tl is not None else (0, 1 << 62)
        last = t.state()  # the newest exact state of the run that the window has
        last_eval = 0.0
        try:
            self._process.begin(t, target, keep_before, every, frame_s)
            while not isinstance(msg := self._process.next(), End):
                last = self._relay(t, msg, last)
                if msg.draft is not None and self._may_send(time.perf_counter()):
                    now = time.perf_counter()
                    if self._post_draft(msg.draft, now - last_eval >= eval_s, True, True):
                        last_eval = now
                if self._changed(target):  # also a control set before begin() cleared the
                    self._process.stop()  # stop byte: _interrupt alone would miss it
        except ProcessFailed as e:
            self._give_up(e)
            self._settle(t, last)
            return "failed"
        self._settle(t, msg.state or last)
        if msg.why in ("diverged", "error"):
            self._halt(msg.message)
        elif msg.why == "target":
            self._set(_play=False, _target=None)
            self._emit(force_eval=True)
        return msg.why

    def _relay(self, t: Trainer, msg: Progress, last: TrainerState) -> TrainerState:
        """The costs and states of one progress message: sent on, and noted in the timeline."""
        if msg.costs.size:
            if msg.first != len(t.costs):
                raise ProcessFailed(f"costs from iteration {msg.first}, {len(t.costs)} expected")
            t.costs.extend(msg.costs)
            self._send_costs()
        for s in msg.states:
            if self.timeline is not None:
                self.timeline.record_state(t, s)
            last = s
        return last

    def _settle(self, t: Trainer, s: TrainerState) -> None:
        """The run is at s, trained elsewhere: t continues from it (its costs cut to s), and the
        timeline notes it."""
        t.restore_state(s)
        if self.timeline is not None:
            self.timeline.record_state(t, s)

    def _interrupt(self) -> None:
        """(Any thread) a control changed: the process ends its run after the iteration in
        progress, and the worker then reads the controls."""
        p = self._process
        if p is not None:
            p.stop()

    def _close_process(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None

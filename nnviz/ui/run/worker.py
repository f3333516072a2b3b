"""The training worker: a QObject living in its own QThread that owns the Trainer.

The GUI never touches the trainer. It sets flags (play, pause, step, learning rate, a new
trainer, a hand edit: nnviz.ui.run.control), which the worker reads between iterations, and it
receives immutable Snapshots (at most FRAME_S apart while playing: fewer than the display's
frames, which the animation fills), plus every iteration's cost in batches. A snapshot describes
one set of parameters: while playing it is taken after an iteration's backward pass, before its
update (W, J and dW of "iteration i"); at rest (paused, after a Step or a hand edit) it is the
settled network with J and gradients computed on the side. At most one snapshot is in flight:
the next is sent only after the GUI called snapshot_taken() (or STALE_S passed), so a busy GUI
thread slows the snapshots, never queues them (nor their memory) up. What the worker sends goes
through its Outbox (nnviz.ui.run.outbox): a thread that builds each snapshot's first layer,
evaluates it and emits, in order, while the worker trains on. After half a second of play at
full speed the worker hands the run to a training process and relays what it sends
(nnviz.ui.run.handoff); any control brings the run back between two iterations.
Recipe: moveToThread, started -> run, finished -> quit.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal, Slot

from nnviz.engine.evaluation import evaluate
from nnviz.engine.snapshot import Draft, settled_snapshot, take_draft
from nnviz.engine.timeline import Timeline
from nnviz.engine.trainer import Trainer, TrainingDiverged
from nnviz.run.edits import Edits
from nnviz.run.loop import Loop
from nnviz.ui.run.control import WorkerControl
from nnviz.ui.run.handoff import HandOff
from nnviz.ui.run.outbox import Outbox

FRAME_S = 1 / 15  # snapshots while playing (the canvas adopts each); the animation runs at 60 fps
EVAL_S = 0.5  # test cost and accuracies while playing: twice a second
STALE_S = 0.5  # a snapshot not taken after this long no longer holds the next one back


class TrainingWorker(HandOff, WorkerControl, QObject):
    """Runs iterations while playing; one phase or one iteration per step request."""

    # Each carries the run id given with the trainer, so the GUI can drop what an old run sent.
    snapshot = Signal(int, object)  # run, Snapshot
    costs = Signal(int, object, object)  # run, iterations (k,), costs (k,)
    evaluated = Signal(int, object)  # run, Evaluation (nnviz.engine.evaluation)
    playing = Signal(bool)
    stopped = Signal(str)  # divergence or an error: a message for the user
    edited = Signal(int, str)  # run, "" when a hand edit was applied, else why it was not
    finished = Signal()

    def __init__(self, trainer: Trainer, X_test=None, Y_test=None) -> None:
        super().__init__()
        self._cv = threading.Condition()
        self._trainer = trainer
        self._test = (X_test, Y_test)
        self._pending_trainer: tuple | None = None
        self._run = 0
        self._play = False
        self._steps = 0
        self._phase_steps = 0
        self._target: int | None = None
        self._lr: float | None = None
        self._edits = Edits()
        self._max_rate: float | None = None  # iterations per second; None = full speed
        self._wait_cycle = False  # while playing, wait for cycle_done() after each iteration
        self._cycle_done = False
        self.awaiting_cycle = False  # (read-only outside) blocked until the animation's cycle ends
        self._quit = False
        self._sent_costs = 0
        self._pending_sent = 0
        self._evaluated_at = (-1, -1)
        self._inflight_since: float | None = None  # when the snapshot not yet taken was sent
        self.timeline: Timeline | None = (
            None  # an engine Timeline, recorded after every iteration (set before run)
        )
        self._loop = Loop(trainer)
        self._outbox: Outbox | None = None  # while run() runs

    # ----- the loop, in the worker thread -----
    @Slot()
    def run(self) -> None:
        self._outbox = Outbox(self._fault, name="nnviz-training-outbox")
        try:
            self._train()
        finally:
            self._close_process()
            self._outbox.close()
            self._outbox = None
        self.playing.emit(False)
        self.finished.emit()

    def _fault(self, e: Exception) -> None:
        self.stopped.emit(f"training stopped: {type(e).__name__}: {e}")

    def _send(self, signal, *args) -> None:
        """Emit after what the worker sent before (through the outbox)."""
        assert self._outbox is not None
        self._outbox.post(lambda: signal.emit(*args))

    def _train(self) -> None:
        last_emit = last_eval = 0.0
        was_playing = False
        full_since: float | None = None  # playing at full speed since
        self._loop = Loop(self._trainer, self.timeline)  # the timeline is set by now
        self._emit(force_eval=True)
        while True:
            with self._cv:
                while not (
                    self._quit
                    or self._play
                    or was_playing
                    or self._steps
                    or self._phase_steps
                    or self._pending_trainer
                    or self._lr is not None
                    or self._edits.pending
                ):
                    self._cv.wait()
                if self._quit:
                    break
                if self._pending_trainer:
                    self._run, self._trainer, *test = self._pending_trainer
                    self._test = tuple(test)
                    self._pending_trainer = None
                    self._sent_costs, self._pending_sent = self._pending_sent, 0
                    self._inflight_since = None
                    self._loop = Loop(self._trainer, self.timeline)
                if self._lr is not None:
                    self._trainer.lr, self._lr = self._lr, None
                edits = self._edits.take()
                play, rate, target = self._play, self._max_rate, self._target
                single = "iteration" if self._steps else "phase" if self._phase_steps else None
                if single == "iteration":
                    self._steps -= 1
                elif single == "phase":
                    self._phase_steps -= 1
            if play != was_playing:
                self._send(self.playing, play)
                was_playing = play
            for said in self._edits.apply(self._loop, self._run, edits):
                self._evaluated_at = (-1, -1)  # an amended edit: the same iteration, new W
                self._send(self.edited, self._run, said)
            if not play and single is None:
                self._emit(force_eval=True)  # a reset, a new learning rate or an edit, paused
                continue
            full = play and single is None and not self._wait_cycle and not rate
            full_since = (full_since or time.perf_counter()) if full else None
            if full and self._may_hand_off(full_since):
                self._train_elsewhere(target, EVAL_S, FRAME_S)  # until a control changes
                last_emit = last_eval = time.perf_counter()
                continue
            t0 = time.perf_counter()
            due = play and not single and t0 - last_emit >= FRAME_S and self._may_send(t0)
            due = due or (play and self._wait_cycle and not single)
            evaluate_now = t0 - last_eval >= EVAL_S

            def show(_t: Trainer, evaluate_now: bool = evaluate_now) -> None:
                # this iteration's parameters with their J and gradients, before the update
                self._emit(force_eval=evaluate_now, settled=False, whole=True, droppable=True)

            try:
                if single == "phase":
                    self._loop.phase()
                else:
                    self._loop.iterate(show if due else None)
            except TrainingDiverged as e:
                self._halt(str(e))
                continue
            except Exception as e:  # any fault reaches the user; the window lives
                self._halt(f"training stopped: {type(e).__name__}: {e}")
                continue
            if due:
                last_emit = t0
                if evaluate_now:
                    last_eval = t0
            now = time.perf_counter()
            done = target is not None and self._trainer.iteration >= target
            if done:
                self._set(_play=False, _target=None)
            sync = play and self._wait_cycle and not single and not done
            if sync:
                self._set(_cycle_done=False)  # only a cycle over this snapshot counts
            if single or done:
                self._emit(force_eval=True, settled=single != "phase")  # phases: as they are
                last_emit = last_eval = now
            if sync:
                with self._cv:
                    self.awaiting_cycle = True
                    self._cv.wait_for(
                        lambda: (
                            self._quit
                            or not self._play
                            or not self._wait_cycle
                            or self._cycle_done
                            or self._pending_trainer is not None
                        )
                    )
                    self.awaiting_cycle = False
            elif play and rate:
                with self._cv:
                    self._cv.wait_for(
                        lambda: self._quit or not self._play,
                        timeout=max(0.0, 1.0 / rate - (time.perf_counter() - t0)),
                    )

    def _halt(self, message: str) -> None:
        self._set(_play=False, _steps=0, _phase_steps=0, _target=None)
        self._emit(force_eval=True)
        self._send(self.playing, False)
        self._send(self.stopped, message)

    def _may_send(self, now: float) -> bool:
        since = self._inflight_since
        return since is None or now - since >= STALE_S

    def _emit(
        self, force_eval: bool, settled: bool = True, whole: bool = False, droppable: bool = False
    ) -> None:
        """Send the new costs, a snapshot (settled: between iterations, J and gradients
        computed on the side; whole: an iteration about to update, shown as a whole, not as
        a phase) and, when asked, an evaluation of the snapshot's parameters. Only copies are
        made here; the outbox builds layer 1, evaluates and emits. droppable: a newer snapshot
        may replace this one before it is sent (while playing)."""
        t = self._trainer
        self._send_costs()
        draft = Draft(settled_snapshot(t), None, False) if settled else take_draft(t)
        self._post_draft(draft, force_eval, whole, droppable)

    def _send_costs(self) -> None:
        """Send the costs the trainer has that the window has not."""
        t = self._trainer
        if len(t.costs) < self._sent_costs:
            self._sent_costs = len(t.costs)  # divergence dropped the last cost
        its, new = t.costs.since(self._sent_costs)
        if new.size:
            self._send(self.costs, self._run, its, new)
            self._sent_costs = len(t.costs)

    def _post_draft(self, draft: Draft, force_eval: bool, whole: bool, droppable: bool) -> bool:
        """Have the outbox finish the draft, send it, and evaluate it when force_eval (True:
        it will be; False: not, or it was already)."""
        self._inflight_since = time.perf_counter()
        t, run, it = self._trainer, self._run, draft.snapshot.iteration
        if whole:
            draft = replace(draft, snapshot=replace(draft.snapshot, phase=None))
        evaluate_it = force_eval and (run, it) != self._evaluated_at
        if evaluate_it:
            self._evaluated_at = (run, it)
        data = (t.arch, t.loss, t.X, t.Y, *self._test)

        def job() -> None:
            snap = draft.finish()
            self.snapshot.emit(run, snap)
            if evaluate_it:
                arch, loss, X, Y, X_test, Y_test = data
                ev = evaluate(snap.iteration, arch, snap.W, snap.b, loss, X, Y, X_test, Y_test)
                self.evaluated.emit(run, ev)

        assert self._outbox is not None
        self._outbox.post(job, droppable=droppable and not evaluate_it)
        return evaluate_it


def start_worker(worker: TrainingWorker) -> QThread:
    """Move `worker` to a new QThread and start its loop; stop with worker.stop(), thread.wait()."""
    thread = QThread()
    thread.setObjectName("nnviz-training")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    thread.start()
    return thread

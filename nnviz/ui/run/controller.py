"""The Qt face of the run: the run record (nnviz.run.record), the training thread, the dataset,
the shown example and hand edits of the parameters. Resets and new settings: nnviz.ui.run.resets.

Views never see the trainer. The controller starts the worker thread, forwards control to it as
flags, puts what the worker sends into the one RunRecord (the newest snapshot wins; older ones are
dropped) and tells the views by signals, at most once per event-loop turn for snapshots. The
record holds the run; the controller keeps no copy of it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QThread, QTimer, Signal

from nnviz.data import Dataset
from nnviz.data.notices import dataset_warning
from nnviz.engine.edit import Target, check_value
from nnviz.engine.evaluation import Evaluation
from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.run.examples import ShownExample, flip_classes
from nnviz.run.record import RunRecord
from nnviz.ui.flow.animation import CYCLE
from nnviz.ui.run.loading import DatasetLoading
from nnviz.ui.run.resets import RunResets
from nnviz.ui.run.worker import TrainingWorker, start_worker


class Controller(RunResets, QObject):
    datasetChanged = Signal(object)  # Dataset
    runReset = Signal(object)  # TrainConfig: views start over
    snapshotChanged = Signal(object)  # the newest Snapshot
    costsAppended = Signal(object, object)  # iterations, costs
    evaluated = Signal(object)  # Evaluation
    playingChanged = Signal(bool)
    exampleChanged = Signal(str, int)  # "train" / "test", index
    status = Signal(str)
    problem = Signal(str)  # one clear message for the user
    loadProgress = Signal(int, int)
    runBranched = Signal(int)  # the run goes on from this earlier iteration: drop later history
    edited = Signal(str)  # a hand edit: "" when applied (its snapshot follows), else why not

    def __init__(self, dataset: Dataset, config: TrainConfig | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.record = RunRecord(config or TrainConfig())
        self.is_playing = False
        self.shown_example = ShownExample()
        self.speed: float | str | None = None  # see set_speed
        # ask(question) -> bool; choose(question, options) -> index or None: set by the window
        self.confirm_reset: Callable[[str], bool] = lambda question: True
        self.choose: Callable[[str, list[str]], int | None] = lambda question, options: 0
        self._flush_pending = False
        self.loading = DatasetLoading(self)
        self._run = 0
        self.worker = TrainingWorker(*self._new_run())
        self.worker.timeline = self.record.timeline
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.costs.connect(self._on_costs)
        self.worker.evaluated.connect(self._on_evaluated)
        self.worker.playing.connect(self._on_playing)
        self.worker.stopped.connect(self.problem)
        self.worker.edited.connect(self._on_edited)  # a method: lambdas would run in its thread
        self.thread: QThread = start_worker(self.worker)  # type: ignore[assignment]

    # ----- the record's figures, for views that read rather than listen -----
    @property
    def config(self) -> TrainConfig:
        return self.record.config

    @property
    def snapshot(self) -> Snapshot | None:
        """The shown snapshot (the record's)."""
        return self.record.shown

    @property
    def evaluation(self) -> Evaluation | None:
        """The newest evaluation of the run."""
        return self.record.evaluations.latest()

    # ----- runs -----
    def _new_run(self, trainer: Trainer | None = None) -> tuple[Trainer, np.ndarray, np.ndarray]:
        X, Y, X_test, Y_test = self.dataset.as_dtype(self.config.dtype)
        return trainer or Trainer(self.config, X, Y), X_test, Y_test

    def _start(self, trainer: Trainer | None = None, costs_shown: int = 0) -> None:
        self._run += 1
        self.worker.replace_trainer(self._run, *self._new_run(trainer), costs_shown=costs_shown)

    # ----- transport -----
    def play(self, until: int | None = None) -> None:
        self.view_live()
        self.worker.play(until)

    def pause(self) -> None:
        self.worker.pause()

    def toggle_play(self) -> None:
        self.pause() if self.is_playing else self.play()

    def step(self) -> None:
        self.view_live()
        self.worker.step()

    def step_phase(self) -> None:
        self.view_live()
        self.worker.step_phase()

    def set_speed(self, rate: float | str | None) -> None:
        """Iterations per second (None = full speed), or animation.CYCLE: one iteration per
        animation cycle (the worker waits for animation_cycle_done() after each one)."""
        self.speed = rate
        self.worker.set_wait_for_cycle(rate == CYCLE)
        self.worker.set_max_rate(None if isinstance(rate, str) else rate)

    def animation_cycle_done(self) -> None:
        self.worker.cycle_done()

    # ----- data -----
    def set_dataset(self, ds: Dataset, ask: bool = True) -> bool:
        if (
            ask
            and self.progressed()
            and not self.confirm_reset(f"Open “{ds.name}”? Training starts over on the new data.")
        ):
            return False
        self.pause()
        self.dataset = ds
        self.shown_example = ShownExample()
        self.datasetChanged.emit(ds)
        self.reset()
        self.status.emit(f"Dataset {ds.name}: {ds.m} training and {ds.m_test} test examples")
        warning = dataset_warning(ds)  # e.g. every label the same
        if warning:
            self.problem.emit(warning)
        return True

    def choose_positive(self, name: str) -> None:
        if name and name != self.dataset.class_names[1]:
            self.set_dataset(flip_classes(self.dataset))

    def load(self, spec: str, background: bool = False) -> None:
        """Open a dataset by name, file or folder; background: in a thread with progress
        (nnviz.ui.run.loading), cancellable with cancel_load()."""
        self.loading.load(spec, background)

    def cancel_load(self) -> None:
        self.loading.cancel()

    # ----- examples (nnviz.run.examples) -----
    @property
    def example(self) -> tuple[str, int]:
        """("train" | "test" | "custom", index) of the shown example."""
        return self.shown_example.key

    def set_example(self, which: str, index: int) -> None:
        if self.shown_example.choose(self.dataset, which, index):
            self.exampleChanged.emit(*self.example)

    def show_custom_example(
        self, x: np.ndarray, image: np.ndarray | None, caption: str, y: float | None = None
    ) -> None:
        """Show an example from outside the dataset (a dropped image): x (n_x,), y unknown."""
        self.shown_example.custom(x, image, caption, y)
        self.exampleChanged.emit(*self.example)

    def example_caption(self) -> str:
        return self.shown_example.caption(self.dataset)

    def example_data(self) -> tuple[np.ndarray, float | None, np.ndarray | None]:
        """(x (n_x,), y (None when unknown), image uint8 or None) of the shown example."""
        return self.shown_example.data(self.dataset)

    # ----- from the worker -----
    def _on_costs(self, run: int, iterations: np.ndarray, costs: np.ndarray) -> None:
        if run != self._run or not len(iterations):
            return
        self.record.add_costs(iterations, costs)
        self.costsAppended.emit(iterations, costs)

    def _on_snapshot(self, run: int, snap: Snapshot) -> None:
        if run != self._run or self._flush_pending or self.viewing_past:
            self.worker.snapshot_taken()  # dropped or waiting aside: the next may come
        if run != self._run:
            return  # sent by a run that has since been reset
        self.record.set_live(snap)  # the newest wins; older ones are simply dropped
        if self.viewing_past:
            return  # the timeline shows a past iteration; this one waits for view_live()
        if not self._flush_pending:
            self._flush_pending = True
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        self._flush_pending = False
        if self.snapshot is not None:
            self.snapshotChanged.emit(self.snapshot)
        self.worker.snapshot_taken()  # shown: the worker may send the next

    def _on_evaluated(self, run: int, ev: Evaluation) -> None:
        if run != self._run:
            return
        self.record.add_evaluation(ev)
        self.evaluated.emit(ev)

    def _on_playing(self, playing: bool) -> None:
        if playing != self.is_playing:
            self.is_playing = playing
            self.playingChanged.emit(playing)

    # ----- the timeline (nnviz/ui/timeline) -----
    @property
    def viewing_past(self) -> bool:
        """True while a past iteration is shown; live snapshots wait aside until view_live()."""
        return self.record.viewing_past

    def view_past(self, snap: Snapshot) -> None:
        """Show `snap`, an earlier iteration of this run, until view_live(), Play or Step."""
        self.record.look_back(snap)
        self.snapshotChanged.emit(snap)

    def view_live(self) -> None:
        """Back to the newest snapshot after view_past()."""
        if not self.viewing_past:
            return
        self.record.back_to_live()
        if self.snapshot is not None:
            self.snapshotChanged.emit(self.snapshot)

    def branch(self, trainer: Trainer) -> None:
        """Continue this run from `trainer`, one of its earlier iterations ("Continue from here"):
        later signals of the old trainer are dropped; the record keeps the history up to its
        iteration and drops the rest (runBranched)."""
        self.pause()
        self.record.branch(trainer.iteration)
        self._start(trainer, costs_shown=len(trainer.costs))
        self.runBranched.emit(trainer.iteration)

    # ----- hand edits (nnviz.engine.edit) -----
    def edit(self, target: Target, value: float, amend: bool = False) -> str:
        """Set one parameter of the newest network by hand, as one step of the run (pausing
        first; amend: a drag's later value, the same step). "" when sent (`edited` tells how
        it went), else why not: a parameter the network lacks, a bad value, a past iteration
        shown."""
        if self.viewing_past:
            return (
                f"Iteration {self.record.iteration:,} is in the past: edit the newest iteration "
                "(End), or “Continue from here” first"
            )
        try:
            target.check((self.dataset.n_x, *self.config.hidden_layers, 1))
            v = check_value(value)
        except ValueError as e:
            return str(e)
        self.pause()
        self.worker.edit(self._run, target, v, amend)
        return ""

    def _on_edited(self, run: int, said: str) -> None:
        if run == self._run:
            self.edited.emit(said)

    # ----- shutdown -----
    def shutdown(self) -> None:
        """Stop the worker thread and any load; returns when both have ended."""
        self.loading.cancel()
        self.worker.stop()
        self.thread.quit()
        self.thread.wait()
        self.loading.wait()

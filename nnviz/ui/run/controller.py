"""The window's state and its training thread: dataset, settings, newest snapshot, shown example.

Views never see the trainer. The controller starts the worker thread, forwards control to it as
flags, keeps only the newest snapshot (older ones are dropped) and re-emits it at most once per
event-loop turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, QThread, QTimer, Signal

from nnviz.data import DataError, Dataset, load_dataset
from nnviz.engine.costlog import CostLog
from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import TrainConfig, Trainer
from nnviz.ui.flow.animation import CYCLE
from nnviz.ui.common.background import BackgroundTask
from nnviz.ui.run.worker import Evaluation, TrainingWorker, start_worker

RESET_FIELDS = ("hidden_layers", "activation", "loss", "init", "seed", "dtype", "batch_size", "l2")


def flip_classes(ds: Dataset) -> Dataset:
    """The same data with the other class as positive (Y -> 1 - Y, class names swapped)."""
    return replace(
        ds,
        Y=1 - ds.Y,
        Y_test=1 - ds.Y_test,
        class_names=(ds.class_names[1], ds.class_names[0]),
    )


class Controller(QObject):
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

    def __init__(self, dataset: Dataset, config: TrainConfig | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.config = config or TrainConfig()
        self.snapshot: Snapshot | None = None
        self.evaluation: Evaluation | None = None
        self.is_playing = False
        self.example = ("train", 0)
        self.speed: float | str | None = None  # see set_speed
        self.confirm_reset: Callable[[str], bool] = lambda question: True
        self._flush_pending = False
        self._loader: BackgroundTask | None = None
        self._cancel_load = False
        self._run = 0
        self._costs_run, self._next_cost = 0, 0  # the next cost iteration the views expect
        self._past_run = -1  # the run whose past iteration is shown (view_past), else -1
        self._live: tuple[int, Snapshot] | None = None  # (run, newest snapshot from the worker)
        self.worker = TrainingWorker(*self._new_run())
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.costs.connect(self._on_costs)
        self.worker.evaluated.connect(self._on_evaluated)
        self.worker.playing.connect(self._on_playing)
        self.worker.stopped.connect(self.problem)
        self.thread: QThread = start_worker(self.worker)

    # ----- runs -----
    def _new_run(self) -> tuple[Trainer, np.ndarray, np.ndarray]:
        X, Y, X_test, Y_test = self.dataset.as_dtype(self.config.dtype)
        return Trainer(self.config, X, Y), X_test, Y_test

    def reset(self) -> None:
        """Start the run over from its initial parameters (same settings)."""
        self.snapshot = None
        self.evaluation = None
        self._run += 1
        self.worker.replace_trainer(self._run, *self._new_run())
        self.runReset.emit(self.config)
        self.status.emit("Reset: the network is back to its initial weights")

    def restore(
        self,
        config: TrainConfig,
        W: list[np.ndarray],
        b: list[np.ndarray],
        iteration: int = 0,
        costs: np.ndarray | list[float] = (),
        evaluations: list[Evaluation] = (),
    ) -> None:
        """Continue a saved run on the current dataset: W[l]: (n_l, n_{l-1}), b[l]: (n_l, 1),
        `iteration` updates done, costs (n,) its cost history. ValueError (nothing changed) when
        the parameters do not fit the settings and the dataset."""
        X, Y, X_test, Y_test = self.dataset.as_dtype(config.dtype)
        trainer = Trainer(config, X, Y)
        trainer.set_params(W, b)
        trainer.iteration = int(iteration)
        trainer.costs = CostLog(costs)
        self.pause()
        self.config = config
        self.snapshot = None
        self.evaluation = None
        self._run += 1
        self.worker.replace_trainer(self._run, trainer, X_test, Y_test)
        self.runReset.emit(config)  # the worker re-sends the cost history with the new run
        for ev in evaluations:
            self.evaluation = ev
            self.evaluated.emit(ev)

    def progressed(self) -> bool:
        return self.snapshot is not None and self.snapshot.iteration > 0

    def apply_config(self, cfg: TrainConfig) -> bool:
        """A new learning rate applies live; anything else resets (after asking if trained)."""
        old = self.config
        if all(getattr(cfg, f) == getattr(old, f) for f in RESET_FIELDS):
            self.config = cfg
            if cfg.lr != old.lr:
                self.worker.set_learning_rate(cfg.lr)
                self.status.emit(f"Learning rate α = {cfg.lr:g} (applies from the next iteration)")
            return True
        if self.progressed() and not self.confirm_reset(
            "Changing this setting starts training over. Discard the current run?"
        ):
            return False
        self.pause()
        self.config = cfg
        self.reset()
        return True

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
        self.worker.set_max_rate(None if rate == CYCLE else rate)

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
        self.example = ("train", 0)
        self.datasetChanged.emit(ds)
        self.reset()
        self.status.emit(f"Dataset {ds.name}: {ds.m} training and {ds.m_test} test examples")
        return True

    def choose_positive(self, name: str) -> None:
        if name and name != self.dataset.class_names[1]:
            self.set_dataset(flip_classes(self.dataset))

    def load(self, spec: str, background: bool = False) -> None:
        """Open a dataset by name, file or folder; a folder loads in a thread with progress."""
        if not background:
            try:
                ds = load_dataset(spec)
            except DataError as e:
                self.problem.emit(f"Could not open the dataset: {e}")
                return
            self.set_dataset(ds)
            return
        if self._loader is not None and self._loader.running():
            self.problem.emit("A folder is already loading; wait for it or cancel it first.")
            return
        self._cancel_load = False
        self._loader = BackgroundTask(
            lambda progress: load_dataset(
                spec, progress=progress, should_cancel=lambda: self._cancel_load
            ),
            self,
        )
        self._loader.progress.connect(self.loadProgress)
        self._loader.done.connect(self._loaded)
        self._loader.failed.connect(self._load_failed)
        self.status.emit(f"Loading {spec} …")
        self._loader.start()

    def cancel_load(self) -> None:
        self._cancel_load = True

    def _loaded(self, ds: Dataset) -> None:
        self.loadProgress.emit(1, 1)
        if self.set_dataset(ds) and ds.skipped:
            names = ", ".join(p.rsplit("/", 1)[-1] for p, _ in ds.skipped[:5])
            more = f" and {len(ds.skipped) - 5} more" if len(ds.skipped) > 5 else ""
            self.problem.emit(f"Skipped {len(ds.skipped)} unusable files: {names}{more}.")

    def _load_failed(self, e: Exception) -> None:
        self.loadProgress.emit(1, 1)
        if self._cancel_load:
            self.status.emit("Loading cancelled; the current dataset stays")
        else:
            self.problem.emit(f"Could not open the dataset: {e}")

    # ----- examples -----
    def set_example(self, which: str, index: int) -> None:
        n = self.dataset.m if which == "train" else self.dataset.m_test
        if n == 0:
            return
        self.example = (which, int(index) % n)
        self.exampleChanged.emit(*self.example)

    def show_custom_example(
        self, x: np.ndarray, image: np.ndarray | None, caption: str, y: float | None = None
    ) -> None:
        """Show an example from outside the dataset (a dropped image): x (n_x,), y unknown."""
        self._custom = (np.asarray(x).reshape(-1), y, image, caption)
        self.example = ("custom", 0)
        self.exampleChanged.emit(*self.example)

    def example_caption(self) -> str:
        which, i = self.example
        if which == "custom":
            return self._custom[3]
        y = int(self.example_data()[1])
        return f"{which} example {i + 1} · y = {y} ({self.dataset.class_names[y]})"

    def example_data(self) -> tuple[np.ndarray, float | None, np.ndarray | None]:
        """(x (n_x,), y (None when unknown), image uint8 or None) of the shown example."""
        which, i = self.example
        if which == "custom":
            return self._custom[:3]
        test = which == "test"
        X, Y = (
            (self.dataset.X_test, self.dataset.Y_test) if test else (self.dataset.X, self.dataset.Y)
        )
        image = self.dataset.image(i, test=test) if self.dataset.image_shape else None
        return X[:, i], float(Y[0, i]), image

    # ----- from the worker -----
    def _on_costs(self, run: int, iterations: np.ndarray, costs: np.ndarray) -> None:
        if run != self._run:
            return
        if run != self._costs_run:
            self._costs_run, self._next_cost = run, 0
        keep = iterations >= self._next_cost  # divergence withdraws a cost; it comes again: once
        if not keep.all():
            iterations, costs = iterations[keep], costs[keep]
        if len(iterations):
            self._next_cost = int(iterations[-1]) + 1
            self.costsAppended.emit(iterations, costs)

    def _on_snapshot(self, run: int, snap: Snapshot) -> None:
        if run != self._run or self._flush_pending or self.viewing_past:
            self.worker.snapshot_taken()  # dropped or waiting aside: the next may come
        if run != self._run:
            return  # sent by a run that has since been reset
        self._live = (run, snap)
        if self.viewing_past:
            return  # the timeline shows a past iteration; this one waits for view_live()
        self.snapshot = snap  # the newest wins; older ones are simply dropped
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
        self.evaluation = ev
        self.evaluated.emit(ev)

    def _on_playing(self, playing: bool) -> None:
        if playing != self.is_playing:
            self.is_playing = playing
            self.playingChanged.emit(playing)

    # ----- the timeline (nnviz/ui/timeline_bar.py) -----
    @property
    def viewing_past(self) -> bool:
        """True while a past iteration is shown; live snapshots wait aside until view_live()."""
        return self._past_run == self._run

    def view_past(self, snap: Snapshot) -> None:
        """Show `snap`, an earlier iteration of this run, until view_live(), Play or Step."""
        self._past_run = self._run
        self.snapshot = snap
        self.snapshotChanged.emit(snap)

    def view_live(self) -> None:
        """Back to the newest snapshot after view_past()."""
        if not self.viewing_past:
            return
        self._past_run = -1
        if self._live is not None and self._live[0] == self._run:
            self.snapshot = self._live[1]
            self.snapshotChanged.emit(self.snapshot)

    def branch(self, trainer: Trainer) -> None:
        """Continue this run from `trainer`, one of its earlier iterations ("Continue from here"):
        later signals of the old trainer are dropped; views keep the history up to its iteration
        and drop the rest (runBranched)."""
        self.pause()
        self._past_run, self._live = -1, None
        _, _, X_test, Y_test = self.dataset.as_dtype(self.config.dtype)
        self._run += 1
        self.worker.replace_trainer(
            self._run, trainer, X_test, Y_test, costs_shown=len(trainer.costs)
        )
        self.runBranched.emit(trainer.iteration)

    # ----- shutdown -----
    def shutdown(self) -> None:
        """Stop the worker thread and any load; returns when both have ended."""
        self._cancel_load = True
        self.worker.stop()
        self.thread.quit()
        self.thread.wait()
        if self._loader is not None:
            self._loader.wait()

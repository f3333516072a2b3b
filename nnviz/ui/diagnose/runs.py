"""Runs side by side: the wiring of the session's run list (nnviz.run.runlist) to the record and
to the Runs tab.

The record tells every change; this keeps a RunList from it: Reset (or a new dataset, or an
opened model or session) starts a run with the record's settings and history, "Continue from
here" starts one with the history up to the branch, and the run going on grows with its costs,
evaluations and learning rates. A sweep (sweep_job.py, in a thread) adds one run per value beside
them, filled as its curves come in. The tab redraws at most HZ times a second, while on screen.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from nnviz.engine.evaluation import Evaluation
from nnviz.engine.snapshot import Snapshot
from nnviz.run.runlist import RunEntry, RunList
from nnviz.run.sweep import SweepRun, describe, sweep_configs
from nnviz.ui.common.throttle import Latest
from nnviz.ui.diagnose.runs_view import RunsView
from nnviz.ui.diagnose.sweep_job import SweepJob
from nnviz.ui.diagnose.sweep_panel import SweepPanel
from nnviz.ui.run.controller import Controller

HZ = 4


class RunsFeature(QObject):
    def __init__(
        self,
        window: QMainWindow,
        controller: Controller,
        entry: Callable[[QWidget, str, dict], dict],
    ) -> None:
        super().__init__(window)
        self.window, self.c, self._entry = window, controller, entry
        self.runs = RunList()
        self.view = RunsView()
        places = window.places
        places.add_tab("top", self.view, "Runs", "Every run of the session, side by side")
        self.show_runs = QAction("Runs side by side", window)
        self.show_runs.setToolTip("Every Reset, Continue from here and opened run, overlaid")
        self.show_runs.triggered.connect(lambda: places.show_tab(self.view))
        places.add_state("runs", self.state)
        self._feed = Latest(self.refresh, HZ, self)
        self.view.installEventFilter(self)
        self._start(self._how_opened() or "start")
        controller.record.listen(self._record_changed)
        self.panel = SweepPanel()
        self.view.add_controls(self.panel)
        self.job = SweepJob(self)
        self.sweep_entries: list[RunEntry] = []  # the runs of the newest sweep
        self.sweep_setting = ""
        self.panel.startRequested.connect(self.start_sweep)
        self.panel.cancelRequested.connect(self.job.cancel)
        self.job.grown.connect(self._grown)
        self.job.progress.connect(self.panel.set_progress)
        self.job.finished.connect(self._sweep_finished)
        self.job.failed.connect(lambda m: self.panel.say(m, problem=True))
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(lambda: self.job.cancel(wait=True))
        window.destroyed.connect(lambda *_: self.job.cancel(wait=True))
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show:
            self.refresh()
        elif watched is self.window and event.type() == QEvent.Type.Close:
            self.job.cancel()  # the window closes: the sweep stops with it
        return False

    def _how_opened(self) -> str | None:
        origin = self.c.record.origin
        return None if origin is None else f"opened {origin.label}"

    def _start(self, how: str) -> None:
        r = self.c.record
        its, J = r.costs.arrays()
        self.runs.start(how, r.config, self.c.dataset.name, its, J, r.evaluations.items)

    def _record_changed(self, event: str, detail: object) -> None:
        r = self.c.record
        if event == "reset":
            self._start(self._how_opened() or "reset")
        elif event == "branched" and isinstance(detail, int):
            before = self.runs.current
            was = f"run {before.number}" if before is not None else "a run"
            self._start(f"continued from {was} at iteration {detail:,}")
        elif event == "costs" and isinstance(detail, tuple):
            self.runs.add_costs(*detail)
        elif event == "evaluation" and isinstance(detail, Evaluation):
            self.runs.add_evaluation(detail)
        elif event == "snapshot" and isinstance(detail, Snapshot) and detail is r.live:
            if detail.cost is not None:
                self.runs.add_costs([detail.iteration], [detail.cost])  # type: ignore[arg-type]
            self.runs.learning_rate(r.config.lr)
        else:
            return
        self._feed()

    # ----- the sweep -----
    def start_sweep(self, setting: str, values: str, iterations: int) -> bool:
        """Train one run per value of `setting` (the other settings as now) in the background;
        False (and a message) when the values are wrong or a sweep is running."""
        if self.job.running():
            self.panel.say("A sweep is running: cancel it first", problem=True)
            return False
        try:
            configs = sweep_configs(self.c.config, setting, values)
        except ValueError as e:
            self.panel.say(str(e), problem=True)
            return False
        ds = self.c.dataset
        self.sweep_setting = setting
        self.sweep_entries = [
            self.runs.add_side(f"sweep: {describe(setting, cfg)}", cfg, ds.name) for cfg in configs
        ]
        self.panel.say(f"Training {len(configs)} runs of {iterations:,} iterations…")
        self.panel.set_running(True)
        self.job.start(configs, ds.as_dtype, iterations)
        self._feed()
        return True

    def _grown(self, runs: list[SweepRun]) -> None:
        for entry, run in zip(self.sweep_entries, runs, strict=False):
            n = len(entry.costs)
            if len(run.costs) > n:
                its = np.arange(n, len(run.costs))
                entry.costs.extend(its, np.asarray(run.costs[n:], np.float64))
            for ev in run.evaluations[len(entry.evaluations.items) :]:
                entry.evaluations.add(ev)
            if run.ended and run.ended != "done" and "·" not in entry.how:
                entry.how += " · " + run.ended.split(":")[0]
        self._feed()

    def _sweep_finished(self, cancelled: bool) -> None:
        self.panel.set_running(False)
        n = len(self.sweep_entries)
        self.panel.say(f"Sweep cancelled ({n} runs)" if cancelled else f"Sweep done: {n} runs")
        self._feed()

    def refresh(self, force: bool = False) -> None:
        """Redraw the table and the overlaid curves (when the tab shows, or force)."""
        self._feed.discard()
        if not (force or self.view.isVisible()):
            return
        r, cur = self.c.record, self.runs.current
        J = r.J()
        name = f"run {cur.number} · " if cur is not None else ""
        J_text = "–" if J is None else f"{J:.6f}"
        it = f"{r.iteration:,}" if r.shown is not None else "–"
        self.view.set_title(f"{name}iteration {it} · J = {J_text}")
        self.view.set_runs(self.runs.runs)

    def state(self) -> dict:
        self.refresh(force=True)
        v = self.view
        sweep = {
            "running": self.job.running(),
            "setting": self.sweep_setting or None,
            "runs": [e.number for e in self.sweep_entries],
            "message": self.panel.message.text(),
        }
        return self._entry(v, v.title.text(), {**v.state(), "sweep": sweep})

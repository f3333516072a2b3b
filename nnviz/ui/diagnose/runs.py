"""Runs side by side: the wiring of the session's run list (nnviz.run.runlist) to the record and
to the Runs tab.

The record tells every change; this keeps a RunList from it: Reset (or a new dataset, or an
opened model or session) starts a run with the record's settings and history, "Continue from
here" starts one with the history up to the branch, and the run going on grows with its costs,
evaluations and learning rates. The tab redraws at most HZ times a second, while on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from nnviz.engine.evaluation import Evaluation
from nnviz.engine.snapshot import Snapshot
from nnviz.run.runlist import RunList
from nnviz.ui.common.throttle import Latest
from nnviz.ui.diagnose.runs_view import RunsView
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show:
            self.refresh()
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
        return self._entry(v, v.title.text(), v.state())

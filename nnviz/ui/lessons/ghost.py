"""The course's curve beside yours: its printed costs as a faint line in the cost plot.

Shown when the loaded data is the course's (recognised by its content's SHA-256) and the settings
are one of the course's three runs (nnviz.run.course_runs), with the course's final train and test
accuracies as faint stars in the accuracy strip and in the legend; gone for anything else. Looked
at again after a reset, a new dataset and a live change of α.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from nnviz.run.course_runs import RUNS, CourseRun, is_course_data
from nnviz.ui.common.dump import entry
from nnviz.ui.run.controller import Controller


class GhostFeature(QObject):
    """Keeps the cost plot's reference line in step with the data and settings."""

    def __init__(self, window: QMainWindow, c: Controller) -> None:
        super().__init__(window)
        self.main, self.c = window, c
        self.run: CourseRun | None = None
        self._seen: tuple[object, bool] | None = None  # (dataset, is the course's)
        c.runReset.connect(lambda _cfg: self.update())
        c.datasetChanged.connect(lambda _ds: self.update())
        c.status.connect(lambda _text: self.update())  # a live change of α says so
        self.update()

    def update(self) -> None:
        ds, cfg = self.c.dataset, self.c.config
        if self._seen is None or self._seen[0] is not ds:
            self._seen = (ds, is_course_data(ds))
        run = next((r for r in RUNS if r.matches(cfg)), None) if self._seen[1] else None
        if run is self.run:
            return
        self.run = run
        plot = self.main.cost_plot
        if run is None:
            plot.set_ghost()
            return
        end = run.every * len(run.costs)
        plot.set_ghost(
            run.iterations(),
            run.costs,
            f"course (train {100 * run.train_accuracy:.1f} %, "
            f"test {100 * run.test_accuracy:.0f} %)",
            [(end, run.train_accuracy), (end, run.test_accuracy)],
        )

    def state(self) -> dict:
        its, J = self.main.cost_plot.ghost()
        return entry(
            self.main.cost_plot,
            self.main,
            iteration=None,
            J=None,
            run=None if self.run is None else self.run.name,
            points=len(its),
            last=None if not len(its) else [int(its[-1]), float(J[-1])],
        )

"""The course's lessons made visible: is backprop right (gradient check), why not squared error
(loss landscape), why did it stall (dead ReLUs, symmetric units), the course's own curve."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow

from nnviz.ui.lessons.ghost import GhostFeature
from nnviz.ui.lessons.gradcheck_view import GradCheckView
from nnviz.ui.lessons.health_view import HealthFeature
from nnviz.ui.lessons.landscape_view import LandscapeView
from nnviz.ui.run.controller import Controller


class Lessons(QObject):
    """The lessons' views in the window; their background work stops when the window closes."""

    def __init__(self, window: QMainWindow, c: Controller) -> None:
        super().__init__(window)
        self.gradcheck = GradCheckView(window, c)
        places = window.places
        places.add_tab(
            "bottom",
            self.gradcheck,
            "Grad check",
            "Gradient check: backprop against finite differences, layer by layer",
        )
        places.add_state("gradcheck", self.gradcheck.state)
        self.landscape = LandscapeView(window, c)
        places.add_tab(
            "top",
            self.landscape,
            "Landscape",
            "J around the shown parameters: cross-entropy and squared error side by side",
        )
        places.add_state("landscape", self.landscape.state)
        self.health = HealthFeature(window, c)
        places.add_above_canvas(self.health.banner)
        places.add_state("health", self.health.state)
        self.ghost = GhostFeature(window, c)
        places.add_state("course_curve", self.ghost.state)
        window.installEventFilter(self)

    def jobs(self) -> list:
        return [self.gradcheck.job, self.gradcheck.breaker.job, self.landscape.job, self.health.job]

    def running(self) -> bool:
        return any(j.running() for j in self.jobs())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            for job in self.jobs():
                job.stop()
        return False


def install_lessons(window: QMainWindow, controller: Controller) -> Lessons:
    """The lessons' tabs, banners and plot lines, installed into the window's named places."""
    return Lessons(window, controller)

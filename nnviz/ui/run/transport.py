"""The training transport: Play/Pause, Step, Reset as QActions (shared by toolbar and menu), a speed
control, the iteration counter and the latest cost."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSlider, QStyle, QToolBar, QWidget

from nnviz.ui.flow.animation import CYCLE

# iterations/s; CYCLE = one per animation cycle (the trainer waits for it); None = full speed
SPEEDS: tuple[float | str | None, ...] = (CYCLE, 1, 2, 5, 10, 30, 100, 300, None)


def speed_label(rate: float | str | None) -> str:
    if rate == CYCLE:
        return "1 it / cycle"
    return "full speed" if rate is None else f"{rate:g} it/s"


class Transport(QToolBar):
    speedChanged = Signal(object)  # float | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Training", parent)
        self.setObjectName("transport")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        style = self.style()
        self.play = QAction(style.standardIcon(QStyle.SP_MediaPlay), "Play", self)
        self.play.setShortcut(QKeySequence(Qt.Key_Space))
        self.play.setToolTip("Train continuously (Space); press again to pause")
        self.step = QAction(style.standardIcon(QStyle.SP_MediaSkipForward), "Step", self)
        self.step.setShortcut(QKeySequence(Qt.Key_Right))
        self.step.setToolTip("Run exactly one iteration: forward, cost, backward, update (→)")
        self.step_phase = QAction(style.standardIcon(QStyle.SP_ArrowRight), "Phase", self)
        self.step_phase.setShortcuts([QKeySequence("."), QKeySequence("Shift+Right")])
        self.step_phase.setToolTip(
            "Run one phase: forward through a layer, the cost, backward through a layer, or the "
            "update (. or Shift+→)"
        )
        self.reset = QAction(style.standardIcon(QStyle.SP_BrowserReload), "Reset", self)
        self.reset.setShortcut(QKeySequence("Ctrl+R"))
        self.reset.setToolTip("Back to the initial weights, same settings (Ctrl+R)")
        for a in (self.play, self.step, self.step_phase, self.reset):
            a.setShortcutContext(Qt.WindowShortcut)
            self.addAction(a)
            if parent is not None:
                parent.addAction(a)  # its keys work with the toolbar hidden (presenter mode)
        button = self.widgetForAction(self.play)  # as wide for "Pause" as for "Play": no shift
        if button is not None:
            wider = button.fontMetrics().horizontalAdvance("Pause") - (
                button.fontMetrics().horizontalAdvance("Play")
            )
            button.setMinimumWidth(button.sizeHint().width() + max(0, wider))
        self.addSeparator()
        self.addWidget(QLabel(" Speed "))
        self.speed = QSlider(Qt.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setFixedWidth(130)
        self.speed.setFocusPolicy(Qt.StrongFocus)  # Tab reaches it; ↑ ↓ move it
        self.speed.setToolTip(
            "Iterations per second: from one per animation cycle (training waits for the "
            "animation) to full speed (the animation samples)"
        )
        self.speed.valueChanged.connect(self._speed_moved)
        self.addWidget(self.speed)
        self.speed_text = QLabel(speed_label(None))
        self.speed_text.setMinimumWidth(80)
        self.addWidget(self.speed_text)
        self.addSeparator()
        self.counter = QLabel()
        self.counter.setToolTip("Iterations (parameter updates) done so far, and the last cost J")
        self.counter.setTextFormat(Qt.RichText)
        self.addWidget(self.counter)
        self.set_progress(0, None)

    def _speed_moved(self, i: int) -> None:
        self.speed_text.setText(speed_label(SPEEDS[i]))
        self.speedChanged.emit(SPEEDS[i])

    def set_playing(self, playing: bool) -> None:
        icon = QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay
        self.play.setIcon(self.style().standardIcon(icon))
        self.play.setText("Pause" if playing else "Play")

    def text(self) -> str:
        """The counter's text as shown ("iteration 7 · J = 0.684807")."""
        return self.counter.text().replace("&nbsp;", " ").replace("<b>", "").replace("</b>", "")

    def set_progress(self, iteration: int, cost: float | None) -> None:
        j = "–" if cost is None else f"{cost:.6f}"
        self.counter.setText(f"&nbsp;iteration <b>{iteration:,}</b> &nbsp;·&nbsp; J = <b>{j}</b>")

    def set_blocked(self, reason: str) -> None:
        """Disable Play and Step with the reason ("" enables them)."""
        for a in (self.play, self.step, self.step_phase):
            a.setEnabled(not reason)
        self.play.setToolTip(reason or "Train continuously (Space); press again to pause")

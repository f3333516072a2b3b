"""The "Gradient check" tab: is backprop right? The course's check, layer by layer, on demand.

"Check backprop" compares backprop's dW[l], db[l] at the shown parameters with centred differences
(ε = 1e-7, float64; see nnviz.engine.gradcheck_layers) in a background thread, with progress and
Cancel. The table gives per layer the entries checked (a sample of W[1]'s, its size shown), the
relative difference and the course's verdict; a result says which iteration it is of, and says so
when the window has moved on to other parameters.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nnviz.engine.broken_backprop import broken_backward
from nnviz.engine.gradcheck_layers import (
    EPS,
    GOOD,
    MAX_EXAMPLES,
    WRONG,
    GradCheck,
    check_layers,
)
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Architecture, forward
from nnviz.ui.common import theme
from nnviz.ui.common.dump import entry
from nnviz.ui.lessons.break_view import BreakBackprop
from nnviz.ui.lessons.job import Job
from nnviz.ui.run.controller import Controller

SAMPLES = (10_000, 2_000, 50_000)
COLOURS = {"good": "#2f855a", "look closer": "#b7791f", "wrong": theme.DANGER}
INTRO = (
    f"Backprop's gradient against the numerical one, (J(θ+ε) − J(θ−ε)) / 2ε with ε = {EPS:g} "
    "(float64): difference = ‖g − g<sub>approx</sub>‖ / (‖g‖ + ‖g<sub>approx</sub>‖) per layer; "
    f"below {GOOD:g} is good, above {WRONG:g} means a bug. Layers with more weights are checked "
    "on a random sample of the size chosen (every bias is checked)."
)


def fmt_count(n: int) -> str:
    return f"{n:,}"


def result_html(r: GradCheck, iteration: int) -> str:
    """The result as the tab shows it: a line per layer and the overall verdict."""
    rows = [
        "<tr><th align='left'>layer&nbsp;</th><th align='right'>W entries checked&nbsp;</th>"
        "<th align='right'>b&nbsp;</th><th align='right'>‖g‖&nbsp;</th>"
        "<th align='right'>difference&nbsp;</th><th align='left'>verdict</th></tr>"
    ]
    for c in r.layers:
        checked = (
            f"sample of {fmt_count(c.checked_w)} / {fmt_count(c.total_w)}"
            if c.sampled
            else f"all {fmt_count(c.total_w)}"
        )
        rows.append(
            f"<tr><td>{c.layer}</td><td align='right'>{checked}</td>"
            f"<td align='right'>{c.checked_b}&nbsp;</td>"
            f"<td align='right'>{c.norm_backprop:.3g}&nbsp;</td>"
            f"<td align='right'>{c.difference:.2e}&nbsp;</td>"
            f"<td style='color:{COLOURS[c.verdict]}'><b>{c.verdict}</b></td></tr>"
        )
    examples = (
        f"J over all {r.m:,} training examples"
        if r.m == r.m_total
        else f"J over the first {r.m:,} of {r.m_total:,} examples"
    )
    colour = COLOURS[r.verdict]
    return (
        f"Iteration {iteration:,}: difference <b>{r.difference:.2e}</b> → "
        f"<b style='color:{colour}'>{r.verdict}</b> · {examples}"
        f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"
    )


class GradCheckView(QWidget):
    """The tab: sample size, Check / Cancel, progress, the result table."""

    def __init__(self, window: QMainWindow, c: Controller) -> None:
        super().__init__()
        self.main, self.c = window, c
        self.job = Job(self)
        self.result: GradCheck | None = None
        self.result_iteration: int | None = None
        self.result_broken: int | None = None
        self._generation = -1
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {theme.TEXT_MUTED};")
        self.sample = QComboBox()
        for n in SAMPLES:
            self.sample.addItem(f"sample {n:,} weights", n)
        self.sample.setToolTip(
            "Per layer at most this many weights are checked (W[1] of the cat network has 245,760)"
        )
        self.check_button = QPushButton("Check backprop")
        self.check_button.setToolTip(
            "Compare backprop with finite differences at the shown iteration"
        )
        self.check_button.clicked.connect(self.run_check)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.breaker = BreakBackprop(c)
        row = QHBoxLayout()
        row.addWidget(self.sample)
        row.addWidget(self.check_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.text = QLabel("Press “Check backprop” to compare at the shown iteration.")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {theme.TEXT_MUTED};")
        col = QVBoxLayout(self)
        col.setContentsMargins(8, 6, 8, 6)
        col.addLayout(row)
        col.addWidget(self.breaker)
        col.addWidget(self.progress)
        col.addWidget(self.text)
        col.addWidget(self.note)
        col.addWidget(self.breaker.plot)
        col.addWidget(intro)
        col.addStretch(1)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.progress.connect(self._progress)
        self.job.was_cancelled.connect(self._cancelled)
        c.snapshotChanged.connect(lambda _s: self._note_stale())
        c.runReset.connect(lambda _cfg: self._forget())

    # ----- running -----
    def run_check(self) -> bool:
        """Start the check at the shown parameters; False when there are none yet."""
        snap = self.c.record.shown
        if snap is None:
            self.text.setText("No parameters yet: the check needs a network to look at.")
            return False
        arch = Architecture(snap.layer_dims, snap.activation)
        W, b = list(snap.W), list(snap.b)
        loss, l2 = get_loss(snap.loss), float(snap.l2)
        dataset, sample = self.c.dataset, int(self.sample.currentData())
        iteration = snap.iteration

        broken = self.breaker.broken_layer()

        def work(progress, cancelled):
            X, Y = dataset.as_dtype("float64")[:2]
            grads = None
            if broken is not None:  # the same examples and precision as the check's own
                X, Y = X[:, :MAX_EXAMPLES], Y[:, :MAX_EXAMPLES]
                W64 = [np.asarray(w, np.float64) for w in W]
                Z, A = forward(arch, W64, [np.asarray(v, np.float64) for v in b], X)
                grads = broken_backward(arch, W64, Z, A, Y, loss, l2, broken)
            r = check_layers(
                arch, W, b, X, Y, loss, l2, sample=sample, grads=grads,
                progress=progress, cancelled=cancelled,
            )  # fmt: skip
            return iteration, r, broken

        self.job.start(work)
        self._generation = self.c.record.generation
        self.check_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress.show()
        self.note.setText(f"Checking iteration {iteration:,} …")
        return True

    def cancel(self) -> None:
        self.job.cancel()

    def _idle(self) -> None:
        self.check_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _progress(self, token: int, done: int, total: int) -> None:
        if token == self.job.token and total:
            self.progress.setValue(int(1000 * done / total))

    def _done(self, token: int, out: tuple[int, GradCheck, int | None]) -> None:
        if token != self.job.token:
            return
        self._idle()
        self.result_iteration, self.result, self.result_broken = out
        html = result_html(self.result, self.result_iteration)
        if self.result_broken is not None:
            html = (
                f"<b style='color:{theme.DANGER}'>Backprop broken in layer {self.result_broken}"
                "</b> (g'(Z) dropped from its dZ). " + html
            )
        self.text.setText(html)
        self.note.setText("")
        self._note_stale()

    def _failed(self, token: int, message: str) -> None:
        if token == self.job.token:
            self._idle()
            self.note.setText(f"The gradient check could not run: {message}")

    def _cancelled(self, token: int) -> None:
        if token == self.job.token:
            self._idle()
            self.note.setText("Cancelled.")

    # ----- keeping in step with the window -----
    def _note_stale(self) -> None:
        k = self.result_iteration
        if k is None or self.job.running():
            return
        shown = self.c.record.iteration
        stale = shown != k or self.c.record.generation != self._generation
        self.text.setEnabled(not stale)  # greyed: of other parameters than the shown ones
        if stale:
            self.note.setText(
                f"This result is of iteration {k:,}; the window now shows iteration {shown:,}. "
                "Check again to compare there."
            )
        else:
            self.note.setText("")

    def _forget(self) -> None:
        self.job.cancel()
        self._idle()
        self.result = self.result_iteration = self.result_broken = None
        self.text.setEnabled(True)
        self.text.setText("Press “Check backprop” to compare at the shown iteration.")
        self.note.setText("")

    def state(self) -> dict:
        """For --dump-state: the result shown (iteration, overall difference, per layer)."""
        r = self.result
        return entry(
            self,
            self.main,
            iteration=self.result_iteration,
            J=None,
            difference=None if r is None else r.difference,
            verdict=None if r is None else r.verdict,
            broken_layer=self.result_broken,
            stale=not self.text.isEnabled(),
            layers=[]
            if r is None
            else [
                {
                    "layer": c.layer,
                    "checked_w": c.checked_w,
                    "total_w": c.total_w,
                    "difference": c.difference,
                    "verdict": c.verdict,
                }
                for c in r.layers
            ],
            running=self.job.running(),
            text=self.text.text(),
        )

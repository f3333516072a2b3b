"""The composition root: builds the window from its parts and wires them to the controller.

No logic lives here beyond connecting signals; the run is in the controller's RunRecord, drawing
in the views. Features install into the window's named places (nnviz.ui.places: menus by id and
section, the right column's tabs, the strips around the canvas), which lay_out() builds; questions
go through nnviz.ui.common.dialogs.
The window is built in two steps so that it shows quickly: first the network canvas, the
controls and the transport (no pyqtgraph), then finish(): the plots (pyqtgraph, imported there)
and the features. MainWindow(c) does both; MainWindow(c, defer=True) leaves finish() to the
caller, which runs it after the first paint (nnviz.ui.app.launch).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from nnviz.data import BUILTIN, Dataset
from nnviz.engine.snapshot import Snapshot
from nnviz.engine.trainer import TrainConfig
from nnviz.run.examples import dataset_key
from nnviz.ui.canvas.canvas import NetworkCanvas
from nnviz.ui.common import dialogs
from nnviz.ui.common.dump import dump_state
from nnviz.ui.common.keyboard import install_keyboard
from nnviz.ui.common.throttle import Latest
from nnviz.ui.common.window_states import register_plot_states, register_window_states
from nnviz.ui.panels.controls import ControlsPanel
from nnviz.ui.panels.datasets import choose_dataset, describe
from nnviz.ui.panels.example_bar import ExampleBar
from nnviz.ui.panels.menus import install_menus
from nnviz.ui.panels.presenter import Presenter
from nnviz.ui.places import lay_out
from nnviz.ui.run.controller import Controller
from nnviz.ui.run.transport import Transport

PLOT_HZ = 4
LABEL_HZ = 10  # the example's prediction follows snapshots this often


class MainWindow(QMainWindow):
    def __init__(self, controller: Controller, defer: bool = False) -> None:
        super().__init__()
        self.c = controller
        self.record = controller.record
        self.ready = False  # finish() has run: plots and features are there
        self.setWindowTitle("nnviz — watch a neural network learn")
        self.c.confirm_reset = lambda question: dialogs.ask(self, question)
        self.canvas_snapshot: Snapshot | None = None
        self.example_shown: tuple[int | None, float | None] = (None, None)
        self._status_paused = False
        self.c.choose = lambda question, options: dialogs.choose(self, question, options)
        self.transport = Transport(self)
        self.addToolBar(self.transport)
        self.controls = ControlsPanel(BUILTIN)
        self.canvas = NetworkCanvas()
        self.examples = ExampleBar()
        self.banner = dialogs.Banner()
        strips = (self.banner, self.examples)  # above and under the canvas
        self.places, self._side = lay_out(self, self.controls, self.canvas, strips)
        install_menus(self)
        self._wire()
        self._show_dataset(self.c.dataset)
        self._run_reset(self.c.config)
        self.controls.set_config(self.c.config)
        self.statusBar().showMessage("Ready: press Space to train, → to step one iteration")
        register_window_states(self)
        self.keyboard = install_keyboard(self, self.canvas)
        if not defer:
            self.finish()

    def finish(self) -> None:
        """Build the plots in their places and install the features (idempotent)."""
        if self.ready:
            return
        from nnviz.ui.plots import CostPlot, DimsTable, SigmoidPlot

        self.cost_plot = CostPlot()
        self.sigmoid_plot = SigmoidPlot()
        self.dims = DimsTable()
        self.places.set_middle(self.sigmoid_plot)  # between the right column's tabs
        self.places.add_tab("top", self.cost_plot, "Cost", "Cost J and accuracy as training goes")
        self.places.add_tab("bottom", self.dims, "Shapes", "W, b, Z, A, dW, db per layer")
        self.log_action = QAction("Log-scale cost", self)
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.setCheckable(True)
        self.log_action.toggled.connect(self.cost_plot.set_log)
        self.places.add_to_menu("view", "plots", [self.log_action])
        self._wire_plots()
        register_plot_states(self)
        self.ready = True
        self._install_features()
        install_keyboard(self, self.canvas, self.keyboard)  # the features' widgets too
        for widget in (self._side, self.examples, self.transport, self.sigmoid_plot):
            self.places.add_chrome(widget)
        self.presenter = Presenter(self)
        self.places.add_state("presenter", self.presenter.state)
        cfg, ds = self.c.config, self.c.dataset
        self._reset_plots((ds.n_x, *cfg.hidden_layers, 1), cfg)
        self._draw_history()
        self.cost_plot.flush()  # what the run measured before the plots were there
        self._update_prediction()

    # ----- wiring -----
    def _wire(self) -> None:
        c, t = self.c, self.transport
        t.play.triggered.connect(c.toggle_play)
        t.step.triggered.connect(c.step)
        t.reset.triggered.connect(self._reset_clicked)
        t.speedChanged.connect(c.set_speed)
        c.playingChanged.connect(self._playing)
        c.snapshotChanged.connect(self._snapshot)
        self._feed_prediction = Latest(self._update_prediction, LABEL_HZ, self)
        c.runReset.connect(self._run_reset)
        c.datasetChanged.connect(self._show_dataset)
        c.exampleChanged.connect(lambda *_: self._show_example())
        c.status.connect(lambda s: self.statusBar().showMessage(s, 8000))
        c.problem.connect(self._problem)
        c.loadProgress.connect(self.controls.set_progress)
        self.controls.configChanged.connect(self._config_changed)
        self.controls.validityChanged.connect(self._validity)
        self.controls.datasetChosen.connect(self.open_dataset)
        self.controls.positiveChosen.connect(c.choose_positive)
        self.controls.cancelLoad.connect(c.cancel_load)
        self.examples.exampleChanged.connect(c.set_example)
        self.canvas.hovered.connect(lambda s: self.statusBar().showMessage(s) if s else None)

    def _wire_plots(self) -> None:
        # Plots redraw at most PLOT_HZ times a second, from the record; the canvas follows the
        # snapshots.
        self._feed_history = Latest(self._draw_history, PLOT_HZ, self)
        self._feed_sigmoid = Latest(self.sigmoid_plot.set_output, PLOT_HZ, self)
        self.record.listen(self._record_changed)
        self.cost_plot.hovered.connect(lambda s: self.statusBar().showMessage(s) if s else None)

    def _record_changed(self, event: str, _detail: object) -> None:
        if event in ("costs", "evaluation"):
            self._feed_history()
        elif event in ("reset", "branched"):
            self._feed_history.discard()
            self._draw_history()

    def _draw_history(self) -> None:
        """The cost plot shows the record's history (J and evaluations)."""
        r = self.record
        its, J = r.costs.arrays()
        self.cost_plot.show_history(r.generation, its, J, r.evaluations.array())

    def _install_features(self) -> None:
        """Each feature installs itself into the window's named places (one line each)."""
        from nnviz.ui.panels.course import install_course_photos

        self.course = install_course_photos(self, self.c)  # the course's photos, downloaded
        from nnviz.ui.session import install_session

        self.session = install_session(self, self.c)  # files, autosave, exports
        from nnviz.ui.predict import install_drop

        self.predictions = install_drop(self, self.c)  # drop / paste / open pictures to predict
        from nnviz.ui.flow.stepping import install_stepping

        self.stepping = install_stepping(self, self.c)  # step phase, animated flow, equations
        from nnviz.ui.timeline.bar import install_timeline

        self.timeline = install_timeline(self, self.c)  # scrub back through the run, branch
        from nnviz.ui.diagnose import install_diagnose

        self.diagnose = install_diagnose(self, self.c)  # where it fails, gradients, runs (issue 15)
        from nnviz.ui.units import install_units

        self.units = install_units(self, self.c)  # first-layer units as pictures (issue 13)
        from nnviz.ui.lessons import install_lessons

        self.lessons = install_lessons(self, self.c)  # gradient check, landscape, stalls, ghost
        from nnviz.ui.edit import install_editing

        self.editing = install_editing(self, self.c)  # edit a weight by hand (issue 13)

    def dump_state(self, path) -> dict:
        """Write what every view shows to `path` (JSON); returns it."""
        self.flush_views()
        return dump_state(self.places.states, path)

    # ----- reactions -----
    def _problem(self, message: str) -> None:
        self.banner.say(message)
        self.statusBar().showMessage(message, 15000)

    def _playing(self, playing: bool) -> None:
        self.transport.set_playing(playing)
        self._status_paused = not playing
        self.statusBar().showMessage("Training…" if playing else self._paused_text())

    def _paused_text(self) -> str:
        return f"Paused at iteration {self.record.iteration:,}"

    def _validity(self, reason: str) -> None:
        self.transport.set_blocked(reason)
        if reason:
            self.c.pause()
            self.statusBar().showMessage(f"Can't train: {reason}")

    def _config_changed(self, cfg: TrainConfig) -> None:
        if not self.c.apply_config(cfg):
            self.controls.set_config(self.c.config)  # declined: show what is still in force

    def _reset_clicked(self) -> None:
        self.c.pause()
        self.c.reset(ask=True)

    def open_dataset(self, key: str) -> None:
        """Open the dataset the chooser calls `key` (a built-in, or ask for a file or folder)."""
        choose_dataset(self, self.c, key)
        self.controls.select_dataset_key(dataset_key(self.c.dataset))

    def _show_dataset(self, ds: Dataset) -> None:
        self.controls.show_dataset(dataset_key(ds), describe(ds), ds.class_names)
        self.examples.set_dataset(ds.m, ds.m_test, ds.class_names)

    def _run_reset(self, cfg: TrainConfig) -> None:
        ds = self.c.dataset
        dims = (ds.n_x, *cfg.hidden_layers, 1)
        self._feed_prediction.discard()
        if self.ready:
            self._reset_plots(dims, cfg)
        self.canvas.set_architecture(dims, cfg.activation, ds.image_shape, ds.class_names)
        self.transport.set_progress(0, None)
        self._show_example()

    def _reset_plots(self, dims: tuple[int, ...], cfg: TrainConfig) -> None:
        self._feed_sigmoid.discard()
        self.dims.set_architecture(dims, cfg.batch_size or self.c.dataset.m)
        self.sigmoid_plot.set_hidden_activation(cfg.activation)
        self.sigmoid_plot.set_class_names(self.c.dataset.class_names)  # ŷ = P(positive)

    def _show_example(self) -> None:
        x, y, image = self.c.example_data()
        which, index = self.c.example
        if which in ("train", "test"):  # chosen elsewhere (a gallery, a cell): the bar follows
            self.examples.set_example(which, index)
        self.canvas.set_example(x, y, image, self.c.example_caption())
        self.examples.set_thumbnail(image)
        self._update_prediction()

    def _snapshot(self, snap: Snapshot) -> None:
        self.canvas_snapshot = snap
        self.canvas.set_snapshot(snap)
        self.transport.set_progress(snap.iteration, self.record.J())
        if not self.c.is_playing and self._status_paused:
            self.statusBar().showMessage(self._paused_text())
        self._feed_prediction()

    def _update_prediction(self) -> None:
        snap = self.c.snapshot
        out = self.canvas.example_output() if snap is not None else None
        _, y, _ = self.c.example_data()
        if out is None:
            if self.ready:
                self._feed_sigmoid(None, None)
            return
        z, yhat = out
        assert snap is not None  # example_output() is None without a snapshot
        if self.ready:
            self._feed_sigmoid(z, snap.z_out)
        self.examples.set_prediction(y, yhat)
        self.example_shown = (snap.iteration, float(yhat))

    def flush_views(self) -> None:
        """Draw what the throttled plots still hold (before a screenshot or an export)."""
        self.finish()
        self.canvas.flush()
        self._feed_history.discard()
        self._draw_history()
        self.cost_plot.flush()
        self._feed_prediction.flush()
        self._feed_sigmoid.flush()

    # ----- closing -----
    def closeEvent(self, event) -> None:
        if self.ready:
            self.course.wait()
        self.c.shutdown()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

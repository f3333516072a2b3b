"""Start the window: `python main.py [--dataset D] [--screenshot out.png --train N --size WxH]`."""

from __future__ import annotations

import argparse
import os
import sys

from nnviz.run.settings import parse_size


def _parse_size(text: str | tuple[int, int]) -> tuple[int, int]:
    return text if isinstance(text, tuple) else parse_size(text)


_BLAS_LIMIT: list = []  # the threadpoolctl limit in force while the window runs (kept alive here)


def share_cores() -> int:
    """Leave the GUI thread a core of its own: numpy's BLAS runs at most cpu_count - 1 threads
    in the window's process (on 2 cores, 1). Two BLAS threads plus the painting thread on two
    cores fight for both, and training in the window ran slower than with one BLAS thread.
    Returns the BLAS thread count now in force; idempotent."""
    import numpy  # noqa: F401 (loads the BLAS library that threadpoolctl then finds)
    from threadpoolctl import threadpool_limits

    from nnviz.run.remote_client import blas_threads

    if not _BLAS_LIMIT:
        n = max(1, (os.cpu_count() or 2) - 1)
        _BLAS_LIMIT.append(threadpool_limits(limits=n, user_api="blas"))
    return blas_threads()


def make_app(offscreen: bool = False):
    """The QApplication, styled; `offscreen` renders without a display (screenshots, benchmarks)."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from nnviz.ui.common.memory import give_back_large_blocks
    from nnviz.ui.common.style import apply_style

    default = qInstallMessageHandler(None)

    def quiet(kind, context, message: str) -> None:
        if "propagateSizeHints" not in message:  # the offscreen plugin's harmless chatter
            default(kind, context, message) if default else print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    share_cores()
    give_back_large_blocks()  # resident memory stays flat over hours (nnviz.ui.common.memory)
    # The training thread gives up the GIL inside every numpy call and needs it back right after;
    # a short switch interval stops the GUI thread's painting from holding it for 5 ms at a time.
    sys.setswitchinterval(0.0005)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nnviz")
    app.setOrganizationName("nnviz")
    if os.environ.get("NNVIZ_DATA_DIR"):  # tests: settings beside the data, not the user's own
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, os.environ["NNVIZ_DATA_DIR"])
    apply_style(app)  # type: ignore[arg-type]
    return app


def build_window(dataset_spec: str = "cats", defer: bool = False):
    """(window, controller) on `dataset_spec`; a dataset that fails to load falls back to the
    built-in one with the reason shown in the window. defer: leave window.finish() (plots and
    features) to the caller, as launch() does."""
    from nnviz.data import DataError, load_dataset
    from nnviz.ui.main_window import MainWindow
    from nnviz.ui.run.controller import Controller

    problem = None
    try:
        dataset = load_dataset(dataset_spec)
    except DataError as e:
        problem = f"Could not open the dataset: {e}. Showing the built-in cats instead."
        dataset = load_dataset("cats")
    controller = Controller(dataset)
    window = MainWindow(controller, defer=defer)
    if problem:
        controller.problem.emit(problem)
    from nnviz.data.notices import dataset_warning, skipped_lines, skipped_summary

    for line in skipped_lines(dataset.skipped):  # a folder given at start-up: said, not lost
        print(f"nnviz: {line}", file=sys.stderr)
    for said in (skipped_summary(dataset.skipped), dataset_warning(dataset)):
        if said:
            controller.problem.emit(said[0].upper() + said[1:])
    return window, controller


DEFAULT_SIZE = (1600, 1000)


def fit_to_screen(window, size: tuple[int, int]) -> tuple[int, int]:
    """`size` (logical pixels) made to fit the screen's available area with the window's frame
    (title bar, borders), so nothing lands off-screen on a laptop or at 200 % scaling."""
    screen = window.screen()
    if screen is None:
        return size
    area = screen.availableGeometry()
    frame_w = max(0, window.frameGeometry().width() - window.width())
    frame_h = max(0, window.frameGeometry().height() - window.height()) or 32  # a title bar
    return min(size[0], area.width() - frame_w), min(size[1], area.height() - frame_h)


def launch(dataset_spec: str = "cats", size: tuple[int, int] | None = None, then=None):
    """The window as a user starts it: (window, controller), shown.

    Geometry and the last settings are restored first; the window shows as soon as its canvas
    and controls are built, and right after its first paint the plots and the features are
    built (window.finish()), the session starts (autosave, the offer to restore), and
    then(window, controller) runs (e.g. start training: all that records it is there by then)."""
    from PySide6.QtCore import QTimer

    from nnviz.ui.session import persistence

    window, controller = build_window(dataset_spec, defer=True)
    if size is not None:  # asked for: exactly that
        window.resize(*size)
    elif not persistence.restore_geometry(window):
        window.resize(*fit_to_screen(window, DEFAULT_SIZE))
    cfg = persistence.last_settings()
    if cfg is not None and controller.apply_config(cfg):
        window.controls.set_config(cfg)

    def ready() -> None:
        window.finish()
        window.session.start(settings=False)
        if then is not None:
            then(window, controller)

    def painted(_ms: float) -> None:
        window.canvas.painted.disconnect(painted)
        QTimer.singleShot(0, ready)

    window.canvas.painted.connect(painted)
    window.show()
    return window, controller


def train_until(controller, iterations: int, timeout_ms: int = 600_000) -> None:
    """Train through the worker thread until `iterations`; return once that snapshot is shown."""
    from PySide6.QtCore import QEventLoop, QTimer

    if iterations <= 0:
        return
    loop = QEventLoop()

    def check(*_) -> None:
        snap = controller.snapshot
        if snap is not None and snap.iteration >= iterations and not controller.is_playing:
            loop.quit()

    controller.snapshotChanged.connect(check)
    controller.playingChanged.connect(check)
    QTimer.singleShot(timeout_ms, loop.quit)
    controller.play(until=iterations)
    loop.exec()
    controller.snapshotChanged.disconnect(check)
    controller.playingChanged.disconnect(check)


def screenshot(
    window,
    controller,
    path: str,
    iterations: int,
    size: tuple[int, int],
    dump: str | None = None,
    presenter: bool = False,
) -> None:
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.show()
    QApplication.processEvents()
    if presenter:
        window.presenter.fullscreen = False  # the picture keeps the size asked for
        window.presenter.action.setChecked(True)
    train_until(controller, iterations)
    for _ in range(5):
        QApplication.processEvents()
    window.flush_views()
    QApplication.processEvents()
    if not window.grab().save(path):
        raise OSError(f"could not write the screenshot {path}")
    if dump:
        window.dump_state(dump)


def run_app(args: argparse.Namespace) -> int:
    """Open the nnviz window with args.dataset, args.screenshot, args.train, args.size."""
    try:
        given = getattr(args, "size", None)
        size = _parse_size(given) if given else None
    except ValueError as e:
        print(f"nnviz: error: --size {e}", file=sys.stderr)
        return 2
    shot = getattr(args, "screenshot", None)
    app = make_app(offscreen=bool(shot))
    spec = getattr(args, "dataset", None) or "cats"
    train = int(getattr(args, "train", 0) or 0)
    if not shot:

        def start(w, c) -> None:
            if getattr(args, "presenter", False):
                w.presenter.action.setChecked(True)
            if train:
                c.play(until=train)

        window, controller = launch(spec, size, then=start)
        return app.exec()
    window, controller = build_window(spec)
    try:
        dump = getattr(args, "dump_state", None)
        presenter = bool(getattr(args, "presenter", False))
        screenshot(window, controller, shot, train, size or DEFAULT_SIZE, dump, presenter)
    except OSError as e:
        print(f"nnviz: error: {e}", file=sys.stderr)
        return 1
    finally:
        window.close()
    print(f"saved {shot}")
    return 0

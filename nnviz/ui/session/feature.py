"""The session feature of the window: File menu items, autosave, the restore offer, persistence.

install_session(window, controller) adds File > Open session / Save session / Open recent /
Open model / Save model as / Export, and an Autosaver (off until start()). start() is for the real
app only (not screenshots, benchmarks or tests unless they ask): it restores the geometry and
the last settings, turns autosave on and offers to restore the last autosaved session.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from nnviz.data.session import Session, SessionError, load_session, save_session
from nnviz.ui.common.plain import tip
from nnviz.ui.session import persistence
from nnviz.ui.session.autosave import Autosaver
from nnviz.ui.session.restore_bar import RestoreBar
from nnviz.ui.session.runs import open_model, restore_session, save_model_to
from nnviz.ui.session.store import PREVIOUS_NAME, autosave_path, gather, set_aside

NPZ_FILTER = "nnviz sessions and models (*.npz);;All files (*)"


class SessionFeature(QObject):
    def __init__(self, window, controller) -> None:
        super().__init__(window)
        self.w, self.c = window, controller
        self.started = False
        self.autosaver = Autosaver(controller)
        self.autosaver.failed.connect(controller.problem)
        self.autosaver.before_write = self._before_autosave
        self.bar = RestoreBar()
        self.bar.answered.connect(self._answered)
        window.places.add_above_canvas(self.bar)
        self._menus()
        window.installEventFilter(self)

    # ----- menus -----
    def _menus(self) -> None:
        self.open_session_action = self._action(
            "Open session…", lambda: self._ask_open("Open session", self.open_session)
        )
        self.save_session_action = self._action(
            "Save session…", lambda: self._ask_save("Save session", "session", self.save_session)
        )
        self.save_session_action.setShortcut(QKeySequence.Save)
        self.recent_menu = QMenu("Open recent", self.w)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.open_model_action = self._action(
            "Open model…", lambda: self._ask_open("Open model", self.open_model)
        )
        self.save_model_action = self._action(
            "Save model as…", lambda: self._ask_save("Save model as", "model", self.save_model)
        )
        self.w.places.add_to_menu(
            "file",
            "session",
            [self.open_session_action, self.recent_menu, self.save_session_action],
        )
        self.w.places.add_to_menu("file", "model", [self.open_model_action, self.save_model_action])
        self._fill_recent()

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self.w)
        action.triggered.connect(slot)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = persistence.recent_files()
        for path in files:
            act = self.recent_menu.addAction(Path(path).name)
            act.setToolTip(tip(path))
            act.triggered.connect(lambda _=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(files))

    def _dir(self) -> str:
        return persistence.last_folder()

    def _ask_open(self, title: str, then) -> None:
        """An .npz chosen in a file dialog goes to then(path)."""
        path, _ = QFileDialog.getOpenFileName(self.w, title, self._dir(), NPZ_FILTER)
        if path:
            persistence.remember_folder(path)
            then(path)

    def _ask_save(self, title: str, name: str, then) -> None:
        """A file name chosen in a save dialog (".npz" added if missing) goes to then(path)."""
        default = os.path.join(self._dir(), f"{name}.npz")
        path, _ = QFileDialog.getSaveFileName(self.w, title, default, NPZ_FILTER)
        if path:
            persistence.remember_folder(path)
            then(path if path.endswith(".npz") else path + ".npz")

    # ----- actions (also the API for tests) -----
    def save_session(self, path: str | os.PathLike) -> bool:
        s = gather(self.c)
        if s is None:
            self.c.problem.emit("Nothing to save yet: train at least one iteration first.")
            return False
        try:
            save_session(path, s)
        except (OSError, ValueError) as e:
            self.c.problem.emit(f"Could not save the session to {os.fspath(path)}: {e}")
            return False
        persistence.add_recent(path)
        self.c.status.emit(f"Saved the session (iteration {s.iteration:,}) to {os.fspath(path)}")
        return True

    def open_session(self, path: str | os.PathLike) -> bool:
        try:
            s = load_session(path)
        except SessionError as e:
            self.c.problem.emit(f"Could not open the session: {e}")
            return False
        if restore_session(self.w, self.c, s):
            self._offer_done()
            persistence.add_recent(path)
            return True
        return False

    def open_model(self, path: str | os.PathLike) -> bool:
        if open_model(self.w, self.c, path):
            self._offer_done()
            persistence.add_recent(path)
            return True
        return False

    def _offer_done(self) -> None:
        """Another run was opened: the restore offer goes, its autosave is kept aside."""
        if self.bar.pending():
            self._answered(False)

    def save_model(self, path: str | os.PathLike) -> bool:
        if save_model_to(self.c, path):
            persistence.add_recent(path)
            return True
        return False

    def open_file(self, path: str) -> bool:
        """A recent file: a session if it has one, else a model."""
        try:
            load_session(path)
        except SessionError:
            return self.open_model(path)
        return self.open_session(path)

    # ----- the real app: start-up and autosave -----
    def start(self, offer_restore: bool = True, settings: bool = True) -> None:
        """Geometry and last settings (unless `settings` is False: the caller restored them),
        autosave on, and the offer to restore the last autosave."""
        self.started = True
        if settings:
            persistence.restore_geometry(self.w)
            cfg = persistence.last_settings()
            if cfg is not None and self.c.apply_config(cfg):
                self.w.controls.set_config(cfg)
        self.autosaver.enable(True)
        if offer_restore:
            self.offer_restore()

    def offer_restore(self) -> Session | None:
        """Offer the last autosave in the bar; an unreadable one is set aside with a message."""
        path = autosave_path()
        if not path.is_file():
            return None
        try:
            s = load_session(path)
        except Exception as e:  # start-up never falls over, whatever the file holds
            reason = e.reason if isinstance(e, SessionError) else f"{type(e).__name__}: {e}"
            try:
                moved = set_aside(path)
            except OSError as err:
                self.c.problem.emit(f"The last autosave is unreadable ({reason}) ({err}).")
            else:
                self.c.problem.emit(
                    f"The last autosave could not be read ({reason}); it was set aside as "
                    f"{moved.name}."
                )
            return None
        self.bar.offer(s)
        return s

    def _answered(self, restore: bool) -> None:
        s, path = self.bar.session, autosave_path()
        self.bar.withdraw()
        if restore and s is not None:
            restore_session(self.w, self.c, s, ask=False)
        elif path.is_file():
            self._keep_previous(path, f"Discarded; the old autosave is kept as {PREVIOUS_NAME}")

    def _keep_previous(self, path: Path, message: str) -> None:
        """Move the autosave one step back (never deleted)."""
        try:
            os.replace(path, path.with_name(PREVIOUS_NAME))
        except OSError as e:
            self.c.problem.emit(f"Could not move the old autosave {path} aside: {e}")
        else:
            self.c.status.emit(message)

    def _before_autosave(self) -> None:
        """A new run is about to be autosaved while the offer is open: keep the old one aside."""
        if self.bar.pending():
            path = autosave_path()
            self.bar.withdraw()
            if path.is_file():
                self._keep_previous(path, f"The earlier autosave is kept as {PREVIOUS_NAME}")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.w and event.type() == QEvent.Close:
            self._closing()
        return False

    def _closing(self) -> None:
        self.autosaver.finish()
        if self.started:
            persistence.save_geometry(self.w)
            persistence.save_last_settings(self.c.config)


def install_session(window, controller) -> SessionFeature:
    """Wire the session feature (and the exports) into `window`; returns the feature."""
    from nnviz.ui.session.export import install_export

    feature = SessionFeature(window, controller)
    install_export(window)
    return feature

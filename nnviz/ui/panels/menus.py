"""The window's own menu items, in its named places: datasets and Quit (File), the transport
(Training), fitting the canvas (View), the shortcuts and About (Help)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from nnviz.data import BUILTIN
from nnviz.ui.common import dialogs
from nnviz.ui.panels.data_box import OPEN_FOLDER, OPEN_H5


def install_menus(w) -> None:
    """Add the items of w (a MainWindow) to its places' menus."""
    places = w.places
    w.open_h5 = QAction("Open HDF5 dataset…", w)
    w.open_h5.setShortcut(QKeySequence("Ctrl+O"))
    w.open_h5.triggered.connect(lambda: w.open_dataset(OPEN_H5))
    w.open_folder = QAction("Open image folder…", w)
    w.open_folder.setShortcut(QKeySequence("Ctrl+Shift+O"))
    w.open_folder.triggered.connect(lambda: w.open_dataset(OPEN_FOLDER))
    builtins = QMenu("Built-in dataset", w)
    for name, desc in BUILTIN.items():
        act = builtins.addAction(name)
        act.setToolTip(desc)
        act.triggered.connect(lambda _=False, n=name: w.open_dataset(n))
    places.add_to_menu("file", "dataset", [w.open_h5, w.open_folder, builtins])
    quit_ = QAction("Quit", w)
    quit_.setShortcut(QKeySequence("Ctrl+Q"))
    quit_.setMenuRole(QAction.QuitRole)
    quit_.triggered.connect(w.close)
    places.add_to_menu("file", "quit", [quit_])
    t = w.transport
    places.add_to_menu("training", "transport", [t.play, t.step, t.reset])
    fit = QAction("Fit network in view", w)
    fit.setShortcut(QKeySequence("Ctrl+0"))
    fit.triggered.connect(w.canvas.fit_view)
    places.add_to_menu("view", "canvas", [fit])
    keys = QAction("Keyboard shortcuts", w)
    keys.setShortcut(QKeySequence("F1"))
    keys.triggered.connect(lambda: dialogs.show_shortcuts(w))
    about = QAction("About nnviz", w)
    about.setMenuRole(QAction.AboutRole)
    about.triggered.connect(lambda: dialogs.show_about(w))
    places.add_to_menu("help", "help", [keys, about])

"""The main window's named places, where features install themselves.

A feature never searches the window: it asks for a place by name.
- menus: "file", "training", "view", "help"; items go into named sections of a menu (File:
  "dataset", "session", "model", "predict", "export", "quit"; Training: "transport",
  "stepping"; View: "canvas", "plots", "flow", "diagnose"), in the order the sections are
  declared;
- tabs: "top" (Cost, Predictions, …) and "bottom" (Shapes, Equations, …) of the right column,
  with the sigmoid plot between them (set_middle);
- strips: "above canvas" (banners) and "under canvas" (the example bar, the timeline);
- the canvas itself for overlays (window.canvas);
- states: what each view shows, for `--dump-state` (nnviz.ui.common.dump).
lay_out() builds the window's three columns around them: the settings, the canvas with its strips,
the right column.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

SECTIONS = {
    "file": ("dataset", "session", "model", "predict", "export", "quit"),
    "training": ("transport", "stepping", "speed", "timeline"),
    "view": ("canvas", "plots", "flow", "diagnose"),
    "help": ("help",),
}
TITLES = {"file": "&File", "training": "&Training", "view": "&View", "help": "&Help"}


class Places:
    """Menus by id and section, the right column's two tab areas, the strips around the canvas."""

    def __init__(self, window: QMainWindow, column: QVBoxLayout, canvas: QWidget) -> None:
        self.window = window
        self.menus: dict[str, QMenu] = {}
        self._ends: dict[tuple[str, str], QAction] = {}
        for menu_id, sections in SECTIONS.items():
            menu = window.menuBar().addMenu(TITLES[menu_id])
            self.menus[menu_id] = menu
            for name in sections:
                end = menu.addSeparator()  # each section ends with its separator
                self._ends[(menu_id, name)] = end
        self.tabs = {"top": _tabs("topTabs"), "bottom": _tabs("bottomTabs")}
        self._column, self._canvas = column, canvas
        self.states: dict[str, Callable[[], dict]] = {}
        self._chrome: list[Callable[[], QWidget | None]] = [
            window.menuBar,
            window.statusBar,
            lambda: self.tabs["bottom"],
        ]
        self._holders: dict[QWidget, QScrollArea] = {}
        self.right = QSplitter(Qt.Vertical)  # the right column: top tabs, middle, bottom tabs
        self.right.addWidget(self.tabs["top"])
        self.right.addWidget(QWidget())  # the middle's place until set_middle()
        self.right.addWidget(self.tabs["bottom"])
        self.right.setSizes([340, 270, 330])

    def add_chrome(self, widget: QWidget) -> None:
        """A widget presenter mode hides (settings, bars, secondary plots)."""
        self._chrome.append(lambda: widget)

    def chrome(self) -> list[QWidget]:
        """Everything but the canvas and the top tabs (the cost plot)."""
        return [w for w in (get() for get in self._chrome) if w is not None]

    def add_state(self, name: str, state: Callable[[], dict]) -> None:
        """Register what the view `name` shows: state() -> {"iteration", "J", "shown", …}."""
        self.states[name] = state

    def menu(self, menu_id: str) -> QMenu:
        return self.menus[menu_id]

    def add_to_menu(self, menu_id: str, section: str, items: list[QAction | QMenu | None]) -> None:
        """Append actions, submenus and separators (None) to `section` of menu `menu_id`."""
        menu, end = self.menus[menu_id], self._ends[(menu_id, section)]
        for item in items:
            if item is None:
                menu.insertSeparator(end)
            elif isinstance(item, QMenu):
                menu.insertMenu(end, item)
            else:
                menu.insertAction(end, item)

    def add_tab(
        self, area: str, widget: QWidget, title: str, tip: str = "", index: int | None = None
    ) -> None:
        """A tab in the right column's "top" or "bottom" area (at `index`, default last). The
        widget sits in a scroll area, so a small window can still make the column narrow."""
        tabs = self.tabs[area]
        holder = QScrollArea()
        holder.setWidget(widget)
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        self._holders[widget] = holder
        i = tabs.insertTab(tabs.count() if index is None else index, holder, title)
        if tip:
            tabs.setTabToolTip(i, tip)

    def show_tab(self, widget: QWidget) -> None:
        """Bring `widget`'s tab to the front."""
        holder = self._holders.get(widget, widget)
        for tabs in self.tabs.values():
            if tabs.indexOf(holder) >= 0:
                tabs.setCurrentWidget(holder)

    def tab_shown(self, widget: QWidget) -> bool:
        """True when `widget` is the selected tab of its area."""
        holder = self._holders.get(widget, widget)
        return any(t.currentWidget() is holder for t in self.tabs.values())

    def add_above_canvas(self, widget: QWidget) -> None:
        """A bar above the canvas (banners, offers), below those added before."""
        self._column.insertWidget(self._column.indexOf(self._canvas), widget)

    def add_under_canvas(self, widget: QWidget) -> None:
        """A strip under the canvas, below those added before."""
        self._column.addWidget(widget)

    def set_middle(self, widget: QWidget) -> None:
        """Put `widget` between the right column's top and bottom tabs (the sigmoid plot),
        keeping the column's sizes."""
        right = self.right
        sizes = right.sizes()
        placeholder = right.replaceWidget(1, widget)
        if placeholder is not None:
            placeholder.deleteLater()
        right.setSizes(sizes)


def lay_out(
    window: QMainWindow, side: QWidget, canvas: QWidget, strips: tuple[QWidget, QWidget]
) -> tuple[Places, QScrollArea]:
    """The window's columns: `side` (the settings, scrolling), the canvas between its strips
    (above: a banner; under: the example bar) and the right column (top tabs, the middle,
    bottom tabs). Returns (the places, the settings' scroll area)."""
    scroll = QScrollArea()
    scroll.setWidget(side)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    scroll.setMinimumWidth(side.minimumSizeHint().width() + 16)
    scroll.setFrameShape(QScrollArea.NoFrame)
    centre = QWidget()
    col = QVBoxLayout(centre)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(6)
    col.addWidget(strips[0])
    col.addWidget(canvas, 1)
    col.addWidget(strips[1])
    places = Places(window, col, canvas)
    split = QSplitter(Qt.Horizontal)
    split.addWidget(scroll)
    split.addWidget(centre)
    split.addWidget(places.right)
    split.setStretchFactor(1, 1)
    split.setSizes([300, 800, 500])
    split.setStretchFactor(2, 0)
    split.setStretchFactor(0, 0)
    split.setChildrenCollapsible(False)
    window.setCentralWidget(split)
    return places, scroll


def _tabs(name: str) -> QTabWidget:
    tabs = QTabWidget()
    tabs.setObjectName(name)
    tabs.setDocumentMode(True)
    return tabs

"""Find the window's File menu and put items in it before Quit (no edits to main_window)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def file_menu(window) -> QMenu:
    """The menu bar's File menu (created if missing)."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == "File":
            return menu
    return bar.addMenu("&File")


def _quit_anchor(menu: QMenu) -> QAction | None:
    """The separator before Quit (or Quit itself), where new items go."""
    actions = menu.actions()
    for i, a in enumerate(actions):
        if a.text().replace("&", "") == "Quit":
            return actions[i - 1] if i and actions[i - 1].isSeparator() else a
    return None


def insert_before_quit(menu: QMenu, items: list[QAction | QMenu | None]) -> None:
    """Insert actions, submenus and separators (None) in order before the Quit group."""
    anchor = _quit_anchor(menu)
    for item in items:
        if item is None:
            if anchor is None:
                menu.addSeparator()
            else:
                menu.insertSeparator(anchor)
        elif isinstance(item, QMenu):
            if anchor is None:
                menu.addMenu(item)
            else:
                menu.insertMenu(anchor, item)
        elif anchor is None:
            menu.addAction(item)
        else:
            menu.insertAction(anchor, item)

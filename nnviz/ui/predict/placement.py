"""Where the Predictions panel lives: a tab beside the cost plot in the window's right column
(or, if the window is laid out otherwise, a dock on the right)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QTabWidget, QWidget

TAB_TIP = "Pictures you dropped or pasted, and what the network makes of them"


def place_panel(window: QMainWindow, panel: QWidget) -> None:
    """Put `panel` in a tab next to window.cost_plot (falls back to a right dock)."""
    cost = getattr(window, "cost_plot", None)
    split = cost.parentWidget() if cost is not None else None
    if isinstance(split, QSplitter):
        sizes, index = split.sizes(), split.indexOf(cost)
        tabs = QTabWidget(split)  # created as the splitter's child, so Qt owns it
        tabs.setObjectName("plotTabs")
        tabs.setDocumentMode(True)
        split.insertWidget(index, tabs)
        tabs.addTab(cost, "Cost")  # leaves the splitter
        split.setSizes(sizes)
        tabs.setTabToolTip(0, "Cost J and accuracy as training goes")
        tabs.addTab(panel, "Predictions")
        tabs.setTabToolTip(1, TAB_TIP)
        return
    dock = QDockWidget("Predictions", window)
    dock.setObjectName("predictionsDock")
    dock.setToolTip(TAB_TIP)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)


def reveal_panel(window: QMainWindow, panel: QWidget) -> None:
    """Bring the panel to the front (its tab, or its dock)."""
    parent = panel.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QTabWidget):
            parent.setCurrentWidget(panel)
            return
        if isinstance(parent, QDockWidget):
            parent.show()
            parent.raise_()
            return
        parent = parent.parentWidget()

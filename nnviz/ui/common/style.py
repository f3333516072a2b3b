"""The application's look: Fusion style, a light palette and a small style sheet from the theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from nnviz.ui.common import theme

STYLE_SHEET = f"""
QMainWindow, QScrollArea, #controls {{ background: {theme.BACKGROUND}; }}
QGroupBox {{
    font-weight: 600; border: 1px solid {theme.BORDER}; border-radius: 6px;
    margin-top: 10px; padding: 8px 6px 6px 6px; background: {theme.SURFACE};
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {theme.TEXT}; }}
QToolBar#transport {{ spacing: 6px; padding: 4px; border-bottom: 1px solid {theme.BORDER}; }}
QStatusBar {{ color: {theme.TEXT_MUTED}; }}
QSplitter::handle {{ background: {theme.BACKGROUND}; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    pal = app.palette()
    pal.setColor(QPalette.Window, QColor(theme.BACKGROUND))
    pal.setColor(QPalette.Base, QColor(theme.SURFACE))
    pal.setColor(QPalette.AlternateBase, QColor("#f1f3f6"))
    pal.setColor(QPalette.Text, QColor(theme.TEXT))
    pal.setColor(QPalette.WindowText, QColor(theme.TEXT))
    pal.setColor(QPalette.ButtonText, QColor(theme.TEXT))
    pal.setColor(QPalette.Button, QColor("#eef1f5"))
    pal.setColor(QPalette.Highlight, QColor(theme.ACCENT))
    pal.setColor(QPalette.ToolTipBase, QColor("#ffffff"))
    pal.setColor(QPalette.ToolTipText, QColor(theme.TEXT))
    app.setPalette(pal)
    font = QFont(theme.FONT_FAMILY)
    font.setPointSizeF(9.5)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)

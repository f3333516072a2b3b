"""Strings from outside (file and folder names, HDF5 class names, session and model metadata) are
shown as text, never as markup: a picture named "<h1>BIG<h1>cat.png" shows its name as written.

Qt guesses rich text in a label or tooltip from a leading "<"; plain_label() turns the guess off
for labels that show such strings, tip() makes a tooltip that shows them as written.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from nnviz.data.text import plain


def plain_label(label: QLabel) -> QLabel:
    """`label` shows its text as written (no rich-text guess)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def tip(text: str) -> str:
    """A tooltip that shows `text` as written: escaped, inside a paragraph (rich text on purpose,
    so the escapes are read back, not shown)."""
    return f"<p>{plain(text)}</p>"

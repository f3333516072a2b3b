"""Strings from outside (file and folder names, HDF5 class names, model and session metadata) are
text, never markup: plain() makes one safe to put into a Qt rich-text label, tooltip or HTML export.

Qt guesses rich text from a leading "<": a picture named "<h1>BIG<h1>cat.png" would otherwise
show as a huge heading. plain() is html.escape (quotes too), so the name shows as written.
No Qt here; the window calls plain() wherever it builds rich text from outside strings.
"""

from __future__ import annotations

import html


def plain(text: object) -> str:
    """`text` (str() of anything) with &, <, >, " and ' escaped for rich text / HTML."""
    return html.escape(str(text), quote=True)


def plain_lines(lines: list[str]) -> str:
    """Several outside strings as one rich-text block: each escaped, joined by <br>."""
    return "<br>".join(plain(line) for line in lines)

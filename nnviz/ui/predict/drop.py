"""Drags and pastes onto the whole window: which ones to accept, and the Sources they carry.

The window takes a drag only when it carries local file URLs or image data. A drag of web
addresses only is refused with a message. One event filter on the QApplication sees the drag
events of every widget in the window, so a drop lands anywhere, even on a child that would take
text drops itself (a QLineEdit); plain text drags still reach such children untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QMimeData, QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from nnviz.ui.predict.loader import Source

IMAGE_FORMATS = ("image/png", "image/jpeg", "image/bmp", "image/gif", "image/webp", "image/tiff")
VECTOR_FORMATS = ("image/svg+xml",)
REMOTE = "a web address, not a local file (save it to disk first, then drop the file)"
DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def classify(mime: QMimeData | None) -> str | None:
    """ "files" (some local file URLs), "image" (image data), "remote" (only non-local URLs),
    or None (nothing for us, e.g. plain text)."""
    if mime is None:
        return None
    if mime.hasUrls():
        urls = mime.urls()
        if any(u.isLocalFile() for u in urls):
            return "files"
        if urls and not _image_format(mime):
            return "remote"
    if _image_format(mime) or mime.hasImage():
        return "image"
    return None


def _image_format(mime: QMimeData) -> str | None:
    formats = set(mime.formats())
    for f in (*IMAGE_FORMATS, *VECTOR_FORMATS):
        if f in formats:
            return f
    return next((f for f in mime.formats() if f.startswith("image/")), None)


def remote_names(mime: QMimeData) -> list[str]:
    return [u.toString() for u in mime.urls() if not u.isLocalFile()] if mime.hasUrls() else []


def sources_from_mime(mime: QMimeData, image_name: Callable[[], str]) -> list[Source]:
    """What a drop or paste carries: files and folders, refused web addresses, or one image's
    encoded bytes (named by image_name())."""
    out: list[Source] = []
    if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
        for u in mime.urls():
            if u.isLocalFile():
                path = u.toLocalFile()
                out.append(Source(os.path.basename(path.rstrip("/\\")) or path, path=path))
            else:
                out.append(Source(u.toString(), reason=REMOTE))
        return out
    fmt = _image_format(mime)
    if fmt in VECTOR_FORMATS:
        return [Source(image_name(), reason="an SVG drawing, not a pixel image")]
    if fmt is not None:
        data = bytes(mime.data(fmt).data())
        if data:
            return [Source(image_name(), data=data)]
    if mime.hasImage():
        image = QImage(mime.imageData())
        if not image.isNull():
            return [Source(image_name(), data=qimage_png(image))]
        return [Source(image_name(), reason="the image data is empty")]
    return [Source(name, reason=REMOTE) for name in remote_names(mime)]


def qimage_png(image: QImage) -> bytes:
    """Encode a QImage as PNG bytes, so it goes through the same Pillow pipeline as a file."""
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # stubs: bytes; Qt takes str
    return bytes(buf.data().data())


class DropFilter(QObject):
    """Takes file and image drags meant for `window`'s widgets: install() puts it on the window
    and on the widgets in it at that time that accept drops of their own (text fields, plot
    views), not on the whole application, where every event of every widget would pass through
    Python. Widgets made later that take drops need install() again (the window itself gets the
    drags of those that do not).
    on_drop(mime) is called during the drop event; on_refuse(message) once per refused drag."""

    def __init__(
        self,
        window: QWidget,
        on_drop: Callable[[QMimeData], None],
        on_refuse: Callable[[str], None],
        on_close: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.on_drop, self.on_refuse, self.on_close = on_drop, on_refuse, on_close
        self._refused: str | None = None
        window.setAcceptDrops(True)

    def install(self) -> None:
        """Watch the window and its widgets that would take a drop themselves."""
        self.window.installEventFilter(self)
        for w in self.window.findChildren(QWidget):
            if w.acceptDrops():
                w.installEventFilter(self)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        t = ev.type()
        if t == QEvent.Type.Close and obj is self.window:
            self.on_close()
            return False
        if t not in DRAG_EVENTS or not isinstance(obj, QWidget) or obj.window() is not self.window:
            return False
        kind = classify(ev.mimeData())
        if kind is None:
            return False  # e.g. text dragged onto a text field: theirs
        if kind == "remote":
            ev.ignore()
            message = f"Not dropped: {', '.join(remote_names(ev.mimeData()))} is {REMOTE}."
            if message != self._refused:
                self._refused = message
                self.on_refuse(message)
            return True
        if ev.possibleActions() & Qt.DropAction.CopyAction:
            ev.setDropAction(Qt.DropAction.CopyAction)
            ev.accept()
        else:
            ev.acceptProposedAction()
        if t == QEvent.Type.Drop:
            self._refused = None
            self.on_drop(ev.mimeData())
        return True

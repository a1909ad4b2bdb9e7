"""The tray's first icon, read from images the previous start saved: reading them needs none
of Qt's enums, which PySide6 builds on first use (about 40 ms) and drawing needs, so the icon
does not wait for them (#27). The first start, and the first after the drawing changed, draws
the icon and saves the images for the next one."""

import contextlib
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QIcon, QPixmap

from app.files import write_atomically
from tracker.errors import FlowtallyError
from ui import app_icon


def first_icon(folder: Path) -> QIcon:
    """The app's icon at every tray size, from the images in ``folder``; drawn, and saved for
    the next start, when one is missing or cannot be read."""
    key = app_icon.drawing_key()
    files = [folder / f"app-icon-{key}-{size}.png" for size in app_icon.TRAY_SIZES]
    result = QIcon()
    pictures = [QPixmap(str(file)) for file in files if file.is_file()]
    if len(pictures) == len(files) and not any(picture.isNull() for picture in pictures):
        for picture in pictures:
            result.addPixmap(picture)
        return result
    for size, file in zip(app_icon.TRAY_SIZES, files, strict=True):
        drawn = app_icon.pixmap(size)
        result.addPixmap(drawn)
        with contextlib.suppress(FlowtallyError):  # unwritable: only the next start is slower
            write_atomically(file, _png(drawn), private=True)
    return result


def _png(picture: QPixmap) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())

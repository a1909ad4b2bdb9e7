"""The tray's first icon, read from the images the previous start saved (#27)."""

from pathlib import Path

from PySide6.QtGui import QPixmap

from app.gui.first_icon import first_icon
from ui import app_icon


def test_the_saved_app_icon_is_the_drawn_one_pixel_for_pixel(qapp: object, tmp_path: Path) -> None:
    """The images are the drawing itself, at every tray size, and a damaged one is drawn and
    saved anew."""
    folder = tmp_path / "icons"
    drawn = first_icon(folder)  # the first start draws them
    saved = sorted(folder.glob("app-icon-*.png"))
    assert len(saved) == len(app_icon.TRAY_SIZES)
    read = first_icon(folder)
    for size in app_icon.TRAY_SIZES:
        expected = app_icon.pixmap(size).toImage()
        assert drawn.pixmap(size).toImage() == expected
        assert read.pixmap(size).toImage() == expected
    saved[0].write_bytes(b"not a png")
    mended = first_icon(folder)
    assert all(not mended.pixmap(size).isNull() for size in app_icon.TRAY_SIZES)
    assert (
        QPixmap(str(saved[0])).toImage()
        == app_icon.pixmap(int(saved[0].stem.rsplit("-", 1)[1])).toImage()
    )

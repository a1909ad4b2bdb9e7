"""The PNG report ends where its content does: a page's height of nothing under the week by
task was a large blank area."""

from PySide6.QtGui import QImage

from tests.ui.test_chart_text import _view
from ui.charts_export import DPI, render_report


def test_the_png_report_has_no_blank_page_at_its_end() -> None:
    image = QImage.fromData(render_report(_view(), "png"))
    background = image.pixel(0, image.height() - 1)
    blank = 0
    for y in range(image.height() - 1, 0, -1):
        if any(image.pixel(x, y) != background for x in range(0, image.width(), 2)):
            break
        blank += 1
    assert blank < DPI  # under an inch of margin

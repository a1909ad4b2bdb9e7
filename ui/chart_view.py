"""One dashboard page: paints the image the worker rendered, asks for a new one when resized,
and shows an interruption mark's tags and note on hover. No matplotlib on the GUI thread."""

from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from tracker.dashboard import Mark
from ui.chart_marks import mark_text, unrecorded_text
from ui.chart_style import DARK, LIGHT, Theme, Translate
from ui.charts_render import PageSpec, RenderedPage

RESIZE_SETTLE_MS = 120


class ChartView(QWidget):
    render_wanted = Signal(object)  # PageSpec

    def __init__(self, page: str, tr: Translate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.tr_chart = tr
        self.theme = Theme()
        self.rendered: RenderedPage | None = None
        self.image: QImage | None = None
        self.hovered: Mark | None = None
        self.wanted: date | None = None
        """The Monday of the week the window shows: what this page should show."""
        self.setMinimumHeight(320)
        self.setMouseTracking(True)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    def spec(self) -> PageSpec:
        return PageSpec(
            self.page, self.width(), self.height(), self.devicePixelRatioF(), self.theme
        )

    def ask(self) -> None:
        """Ask for this page at the current size and colours."""
        self.render_wanted.emit(self.spec())

    def request(self, monday: date, theme: Theme) -> None:
        """Show the week of ``monday`` in ``theme``: asked for once the page is laid out and
        its size has settled (a page asked for too early would be drawn at the wrong size)."""
        self.wanted, self.theme = monday, theme
        self._settle.start()

    def _settled(self) -> None:
        """Ask for the page if what is shown is another week, size or palette."""
        if not self.isVisible() or self.wanted is None:
            return
        shown = self.rendered
        if shown is None or shown.monday != self.wanted or shown.spec != self.spec():
            self.ask()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._settle.start()

    def show_rendered(self, rendered: RenderedPage) -> None:
        image = QImage(
            rendered.rgba,
            rendered.pixel_width,
            rendered.pixel_height,
            QImage.Format.Format_RGBA8888,
        ).copy()  # own the pixels: the bytes object may go
        image.setDevicePixelRatio(rendered.spec.ratio)
        self.rendered, self.image = rendered, image
        self.update()
        self._settle.start()  # the window may have been resized while it was drawn

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        if self.image is not None:
            # Until the re-rendered image arrives, a resized window shows the old one scaled.
            painter.drawImage(QRect(QPoint(0, 0), self.size()), self.image)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._settle.start()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        rendered = self.rendered
        if rendered is None or not (rendered.marks or rendered.unrecorded):
            return
        point = event.position()
        x = point.x() * rendered.spec.width / max(self.width(), 1)
        y = point.y() * rendered.spec.height / max(self.height(), 1)
        mark = rendered.mark_near(x, y)
        self.hovered = mark
        bar = rendered.unrecorded_at(x, y) if mark is None else None
        if mark is not None:
            text = mark_text(mark, rendered.view.report.timezone, self.tr_chart)
        elif bar is not None:
            text = unrecorded_text(bar, self.tr_chart)
        else:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def leaveEvent(self, event: QEvent) -> None:
        self.hovered = None
        QToolTip.hideText()
        super().leaveEvent(event)


def theme_of(palette: QPalette) -> Theme:
    """Charts in the colours of the system's light or dark palette."""
    window = palette.color(QPalette.ColorRole.Window)
    base = DARK if window.lightness() < 128 else LIGHT
    return Theme(
        background=window.name(),
        foreground=palette.color(QPalette.ColorRole.WindowText).name(),
        grid=base.grid,
    )

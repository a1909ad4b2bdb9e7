"""A chart page of :mod:`ui.charts` inside a Qt widget, redrawn only when it is seen.

Imported by the dashboard the first time it draws (matplotlib's Qt backend and its ~70 MB stay
out of the tray app until then).
"""

from collections.abc import Callable

from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from tracker.dashboard import Mark, WeekView
from ui.charts import Theme, compose, mark_near, mark_text


class ChartPage(QWidget):
    """One page of charts. :meth:`show_view` marks it stale; it draws when visible."""

    def __init__(self, page: str, tr: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.tr_chart = tr
        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumHeight(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.view: WeekView | None = None
        self.theme = Theme()
        self.drawn_view: WeekView | None = None
        self.drawn_theme: Theme | None = None
        self.hovered: Mark | None = None
        self.canvas.mpl_connect("motion_notify_event", self._hover)

    def show_view(self, view: WeekView, theme: Theme) -> None:
        self.view, self.theme = view, theme
        if self.isVisible():
            self.draw_now()

    def draw_now(self) -> None:
        """Compose the page for the current view and theme (once for each) and paint it."""
        if self.view is None or (self.drawn_view is self.view and self.drawn_theme == self.theme):
            return
        compose(self.figure, self.page, self.view, self.theme, self.tr_chart)
        self.drawn_view, self.drawn_theme = self.view, self.theme
        self.canvas.draw()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.draw_now()

    def _hover(self, event: Event) -> None:
        """Hovering an interruption mark on the day timeline shows its tags and note."""
        if self.view is None or not isinstance(event, MouseEvent):
            return
        mark = mark_near(self.figure, self.view, event.x, event.y)
        self.hovered = mark
        if mark is None:
            QToolTip.hideText()
            return
        text = mark_text(mark, self.view.report.timezone, self.tr_chart)
        QToolTip.showText(QCursor.pos(), text, self.canvas)

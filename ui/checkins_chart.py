"""A small chart of flow check-ins: each answer (1 to 5) against how many minutes into its
stretch it was given, the mean answer in each band of age as a step, and the ramp-up and
flow thresholds as dashed lines. Painted with QPainter: a few hundred dots need no
matplotlib on the GUI thread."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from ui.legible import on_window

DOT = "#0072B2"
MEAN = "#D55E00"
"""Okabe-Ito blue and vermilion: told apart with any colour vision, made legible on the
window's background."""
JITTER = 0.28
"""How far (in answer units) dots are spread up and down so equal answers do not hide each
other; the spread is fixed per dot, so the chart does not shimmer when redrawn."""


def tr(text: str) -> str:
    return QCoreApplication.translate("CheckIn", text)


class CheckInChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[float, int]] = []
        self.means: list[tuple[float, float, float]] = []
        self.thresholds: tuple[float, float] = (15, 30)
        self.setMinimumHeight(220)

    def show_answers(
        self,
        points: Sequence[tuple[float, int]],
        means: Sequence[tuple[float, float, float]],
        thresholds: tuple[float, float],
    ) -> None:
        """``points``: (minutes into the stretch, answer); ``means``: (from, to, mean answer)
        for each band of age with answers; ``thresholds``: ramp-up and flow after."""
        self.points, self.means, self.thresholds = list(points), list(means), thresholds
        self.update()

    def x_max(self) -> float:
        highest = max((age for age, _ in self.points), default=0)
        return max(60.0, self.thresholds[1] * 2, highest * 1.05)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance("5") + 3 * metrics.height()
        bottom = 2 * metrics.height() + 8
        plot = QRectF(left, 8, self.width() - left - 12, self.height() - bottom - 8)
        top_x = self.x_max()

        def x(age: float) -> float:
            return plot.left() + plot.width() * min(age, top_x) / top_x

        def y(answer: float) -> float:
            return plot.bottom() - plot.height() * (answer - 0.5) / 5

        self._axes(painter, plot, text, metrics, x, y)
        painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
        for threshold, name in zip(self.thresholds, (tr("deep focus"), tr("flow")), strict=True):
            painter.drawLine(
                QPointF(x(threshold), plot.top()), QPointF(x(threshold), plot.bottom())
            )
            painter.drawText(QPointF(x(threshold) + 3, plot.top() + metrics.ascent()), name)
        dot = QColor(on_window(DOT, self))
        dot.setAlpha(170)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
        for index, (age, answer) in enumerate(self.points):
            spread = ((index * 0.618034) % 1 - 0.5) * 2 * JITTER
            painter.drawEllipse(QPointF(x(age), y(answer + spread)), 3, 3)
        painter.setPen(QPen(QColor(on_window(MEAN, self)), 3))
        for start, end, mean in self.means:
            painter.drawLine(QPointF(x(start), y(mean)), QPointF(x(min(end, top_x)), y(mean)))
        painter.end()

    def _axes(
        self,
        painter: QPainter,
        plot: QRectF,
        text: QColor,
        metrics: QFontMetrics,
        x: Callable[[float], float],
        y: Callable[[float], float],
    ) -> None:
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        for answer in range(1, 6):
            painter.drawText(
                QRectF(0, y(answer) - metrics.height() / 2, plot.left() - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(answer),
            )
        step = 15 if self.x_max() <= 120 else 30
        for minute in range(0, int(self.x_max()) + 1, step):
            painter.drawText(
                QRectF(x(minute) - 30, plot.bottom() + 2, 60, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                str(minute),
            )
        painter.drawText(
            QRectF(
                plot.left(), plot.bottom() + metrics.height() + 4, plot.width(), metrics.height()
            ),
            Qt.AlignmentFlag.AlignHCenter,
            tr("minutes into the stretch"),
        )
        painter.save()
        painter.translate(metrics.height() * 0.2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, 0, plot.height(), metrics.height()),
            Qt.AlignmentFlag.AlignHCenter,
            tr("absorption (1-5)"),
        )
        painter.restore()

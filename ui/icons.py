"""The tray icon, drawn with QPainter so it can show the state at a glance.

Colours are Okabe-Ito (safe for colour-blind eyes): ramp-up orange, deep focus blue, flow
bluish green, interrupted vermillion, paused grey. The number is the tracked minutes of the
block (hours past 99 minutes); the white arc is progress toward the next phase.
"""

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import Status
from tracker.types import Phase

PHASE_COLOURS = {
    Phase.RAMP_UP: QColor("#E69F00"),
    Phase.DEEP: QColor("#0072B2"),
    Phase.FLOW: QColor("#009E73"),
    Phase.NONE: QColor("#0072B2"),
}
INTERRUPTED = QColor("#D55E00")
PAUSED = QColor("#7F7F7F")
IDLE = QColor("#9A9A9A")
SIZES = (16, 22, 24, 32, 48, 64)


@dataclass(frozen=True, slots=True)
class IconLook:
    """What the icon shows; equal looks draw equal icons, so the tray redraws only on change."""

    state: State
    interrupted: bool
    phase: Phase
    label: str
    progress: float


def look_of(status: Status, params: ModelParams) -> IconLook:
    minutes = int(status.tracked.total_seconds() // 60)
    label = f"{minutes}" if minutes < 100 else f"{minutes // 60}h"
    progress = 1.0
    if status.phase is Phase.RAMP_UP:
        progress = status.stretch / params.ramp_up
    elif status.phase is Phase.DEEP and params.flow_after > params.ramp_up:
        progress = (status.stretch - params.ramp_up) / (params.flow_after - params.ramp_up)
    progress = round(min(max(progress, 0.0), 1.0) * 24) / 24  # redraw at most 24 times a phase
    if status.state is State.IDLE:
        label = ""
    return IconLook(status.state, status.interrupted, status.phase, label, progress)


def paint(look: IconLook, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = max(size / 16, 1.0)
    disc = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    if look.state is State.IDLE:
        _idle(painter, disc, size)
    else:
        colour = PHASE_COLOURS[look.phase]
        if look.state is State.PAUSED:  # paused wins: that time is not tracked at all
            colour = PAUSED
        elif look.interrupted:
            colour = INTERRUPTED
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(disc)
        if look.state is State.PAUSED:
            _pause_bars(painter, disc)
        else:
            _arc(painter, disc, look.progress, size)
            _label(painter, disc, "!" if look.interrupted else look.label, size)
    painter.end()
    return pixmap


def icon(look: IconLook) -> QIcon:
    result = QIcon()
    for size in SIZES:
        result.addPixmap(paint(look, size))
    return result


def _idle(painter: QPainter, disc: QRectF, size: int) -> None:
    pen = QPen(IDLE, max(size / 10, 1.5))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = pen.widthF() / 2
    painter.drawEllipse(disc.adjusted(inset, inset, -inset, -inset))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(IDLE)
    c, r = disc.center(), disc.width() * 0.22
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(c.x() - r * 0.7, c.y() - r),
                QPointF(c.x() - r * 0.7, c.y() + r),
                QPointF(c.x() + r, c.y()),
            ]
        )
    )


def _pause_bars(painter: QPainter, disc: QRectF) -> None:
    painter.setBrush(QColor("white"))
    w, h = disc.width() * 0.14, disc.height() * 0.44
    c = disc.center()
    painter.drawRect(QRectF(c.x() - w * 1.6, c.y() - h / 2, w, h))
    painter.drawRect(QRectF(c.x() + w * 0.6, c.y() - h / 2, w, h))


def _arc(painter: QPainter, disc: QRectF, progress: float, size: int) -> None:
    if size < 20 or progress >= 1.0:
        return
    pen = QPen(QColor(255, 255, 255, 230), max(size / 14, 1.5))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = pen.widthF()
    painter.drawArc(disc.adjusted(inset, inset, -inset, -inset), 90 * 16, -int(progress * 360 * 16))


def _label(painter: QPainter, disc: QRectF, text: str, size: int) -> None:
    if not text:
        return
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(int(size * (0.5 if len(text) <= 2 else 0.38)), 6))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)

"""The tray icon, drawn with QPainter so it can show the state at a glance.

Colours are Okabe-Ito (safe for colour-blind eyes): ramp-up orange, deep focus blue, flow
bluish green, interrupted vermillion, paused grey. The number is the tracked minutes of the
block (``1:40`` from 100 minutes, ``10h`` from ten hours), or while interrupted the minutes the
interruption has lasted; the arc is progress toward the next
phase. The digits are sized to fit inside the arc, never under it, and drawn in white or near
black, whichever meets WCAG AA for large text (3:1) on the disc: white on orange does not.
With no block running the icon is the app's own.
"""

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import Status
from tracker.types import Phase
from ui import app_icon
from ui.legible import luminance

PHASE_COLOURS = {
    Phase.RAMP_UP: QColor("#E69F00"),
    Phase.DEEP: QColor("#0072B2"),
    Phase.FLOW: QColor("#009E73"),
    Phase.NONE: QColor("#0072B2"),
}
INTERRUPTED = QColor("#D55E00")
PAUSED = QColor("#7F7F7F")
DARK_LABEL = QColor("#1A1A1A")
LIGHT_LABEL = QColor("#FFFFFF")
SIZES = app_icon.TRAY_SIZES


@dataclass(frozen=True, slots=True)
class IconLook:
    """What the icon shows; equal looks draw equal icons, so the tray redraws only on change."""

    state: State
    interrupted: bool
    phase: Phase
    label: str
    progress: float
    short: str = ""
    """The label for the smallest sizes, where four characters would be a smudge (``1h`` for
    ``1:40``); empty when it is the label itself."""


def _labels(minutes: int) -> tuple[str, str]:
    """The label and its short form (empty when it is the label itself)."""
    hours, rest = divmod(minutes, 60)
    if minutes < 100:
        return f"{minutes}", ""
    if hours < 10:
        return f"{hours}:{rest:02d}", f"{hours}h"
    return f"{hours}h", ""


def look_of(status: Status, params: ModelParams) -> IconLook:
    """The block's tracked minutes; while an interruption goes on, the interruption's own
    minutes on the vermillion disc (how long this one has cost so far)."""
    counted = status.tracked
    if status.interrupted and status.interruption is not None:
        counted = status.now - status.interruption.at
    label, short = _labels(max(int(counted.total_seconds() // 60), 0))
    progress = 1.0
    if status.phase is Phase.RAMP_UP:
        progress = status.stretch / params.ramp_up
    elif status.phase is Phase.DEEP and params.flow_after > params.ramp_up:
        progress = (status.stretch - params.ramp_up) / (params.flow_after - params.ramp_up)
    progress = round(min(max(progress, 0.0), 1.0) * 24) / 24  # redraw at most 24 times a phase
    if status.state is State.IDLE:
        label, short = "", ""
    return IconLook(status.state, status.interrupted, status.phase, label, progress, short)


def disc_colour(look: IconLook) -> QColor:
    if look.state is State.PAUSED:  # paused wins: that time is not tracked at all
        return PAUSED
    return INTERRUPTED if look.interrupted else PHASE_COLOURS[look.phase]


def label_colour(disc: QColor) -> QColor:
    """White where it meets 3:1 on ``disc`` (WCAG AA, large text), else near black."""
    white = 1.05 / (luminance(disc) + 0.05)
    return LIGHT_LABEL if white >= 3.0 else DARK_LABEL


def paint(look: IconLook, size: int) -> QPixmap:
    if look.state is State.IDLE:
        return app_icon.pixmap(size)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = max(size / 16, 1.0)
    disc = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    colour = disc_colour(look)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(disc)
    ink = label_colour(colour)
    if look.state is State.PAUSED:
        _pause_bars(painter, disc, ink)
    else:
        room = _arc(painter, disc, look.progress, size, ink)
        text = look.short if size < SMALL and look.short else look.label
        _label(painter, disc, room, text, ink)
    painter.end()
    return pixmap


SMALL = 32
"""Below this size a four-character label becomes its short form (``1h`` for ``1:40``)."""


def icon(look: IconLook) -> QIcon:
    result = QIcon()
    for size in SIZES:
        result.addPixmap(paint(look, size))
    return result


def _pause_bars(painter: QPainter, disc: QRectF, ink: QColor) -> None:
    painter.setBrush(ink)
    w, h = disc.width() * 0.14, disc.height() * 0.44
    c = disc.center()
    painter.drawRect(QRectF(c.x() - w * 1.6, c.y() - h / 2, w, h))
    painter.drawRect(QRectF(c.x() + w * 0.6, c.y() - h / 2, w, h))


def _arc(painter: QPainter, disc: QRectF, progress: float, size: int, ink: QColor) -> float:
    """Draw the progress arc; returns the radius left free inside it for the label."""
    radius = disc.width() / 2
    if size < 20:  # too small for an arc that reads as one: the digits get the room
        return radius - 0.5
    pen = QPen(ink, max(size / 14, 1.5))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    inset = pen.widthF()
    if progress < 1.0:
        ink_faded = QColor(ink)
        ink_faded.setAlpha(230)
        pen.setColor(ink_faded)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(
            disc.adjusted(inset, inset, -inset, -inset), 90 * 16, -int(progress * 360 * 16)
        )
    return radius - inset - pen.widthF() / 2 - 1.0  # a pixel of air for anti-aliasing


def _label(painter: QPainter, disc: QRectF, room: float, text: str, ink: QColor) -> None:
    if not text:
        return
    outline = _fitting_outline(text, room)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    painter.drawPath(outline.translated(disc.center()))


@cache
def _fitting_outline(text: str, room: float) -> QPainterPath:
    """The outline of ``text`` in the largest bold font whose glyphs (their real shapes, not
    their boxes) stay within ``room`` of the centre, centred on the origin."""
    font = QFont()
    font.setBold(True)
    pixels = max(int(room * 2.4), 6)
    while True:
        font.setPixelSize(pixels)
        path = QPainterPath()
        path.addText(0, 0, font, text)
        path.translate(-path.boundingRect().center())
        reach = max(
            (
                math.hypot(polygon.at(i).x(), polygon.at(i).y())
                for polygon in path.toFillPolygons()
                for i in range(polygon.size())
            ),
            default=0.0,
        )
        if reach <= room or pixels <= 5:
            return path
        pixels -= 1

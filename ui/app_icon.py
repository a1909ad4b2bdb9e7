"""The application icon: a focus timer's ring in the three phase colours around a wave.

Drawn with QPainter rather than shipped as files so the app, the About box and the installers
(PNG at every size, SVG, ICO, ICNS) all come from one drawing. Small sizes drop detail instead
of shrinking it: at 16 px the wave would be a smudge, so it becomes a dot, and the ring gets
thicker so each phase colour still covers whole pixels.
"""

import marshal
import math
import zlib

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QIcon, QLinearGradient, QPainter, QPainterPath, QPen, QPixmap

# ``Qt`` (its enums) is imported where the icon is drawn: PySide6 builds that namespace on
# first use, about 40 ms, and the tray's first icon is read from saved images instead
# (:mod:`app.gui.first_icon`, #27).

# Okabe-Ito, as in the tray icon and the charts, lightened where navy would swallow them.
RAMP_UP = QColor("#E69F00")
DEEP = QColor("#56B4E9")
FLOW = QColor("#1FB58A")
TILE_TOP = QColor("#1F5477")
TILE_BOTTOM = QColor("#0C2536")
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)  # for windows; the installers add 512
TRAY_SIZES = SIZES[:6]
"""The sizes of every tray icon (:mod:`ui.icons`), the app's own among them."""

# The ring's phases, clockwise from twelve o'clock, in degrees: a short ramp-up, some deep
# focus, and a long flow that almost closes the circle.
_SEGMENTS = ((RAMP_UP, 0.0, 62.0), (DEEP, 62.0, 150.0), (FLOW, 150.0, 334.0))


def draw(painter: QPainter, size: float) -> None:
    """Paint the icon into the square ``0, 0, size, size`` of ``painter``."""
    from PySide6.QtCore import Qt

    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    small = size < 28
    inset = 0.0 if small else size * 0.055
    tile = QRectF(inset, inset, size - 2 * inset, size - 2 * inset)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, TILE_TOP)
    gradient.setColorAt(1.0, TILE_BOTTOM)
    # A faint light rim keeps the navy tile's edge visible on a dark panel.
    rim = max(size / 96, 0.8)
    painter.setPen(QPen(QColor(255, 255, 255, 60), rim))
    painter.setBrush(gradient)
    radius = tile.width() * 0.23
    painter.drawRoundedRect(tile.adjusted(rim / 2, rim / 2, -rim / 2, -rim / 2), radius, radius)

    centre = tile.center()
    width = max(tile.width() * (0.15 if small else 0.105), 2.0)
    ring_radius = tile.width() * (0.5 - (0.1 if small else 0.14)) - width / 2
    ring = QRectF(0, 0, 2 * ring_radius, 2 * ring_radius)
    ring.moveCenter(centre)
    gap = 0.0 if small else 5.0
    for colour, start, end in _SEGMENTS:
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Qt counts angles counter-clockwise from three o'clock, in sixteenths of a degree.
        begin = 90.0 - start - gap / 2
        span = -(end - start - gap)
        painter.drawArc(ring, round(begin * 16), round(span * 16))

    if small:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        dot = max(tile.width() * 0.09, 1.2)
        painter.drawEllipse(centre, dot, dot)
        return
    _wave(painter, centre, ring_radius - width * 0.5, tile.width())


def _wave(painter: QPainter, centre: QPointF, room: float, tile: float) -> None:
    """One and a half periods of a sine: the stretch of flow the ring closes around."""
    from PySide6.QtCore import Qt

    half = room * 0.62
    amplitude = room * 0.2
    path = QPainterPath()
    steps = 48
    for step in range(steps + 1):
        x = -half + 2 * half * step / steps
        y = amplitude * math.sin(x / half * math.pi * 1.5)
        point = QPointF(centre.x() + x, centre.y() - y)
        if step == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    pen = QPen(QColor("white"), max(tile * 0.06, 1.5))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def pixmap(size: int) -> QPixmap:
    from PySide6.QtCore import Qt

    result = QPixmap(size, size)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    draw(painter, size)
    painter.end()
    return result


def icon() -> QIcon:
    """Every size drawn for itself, so a window manager picking 16 px gets the 16 px design."""
    result = QIcon()
    for size in SIZES:
        result.addPixmap(pixmap(size))
    return result


def drawing_key() -> str:
    """A checksum of the drawing, its code and its colours: images of the icon saved under
    it are the drawing as it is now (no source file is needed, so it works in the bundle)."""
    code = b"".join(marshal.dumps(f.__code__) for f in (draw, _wave, pixmap))
    colours = "".join(c.name() for c in (TILE_TOP, TILE_BOTTOM, *(s[0] for s in _SEGMENTS)))
    shape = repr([(s[1], s[2]) for s in _SEGMENTS]).encode()
    return f"{zlib.crc32(code + colours.encode() + shape):08x}"

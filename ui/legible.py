"""Colours that carry meaning (better, worse, a refusal) made legible on whatever palette the
desktop gives: each is darkened on a light background, or lightened on a dark one, just
enough for its text to meet WCAG AA (4.5:1). The hue stays, so the meaning does too."""

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

AA = 4.5
MARGIN = 0.1
"""Above AA by a little: a colour rounded to 8 bits per channel must not fall under it."""


def luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (colour.red(), colour.green(), colour.blue()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: QColor, other: QColor) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(colour: str, background: QColor) -> str:
    """``colour``, moved towards black or white until it meets AA on ``background``."""
    start = QColor(colour)
    towards = QColor("#000000") if luminance(background) > 0.18 else QColor("#ffffff")
    for step in range(21):
        share = step / 20
        mixed = QColor(
            round(start.red() + (towards.red() - start.red()) * share),
            round(start.green() + (towards.green() - start.green()) * share),
            round(start.blue() + (towards.blue() - start.blue()) * share),
        )
        if contrast(mixed, background) >= AA + MARGIN:
            return mixed.name()
    return towards.name()


def on_window(colour: str, widget: QWidget) -> str:
    """``colour`` made legible on ``widget``'s window background."""
    return legible(colour, widget.palette().color(QPalette.ColorRole.Window))

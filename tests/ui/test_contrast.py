"""Every word legible: each text the windows draw meets WCAG AA (4.5:1 against what is behind
it), on a light and a dark palette, in English and in Dutch.

The ratio is taken from the pixels the widget really draws (its grab), not from a palette
role read back: a style sheet, a role that the style maps to another, or a disabled look all
show up there. The text's colour is the drawn pixel that stands out most from the widget's
most common colour (its background); anti-aliased edges never stand out more than a
glyph's core.
"""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenu,
    QStyleFactory,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tests.ui.test_headline_cards import tiny_change_view
from tests.ui.test_icons import contrast
from tests.xserver import ARTIFACTS
from tracker.edits import GapReason
from tracker.settings import ModelParams
from ui import icons, translations
from ui.about import AboutDialog, AboutFacts
from ui.headline_cards import HeadlineCards
from ui.history_dialogs import AddBlockDialog
from ui.import_dialog import ImportDialog
from ui.quick_log import QuickLogPopup
from ui.review import GapReviewDialog
from ui.settings_dialog import SettingsDialog
from ui.timer_window import TimerWindow
from ui.tray import TrayView
from ui.welcome import WelcomeFacts, WelcomeWindow

AA = 4.5


def drawn_contrast(image: QImage, area: QRect | None = None) -> float:
    """The contrast of the most standing-out pixel against the most common one."""
    area = area or image.rect()
    counts: dict[int, int] = {}
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor(max(counts, key=lambda rgb: counts[rgb]))
    return max(contrast(QColor(rgb), background) for rgb in counts)


def dark_palette() -> QPalette:
    """A dark desktop's palette (Adwaita-dark's and Breeze Dark's colours)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#242424"),
        (roles.WindowText, "#ffffff"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#2a2a2a"),
        (roles.Text, "#ffffff"),
        (roles.Button, "#303030"),
        (roles.ButtonText, "#ffffff"),
        (roles.Highlight, "#3584e4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#303030"),
        (roles.ToolTipText, "#ffffff"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.Link, "#78aeed"),
        (roles.Mid, "#444444"),
        (roles.Dark, "#1a1a1a"),
        (roles.Light, "#505050"),
        (roles.Midlight, "#3a3a3a"),
        (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7a"))
    return palette


@pytest.fixture(params=["light-en", "dark-en", "light-nl", "dark-nl"])
def look(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    shade, language = str(request.param).split("-")
    style = qapp.style().name()
    before = qapp.palette()
    fusion = QStyleFactory.create("Fusion")
    qapp.setStyle(fusion)
    qapp.setPalette(dark_palette() if shade == "dark" else fusion.standardPalette())
    installed = translations.install(qapp, QLocale("nl_NL" if language == "nl" else "en_GB"))
    yield str(request.param)
    translations.remove(qapp, installed)
    qapp.setStyle(style)
    qapp.setPalette(before)


def faint_texts(window: QWidget, look: str) -> list[str]:
    """Each enabled text of ``window`` that is drawn below AA, with its ratio; the window
    is kept in ``.artifacts/`` to be looked at."""
    window.resize(window.sizeHint().expandedTo(window.size()))
    window.grab().save(str(ARTIFACTS / f"look-{look}-{type(window).__name__}.png"))
    faint = []
    for widget in window.findChildren(QWidget):
        if not (widget.isVisibleTo(window) and widget.isEnabled()):
            continue
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.text().strip():
            continue
        if isinstance(widget, QLabel) and not widget.pixmap().isNull():
            continue
        text = widget.text()
        measured = drawn_contrast(widget.grab().toImage())
        if measured < AA:
            faint.append(f"{measured:.2f}:1 {type(widget).__name__} {text[:60]!r}")
    return faint


def faint_menu_lines(menu: QMenu, look: str) -> list[str]:
    menu.adjustSize()
    image = menu.grab().toImage()
    image.save(str(ARTIFACTS / f"look-{look}-menu.png"))
    faint = []
    for action in menu.actions():
        # A disabled item is an inactive control: WCAG asks no contrast of it.
        if action.isVisible() and action.isEnabled() and action.text().strip():
            measured = drawn_contrast(image, menu.actionGeometry(action).adjusted(2, 2, -2, -2))
            if measured < AA:
                faint.append(f"{measured:.2f}:1 menu line {action.text()!r}")
    return faint


def test_every_text_of_every_window_meets_aa(qtbot: QtBot, look: str) -> None:
    faint: list[str] = []
    popup = QuickLogPopup()
    qtbot.addWidget(popup)
    going_on = statuses.interrupted().interruption
    assert going_on is not None
    popup.show_for(going_on, "10:58")
    faint += faint_texts(popup, look)

    timer = TimerWindow("No system tray was found.")
    qtbot.addWidget(timer)
    status = statuses.running(47)
    timer.show_status(status, icons.look_of(status, ModelParams()))
    faint += faint_texts(timer, look)

    settings = SettingsDialog()
    settings.show_error("sync_url: the server refused the password")
    refused = AddBlockDialog("2026-11-16 09:00", "10:00")
    refused.refused("the block overlaps another")
    cards = HeadlineCards()
    cards.show_view(tiny_change_view())
    importing = ImportDialog()
    importing.show_problem("hours.csv: line 4: the date could be day first or month first")
    for window in (
        settings,
        refused,
        importing,
        cards,
        AboutDialog(AboutFacts("1.0", "/home/me/flowtally.sqlite3", "/home/me/.config")),
        WelcomeWindow(
            WelcomeFacts("<ctrl>+<alt>+<shift>+i", None, "x.sqlite3", "s.json", "log"),
            ModelParams(),
        ),
    ):
        qtbot.addWidget(window)
        faint += faint_texts(window, look)

    review = GapReviewDialog()
    qtbot.addWidget(review)
    review.ask(GapReason.SLEEP, "10:05", "10:40", 35)
    faint += faint_texts(review, look)

    tray = TrayView(ModelParams())
    for status in (statuses.idle(), statuses.running(47), statuses.interrupted()):
        tray.show_status(status)
        faint += faint_menu_lines(tray.menu, look)
    assert faint == [], f"{look}:\n" + "\n".join(faint)

"""The drawn tray icon: one look per state and phase, rendered at every tray size."""

from datetime import timedelta

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tests.xserver import ARTIFACTS
from tracker.model import Block, Interruption, Pause
from tracker.running import State
from tracker.status import Status
from tracker.types import Phase
from ui import app_icon, icons

CASES = {
    "idle": statuses.idle(),
    "ramp-up": statuses.running(7),
    "deep": statuses.running(22),
    "flow": statuses.running(47),
    "long-flow": statuses.running(135),
    "paused": statuses.paused(),
    "interrupted": statuses.interrupted(),
}


def disc_colour(status: Status, size: int = 64) -> QColor:
    image = icons.paint(icons.look_of(status, statuses.PARAMS), size).toImage()
    # Inside the disc, outside the arc's ring and below the label.
    return image.pixelColor(size // 2, int(size * 0.906))


@pytest.mark.parametrize(
    ("name", "colour"),
    [
        ("ramp-up", icons.PHASE_COLOURS[Phase.RAMP_UP]),
        ("deep", icons.PHASE_COLOURS[Phase.DEEP]),
        ("flow", icons.PHASE_COLOURS[Phase.FLOW]),
        ("paused", icons.PAUSED),
        ("interrupted", icons.INTERRUPTED),
    ],
)
def test_the_disc_colour_says_the_phase(qtbot: QtBot, name: str, colour: QColor) -> None:
    assert disc_colour(CASES[name]).name() == colour.name()


def test_paused_is_grey_even_during_an_interruption(qtbot: QtBot) -> None:
    now = statuses.NOW
    block = Block(
        now - timedelta(minutes=50),
        None,
        None,
        (Pause(now - timedelta(minutes=1)),),
        (Interruption(now - timedelta(minutes=2), now + timedelta(minutes=30)),),
    )
    status = statuses.status_of(block)
    assert status.interrupted
    assert disc_colour(status).name() == icons.PAUSED.name()


def test_while_interrupted_the_label_counts_the_interruptions_minutes(qtbot: QtBot) -> None:
    """README promises it; the icon used to show only "!"."""
    look = icons.look_of(CASES["interrupted"], statuses.PARAMS)  # began two minutes ago
    assert look.interrupted
    assert look.label == "2"
    long_one = Block(
        statuses.NOW - timedelta(hours=3),
        None,
        interruptions=(Interruption(statuses.NOW - timedelta(minutes=100), None, ongoing=True),),
    )
    assert icons.look_of(statuses.status_of(long_one), statuses.PARAMS).label == "1:40"


def test_the_label_is_minutes_then_hours(qtbot: QtBot) -> None:
    assert icons.look_of(CASES["flow"], statuses.PARAMS).label == "47"
    assert icons.look_of(CASES["long-flow"], statuses.PARAMS).label == "2:15"
    for minutes, label in ((99, "99"), (100, "1:40"), (9 * 60 + 59, "9:59"), (600, "10h")):
        assert icons.look_of(statuses.running(minutes), statuses.PARAMS).label == label
    assert icons.look_of(CASES["idle"], statuses.PARAMS).label == ""
    ramp = icons.look_of(CASES["ramp-up"], statuses.PARAMS)
    assert ramp.phase is Phase.RAMP_UP
    assert 0.4 < ramp.progress < 0.5
    assert icons.look_of(CASES["paused"], statuses.PARAMS).state is State.PAUSED


def test_every_look_renders_at_every_size_and_is_saved(qtbot: QtBot) -> None:
    folder = ARTIFACTS / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    for name, status in CASES.items():
        look = icons.look_of(status, statuses.PARAMS)
        icon = icons.icon(look)
        assert sorted(s.width() for s in icon.availableSizes()) == list(icons.SIZES)
        for size in icons.SIZES:
            pixmap = icons.paint(look, size)
            assert not pixmap.toImage().isNull()
        assert icons.paint(look, 64).save(str(folder / f"{name}.png"))


def test_each_state_is_drawn_on_a_light_and_a_dark_panel(qtbot: QtBot) -> None:
    """The sheet to look at: every state at every tray size, on both kinds of panel (and
    each icon keeps a see-through corner, so the panel shows around the disc)."""
    sizes, cell = (16, 22, 24, 32), 40
    sheet = QImage(cell * len(CASES), cell * len(sizes) * 2, QImage.Format.Format_ARGB32)
    painter = QPainter(sheet)
    for band, panel in enumerate(("#f2f2f2", "#202124")):
        top = band * cell * len(sizes)
        painter.fillRect(0, top, sheet.width(), cell * len(sizes), QColor(panel))
        for column, status in enumerate(CASES.values()):
            look = icons.look_of(status, statuses.PARAMS)
            for row, size in enumerate(sizes):
                pixmap = icons.paint(look, size)
                if look.state is not State.IDLE:
                    assert pixmap.toImage().pixelColor(0, 0).alpha() == 0
                painter.drawPixmap(column * cell + 4, top + row * cell + 4, pixmap)
    painter.end()
    scaled = sheet.scaled(sheet.width() * 3, sheet.height() * 3)  # to be looked at closely
    assert scaled.save(str(ARTIFACTS / "icons" / "panels.png"))


def test_equal_statuses_give_equal_looks(qtbot: QtBot) -> None:
    assert icons.look_of(statuses.running(7), statuses.PARAMS) == icons.look_of(
        statuses.running(7), statuses.PARAMS
    )


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48, 256])
def test_the_application_icon_keeps_its_parts_at_every_size(qtbot: QtBot, size: int) -> None:
    """Corners see-through from 32 px (the tile is rounded), the three phase colours on the
    ring, and a white centre mark: the dot below 28 px, the wave above."""
    image = app_icon.pixmap(size).toImage()
    assert (image.width(), image.height()) == (size, size)
    if size >= 32:
        assert image.pixelColor(0, 0).alpha() == 0
    colours = {image.pixelColor(x, y).name() for x in range(size) for y in range(size)}
    for phase in (app_icon.RAMP_UP, app_icon.DEEP, app_icon.FLOW):
        assert any(_near(QColor(c), phase) for c in colours), (size, phase.name())
    centre = size // 2
    whites = [
        (x, y)
        for x in range(centre - size // 4, centre + size // 4)
        for y in range(centre - size // 4, centre + size // 4)
        if image.pixelColor(x, y).lightness() > 200
    ]
    assert whites
    spread = max(x for x, _ in whites) - min(x for x, _ in whites)
    assert (spread >= size * 0.22) == (size >= 28)  # a wave is wide, a dot is not
    app_icon.pixmap(size).save(str(ARTIFACTS / f"app-icon-{size}.png"))


def _near(colour: QColor, target: QColor) -> bool:
    return all(
        abs(a - b) <= 12
        for a, b in (
            (colour.red(), target.red()),
            (colour.green(), target.green()),
            (colour.blue(), target.blue()),
        )
    )


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("name", ["ramp-up", "deep", "flow", "paused", "interrupted"])
def test_the_label_meets_wcag_aa_for_large_text_on_its_disc(qtbot: QtBot, name: str) -> None:
    look = icons.look_of(CASES[name], statuses.PARAMS)
    disc = icons.disc_colour(look)
    assert disc_colour(CASES[name]).name() == disc.name()  # the colour drawn is this one
    assert contrast(icons.label_colour(disc), disc) >= 3.0


def changed_pixels(drawn: QImage, plain: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for x in range(drawn.width())
        for y in range(drawn.height())
        if drawn.pixel(x, y) != plain.pixel(x, y)
    }


@pytest.mark.parametrize("size", [16, 22, 24, 32])
@pytest.mark.parametrize("label", ["88", "1:35", "10h", "0"])
def test_the_arc_never_crosses_the_digits_and_they_stay_legible(
    qtbot: QtBot, size: int, label: str
) -> None:
    short = {"1:35": "1h"}.get(label, "")

    def drawn(text: str, progress: float) -> QImage:
        look = icons.IconLook(State.RUNNING, False, Phase.DEEP, text, progress, short * bool(text))
        return icons.paint(look, size).toImage()

    disc = drawn("", 1.0)
    arc = changed_pixels(drawn("", 0.99), disc)
    digits = changed_pixels(drawn(label, 1.0), disc)
    assert not arc & digits  # no pixel belongs to both
    assert bool(arc) == (size >= 20)  # the smallest size drops the arc, not the digits
    height = max(y for _, y in digits) - min(y for _, y in digits) + 1
    # Digits at least this tall (px): one or two fill the disc, three ("10h") less, and four
    # ("1:35") are only shown from 32 px (below, the short form "1h").
    shown = short if short and size < icons.SMALL else label
    floors = {1: {16: 6, 22: 7, 24: 8, 32: 10}, 3: {16: 5, 22: 6, 24: 6, 32: 8}, 4: {32: 6}}
    floors[2] = floors[1]
    assert height >= floors[len(shown)][size]


def test_the_idle_icon_is_flowtallys_own(qtbot: QtBot) -> None:
    """Not a generic "play" sign: the app's icon, the one the menu and the installers show."""
    idle = icons.look_of(CASES["idle"], statuses.PARAMS)
    for size in (16, 22, 32):
        assert icons.paint(idle, size).toImage() == app_icon.pixmap(size).toImage()

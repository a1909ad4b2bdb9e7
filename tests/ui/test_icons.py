"""The drawn tray icon: one look per state and phase, rendered at every tray size."""

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tests.xserver import ARTIFACTS
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
    return image.pixelColor(size // 2, int(size * 0.75))  # inside the disc, below the label


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
    from datetime import timedelta

    from tracker.model import Block, Interruption, Pause

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


def test_the_label_is_minutes_then_hours(qtbot: QtBot) -> None:
    assert icons.look_of(CASES["flow"], statuses.PARAMS).label == "47"
    assert icons.look_of(CASES["long-flow"], statuses.PARAMS).label == "2h"
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

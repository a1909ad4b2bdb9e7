"""The dashboard's headline cards: a change too small to show is neither negative nor good
or bad news."""

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from tests.ui.weeks import week_of
from tracker import i18n
from tracker.dashboard import HeadlineName, WeekView
from tracker.model import Block, Interruption
from ui.chart_style import headline_number
from ui.headline_cards import HeadlineCards
from ui.legible import on_window


def test_a_change_that_rounds_to_nothing_is_shown_as_none() -> None:
    assert headline_number(HeadlineName.E_FACTOR, -0.001, signed=True) == "+0.00"
    assert headline_number(HeadlineName.FLOW_MIN, -0.4, signed=True) == "+0 min"
    assert headline_number(HeadlineName.E_FACTOR, -0.006, signed=True) == "-0.01"


def tiny_change_view() -> WeekView:
    """An interruption six seconds before the end: the e-factor moves by less than 0.005
    (1 against 0.999…); the flow minutes fall by a tenth of a minute."""
    last = datetime(2026, 11, 10, 8, tzinfo=UTC)
    this = datetime(2026, 11, 17, 8, tzinfo=UTC)
    blocks = [
        Block(last, last + timedelta(hours=2), timezone="UTC"),
        Block(
            this,
            this + timedelta(hours=2),
            interruptions=(Interruption(this + timedelta(minutes=119.9)),),
            timezone="UTC",
        ),
    ]
    return week_of(blocks, now=datetime(2026, 11, 24, tzinfo=UTC))


def test_a_card_whose_change_rounds_to_nothing_is_drawn_neutral(qtbot: QtBot) -> None:
    view = tiny_change_view()
    e_factor = next(h for h in view.headlines if h.name is HeadlineName.E_FACTOR)
    assert e_factor.change != 0  # a real, tiny difference
    cards = HeadlineCards()
    qtbot.addWidget(cards)
    cards.show_view(view)
    _title, _value, change = cards.card_labels[HeadlineName.E_FACTOR]
    neutral = on_window(cards.palette().color(QPalette.ColorRole.PlaceholderText).name(), cards)
    assert f"color:{neutral}" in change.text()
    assert "+0.00" in change.text()


def test_minutes_are_a_length_and_decimals_are_the_readers(qtbot: QtBot) -> None:
    """The cards said "670 min" where the terminal says "11 h 10 min", and "0.84" in Dutch."""
    assert headline_number(HeadlineName.FLOW_MIN, 670) == "11 h 10 min"
    assert headline_number(HeadlineName.RECOVERY_MIN, -65, signed=True) == "-1 h 05 min"
    i18n.use("nl")
    try:
        assert headline_number(HeadlineName.E_FACTOR, 0.8412) == "0,84"
        assert headline_number(HeadlineName.FLOW_MIN, 670) == "11 u 10 min"
    finally:
        i18n.use(None)

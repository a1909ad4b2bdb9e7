"""Lengths and moments as people read them: parts that add up to the whole, and a past time
that says its day."""

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker import i18n
from tracker.units import clock_time, decimal, duration, signed_duration, time_left

TODAY = date(2026, 11, 26)  # a Thursday


@given(
    whole=st.integers(min_value=1, max_value=59),
    spent=st.floats(min_value=0, max_value=1, exclude_max=True),
)
def test_a_length_so_far_and_the_time_left_add_up_to_the_whole(whole: int, spent: float) -> None:
    """Ramp-up for 1 min and deep focus in 13 min read as 14 of a 15-minute ramp-up."""
    so_far = timedelta(minutes=whole * spent)
    left = timedelta(minutes=whole) - so_far
    shown = [int(part.removesuffix(" min")) for part in (duration(so_far), time_left(left))]
    assert sum(shown) == whole


def test_the_time_left_rounds_up_as_a_countdown_does() -> None:
    assert time_left(timedelta(minutes=13, seconds=18)) == "14 min"
    assert time_left(timedelta(minutes=14)) == "14 min"
    assert time_left(timedelta(seconds=1)) == "1 min"
    assert time_left(timedelta(0)) == "0 min"
    assert time_left(timedelta(minutes=59, seconds=30)) == "1 h"


def at(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def test_a_past_moment_says_its_day() -> None:
    assert clock_time(at(TODAY, 14, 10), TODAY) == "14:10"
    assert clock_time(at(TODAY - timedelta(days=1), 17, 32), TODAY) == "yesterday 17:32"
    assert clock_time(at(date(2026, 11, 20), 14, 10), TODAY) == "Fri 14:10"
    assert clock_time(at(date(2026, 11, 19), 14, 10), TODAY) == "Thu 19 Nov 14:10"
    assert clock_time(at(date(2025, 12, 30), 8, 0), TODAY) == "Tue 30 Dec 2025 08:00"


def test_a_past_moment_says_its_day_in_dutch() -> None:
    i18n.use("nl")
    try:
        assert clock_time(at(TODAY - timedelta(days=1), 17, 32), TODAY) == "gisteren 17:32"
        assert clock_time(at(date(2026, 11, 20), 14, 10), TODAY) == "vr 14:10"
    finally:
        i18n.use(None)


def test_numbers_for_people_use_the_readers_decimal_separator() -> None:
    assert decimal(0.8412) == "0.84"
    assert decimal(-0.5, signed=True) == "-0.50"
    i18n.use("nl")
    try:
        assert decimal(0.8412) == "0,84"
        assert decimal(1.5, 1, signed=True) == "+1,5"
        assert duration(timedelta(minutes=670)) == "11 u 10 min"
    finally:
        i18n.use(None)


def test_a_change_in_minutes_is_written_as_a_length() -> None:
    assert signed_duration(65) == "+1 h 05 min"
    assert signed_duration(-25.4) == "-25 min"
    assert signed_duration(-0.4) == "+0 min"

"""Local days and ISO weeks: DST in several zones, midnights that do not exist, week names."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.days import DayClock, parse_week, week_name
from tracker.errors import FlowtallyError


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Amsterdam", date(2026, 3, 29), 23),
        ("Europe/Amsterdam", date(2026, 10, 25), 25),
        ("America/New_York", date(2026, 3, 8), 23),
        ("America/New_York", date(2026, 11, 1), 25),
        ("Australia/Lord_Howe", date(2026, 10, 4), 23.5),  # a half-hour DST shift
        ("America/Santiago", date(2026, 9, 6), 23),  # the clocks skip midnight itself
        ("America/Santiago", date(2026, 4, 4), 25),
        ("Asia/Kolkata", date(2026, 3, 29), 24),
    ],
)
def test_day_lengths_follow_dst(zone: str, day: date, hours: float) -> None:
    clock = DayClock(ZoneInfo(zone))
    length = clock.midnight(day + timedelta(days=1)) - clock.midnight(day)
    assert length == timedelta(hours=hours)


def test_a_day_whose_midnight_is_skipped_starts_at_its_first_instant() -> None:
    clock = DayClock(ZoneInfo("America/Santiago"))
    start = clock.midnight(date(2026, 9, 6))
    assert start == datetime(2026, 9, 6, 4, 0, tzinfo=UTC)
    assert start.astimezone(clock.zone).hour == 1
    assert clock.day_of(start) == date(2026, 9, 6)
    assert clock.day_of(start - timedelta(microseconds=1)) == date(2026, 9, 5)


def test_split_cuts_at_each_local_midnight_and_preserves_length() -> None:
    clock = DayClock(ZoneInfo("Europe/Amsterdam"))
    start = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)  # 22:00 local, Saturday
    end = start + timedelta(hours=50)
    pieces = list(clock.split(start, end))
    assert [p[0] for p in pieces] == [date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 26)]
    assert [p[2] - p[1] for p in pieces] == [
        timedelta(hours=2),
        timedelta(hours=25),
        timedelta(hours=23),
    ]


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2026-W47", date(2026, 11, 16)),
        ("2026-W01", date(2025, 12, 29)),
        ("2026-W53", date(2026, 12, 28)),
        (" 2020-W53 ", date(2020, 12, 28)),
    ],
)
def test_parse_week(text: str, monday: date) -> None:
    assert parse_week(text) == monday
    assert week_name(monday) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-W53", "2025 has no week 53"),
        ("2026-W00", "no week 0"),
        ("2026W47", "ISO week"),
        ("last week", "ISO week"),
    ],
)
def test_unknown_weeks_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(FlowtallyError, match=message):
        parse_week(text)

"""Local days and ISO weeks: DST in several zones, midnights that do not exist, week names."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


ZONES = ("Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "America/Santiago")
TRANSITIONS = [  # instants near each zone's DST changes, where a remembered hour could lie
    datetime(2026, 3, 29, 0, 0, tzinfo=UTC),
    datetime(2026, 10, 25, 0, 0, tzinfo=UTC),
    datetime(2026, 11, 1, 5, 0, tzinfo=UTC),
    datetime(2026, 10, 3, 15, 0, tzinfo=UTC),
    datetime(2026, 4, 4, 14, 30, tzinfo=UTC),
    datetime(2026, 9, 6, 3, 0, tzinfo=UTC),
]


@settings(max_examples=300)
@given(
    zone=st.sampled_from(ZONES),
    near=st.sampled_from(TRANSITIONS),
    offsets=st.lists(st.integers(-4 * 3600, 4 * 3600), min_size=1, max_size=30),
)
def test_a_remembered_hour_is_the_hour_the_zone_gives(
    zone: str, near: datetime, offsets: list[int]
) -> None:
    """``hour_of`` remembers the last hour it found (the team summary asks it for every
    segment and interruption): in any order of lookups, across DST changes of an hour and
    of half an hour, it answers what converting the instant would."""
    clock = DayClock(ZoneInfo(zone))
    for seconds in offsets:
        instant = near + timedelta(seconds=seconds)
        day, hour, ends = clock.hour_of(instant)
        assert (day, hour) == (clock.day_of(instant), instant.astimezone(clock.zone).hour)
        assert instant < ends <= instant + timedelta(hours=1)


@given(
    zone=st.sampled_from(ZONES),
    near=st.sampled_from(TRANSITIONS),
    start=st.integers(-4 * 3600, 4 * 3600),
    length=st.integers(1, 6 * 3600),
)
def test_local_hours_cover_an_interval_once_each_piece_in_its_hour(
    zone: str, near: datetime, start: int, length: int
) -> None:
    clock = DayClock(ZoneInfo(zone))
    begin = near + timedelta(seconds=start)
    end = begin + timedelta(seconds=length)
    cursor = begin
    for day, hour, piece in clock.hours(begin, end):
        assert (day, hour) == (clock.day_of(cursor), cursor.astimezone(clock.zone).hour)
        cursor += piece
    assert cursor == end

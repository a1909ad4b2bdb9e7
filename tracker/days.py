"""Local calendar days and ISO weeks in one IANA zone, correct across DST changes.

A day is ``[midnight(d), midnight(d + 1))`` in UTC, so it may last 23 or 25 hours. Where a zone
skips midnight (a DST gap at 00:00), the day starts at its first instant.
"""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from tracker.errors import FlowtallyError
from tracker.i18n import _

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_HOUR = timedelta(hours=1)
_INSTANT = timedelta(microseconds=1)
FIRST_YEAR, LAST_YEAR = 1970, 2199
"""The years :mod:`tracker.timeparse` accepts times in; a report of week 9999-W52 would reach
past the last date Python can represent."""


class DayClock:
    """Maps instants to local days and cuts intervals at local midnight."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.midnight = lru_cache(maxsize=4096)(self._midnight)
        self._last: tuple[datetime, datetime, date] | None = None
        self._last_hour: tuple[datetime, datetime, date, int] | None = None

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)

    def day_of(self, instant: datetime) -> date:
        """The local day holding ``instant`` (consistent with :meth:`midnight` at the edges).

        The last day found is remembered: consecutive lookups nearly always fall on it, and a
        zone conversion costs more than the rest of a report's arithmetic.
        """
        last = self._last
        if last is not None and last[0] <= instant < last[1]:
            return last[2]
        day = instant.astimezone(self.zone).date()
        if instant < self.midnight(day):
            day -= timedelta(days=1)
        elif instant >= self.midnight(day + timedelta(days=1)):
            day += timedelta(days=1)
        self._last = (self.midnight(day), self.midnight(day + timedelta(days=1)), day)
        return day

    def day_ending(self, instant: datetime) -> tuple[date, datetime]:
        """The local day holding ``instant``, and the instant that day ends."""
        day = self.day_of(instant)
        last = self._last
        assert last is not None  # day_of has just remembered that day
        return day, last[1]

    def hour_of(self, instant: datetime) -> tuple[date, int, datetime]:
        """The local day and hour holding ``instant``, and the instant that hour ends (a zone
        offset of half an hour ends it at the half hour). Remembered as :meth:`day_of`
        remembers its day: a day's segments and interruptions fall in few hours."""
        last = self._last_hour
        if last is not None and last[0] <= instant < last[1]:
            return last[2], last[3], last[1]
        local = instant.astimezone(self.zone)
        began = instant - timedelta(
            minutes=local.minute, seconds=local.second, microseconds=local.microsecond
        )
        ends = began + _HOUR
        day = self.day_of(instant)
        offset, zone = local.utcoffset(), self.zone
        if (
            began.astimezone(zone).utcoffset()
            == offset
            == (ends - _INSTANT).astimezone(zone).utcoffset()
        ):
            self._last_hour = (began, ends, day, local.hour)  # no offset change inside it
        return day, local.hour, ends

    def hours(self, start: datetime, end: datetime) -> Iterator[tuple[date, int, timedelta]]:
        """``[start, end)`` cut at local hours, as ``(day, hour, length)``."""
        cursor = start
        while cursor < end:
            day, hour, ends = self.hour_of(cursor)
            piece_end = min(end, ends)
            yield day, hour, piece_end - cursor
            cursor = piece_end

    def split(self, start: datetime, end: datetime) -> Iterator[tuple[date, datetime, datetime]]:
        """``[start, end)`` cut at local midnights, as ``(day, piece_start, piece_end)``."""
        day = self.day_of(start)
        cursor = start
        while cursor < end:
            next_midnight = self.midnight(day + timedelta(days=1))
            piece_end = min(end, next_midnight)
            yield day, cursor, piece_end
            cursor = piece_end
            day += timedelta(days=1)


def parse_week(text: str) -> date:
    """The Monday of ISO week ``text`` (``2026-W47``), or a clear error."""
    match = _WEEK.match(text.strip())
    if not match:
        raise FlowtallyError(_("{0!r} is not an ISO week; write it like 2026-W47").format(text))
    year, week = int(match[1]), int(match[2])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FlowtallyError(
            _("{0!r} is out of range: weeks from {1} to {2}").format(text, FIRST_YEAR, LAST_YEAR)
        )
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise FlowtallyError(_("{0} has no week {1}").format(year, week)) from None


def week_name(day: date) -> str:
    """The ISO week holding ``day``, named like ``2026-W47``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_days(monday: date) -> list[date]:
    return [monday + timedelta(days=i) for i in range(7)]

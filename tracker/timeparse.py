"""Times as people type them, and as the interchange format writes them."""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tracker.errors import FlowtallyError, ValidationError
from tracker.i18n import _

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""Times outside these are refused: no focus was tracked before 1970, and near year 1 or 9999
a local time cannot even be converted to UTC (or back, in a report or an export)."""
RANGE_TEXT = "times must lie between 1970 and 2199"
FUTURE_TOLERANCE = timedelta(minutes=1)
"""How far ahead of now a time may lie (clocks a little apart) before it is refused as being
in the future: in ``--at``, in edits and in imports."""


def in_range(value: datetime, text: str, path: str = "") -> datetime:
    """``value`` if it lies in the years Flowtally handles, else a clear error."""
    if not EARLIEST <= value < LATEST:
        raise ValidationError(path, _("{0!r} is out of range ({1})").format(text, RANGE_TEXT))
    return value


def _to_utc(value: datetime, text: str, path: str = "") -> datetime:
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationError(
            path, _("{0!r} is out of range ({1})").format(text, RANGE_TEXT)
        ) from None
    return in_range(utc, text, path)


def parse_iso(text: object, path: str = "") -> datetime:
    """An ISO 8601 time with an offset (or ``Z``), as an aware UTC datetime."""
    if not isinstance(text, str):
        raise ValidationError(
            path, _("expected an ISO 8601 time as text, got {0}").format(_describe(text))
        )
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(path, _("{0!r} is not an ISO 8601 time").format(text)) from None
    if value.tzinfo is None:
        raise ValidationError(
            path, _("{0!r} has no offset; add one such as +01:00 or Z").format(text)
        )
    return _to_utc(value, text, path)


def format_iso(value: datetime, zone: ZoneInfo) -> str:
    """``value`` in local time of ``zone`` with its offset, to the second when that is exact."""
    local = value.astimezone(zone)
    return local.isoformat(timespec="seconds" if local.microsecond == 0 else "microseconds")


def _describe(value: object) -> str:
    return "nothing" if value is None else type(value).__name__


def parse_user_time(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """A time typed on the command line, as an aware UTC datetime.

    Accepts ISO 8601 with an offset; ``YYYY-MM-DD HH:MM`` local time; ``HH:MM`` today (local);
    and ``-25m`` / ``2h ago`` relative to ``now``. A local time that a DST change skips, or one it
    repeats, is refused rather than guessed.
    """
    raw = text.strip()
    relative = re.fullmatch(r"-(\d+(?:\.\d+)?)\s*(m|min|h)", raw) or re.fullmatch(
        r"(\d+(?:\.\d+)?)\s*(m|min|h) ago", raw
    )
    if relative:
        amount = float(relative[1])
        unit = timedelta(hours=1) if relative[2] == "h" else timedelta(minutes=1)
        try:
            return in_range(now - amount * unit, text)
        except OverflowError:
            raise ValidationError(
                "", _("{0!r} is out of range ({1})").format(text, RANGE_TEXT)
            ) from None
    clock = _CLOCK.match(raw)
    if clock:
        hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise FlowtallyError(_("{0!r} is not a time of day").format(text))
        today = now.astimezone(zone).date()
        return _local(datetime.combine(today, time(hour, minute, second)), zone, text)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise FlowtallyError(
            _(
                "cannot read the time {0!r}; use HH:MM, 'YYYY-MM-DD HH:MM', an ISO 8601 time "
                "with offset, or '25m ago'"
            ).format(text)
        ) from None
    if value.tzinfo is not None:
        return _to_utc(value, text)
    return _local(value, zone, text)


def _local(naive: datetime, zone: ZoneInfo, text: str) -> datetime:
    """Resolve a wall-clock time in ``zone``, refusing times that do not exist or repeat."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    try:
        ambiguous = first.utcoffset() != second.utcoffset()
    except (OverflowError, ValueError):
        raise ValidationError(
            "", _("{0!r} is out of range ({1})").format(text, RANGE_TEXT)
        ) from None
    if ambiguous:
        round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise FlowtallyError(
                _("{0!r} does not exist in {1}: the clocks skip it").format(text, zone.key)
            )
        raise FlowtallyError(
            _(
                "{0!r} happens twice in {1} (the clocks go back); give an offset, e.g. "
                "2026-10-25T02:30+02:00"
            ).format(text, zone.key)
        )
    return _to_utc(first, text)

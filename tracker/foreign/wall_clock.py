"""Dates and times as other tools' exports write them, on a wall clock in a zone.

Real exports carry month-first dates ("03/01/2026"), 12-hour times ("09:15:00 PM") and no
zone at all. A date such as 03/01/2026 is 3 January to most of the world and 1 March to the
rest; a guess would move a year of history by months without a word. So one order holds for
a whole file: the one its dates prove (a day past 12 shows which comes first) or the one the
user gives (``--date-format``); a file that proves neither, or both, is refused by row.
"""

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from tracker.errors import ValidationError
from tracker.i18n import _
from tracker.timeparse import in_range

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)

_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_SHORT_DATE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$")
_CLOCK = re.compile(
    r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([AaPp])\.?\s*[Mm]\.?)?$",
)


def date_order(dates: Iterable[tuple[str, str]], given: str | None) -> str | None:
    """The order of day and month in a file's dates (``(label, text)`` each): ``given``, else
    the one its dates prove; ``None`` when every date is written year first."""
    if given is not None:
        return given
    proof: dict[str, str] = {}
    undecided: str | None = None
    for label, text in dates:
        found = _SHORT_DATE.match(text.strip())
        if found is None:
            continue
        first, second = int(found.group(1)), int(found.group(3))
        if first > 12 >= second:
            proof.setdefault(DAY_FIRST, label)
        elif second > 12 >= first:
            proof.setdefault(MONTH_FIRST, label)
        elif first != second and undecided is None:
            undecided = label
    if len(proof) == 2:
        raise ValidationError(
            proof[MONTH_FIRST],
            _(
                "its date is month first, but the date on {0} is day first; give "
                "--date-format day-first or month-first"
            ).format(proof[DAY_FIRST]),
        )
    if proof:
        return next(iter(proof))
    if undecided is not None:
        raise ValidationError(
            undecided,
            _(
                "the date could be day first or month first, and no date in the file says "
                "which; give --date-format day-first or month-first"
            ),
        )
    return None


def read_date(text: str, order: str | None, path: str) -> date:
    """A date written year first, or in ``order``."""
    value = text.strip()
    try:
        iso = _ISO_DATE.match(value)
        if iso is not None:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        short = _SHORT_DATE.match(value)
        if short is not None and order is not None:
            first, second, year = int(short.group(1)), int(short.group(3)), short.group(4)
            full = int(year) + (2000 if len(year) == 2 else 0)
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            return date(full, month, day)
    except ValueError:
        raise ValidationError(path, _("{0!r} is not a date").format(text)) from None
    raise ValidationError(path, _("cannot read the date {0!r}").format(text))


def read_time(text: str, path: str) -> time:
    """A time of day: 24-hour ("21:15", "21:15:00") or 12-hour ("9:15:00 PM")."""
    found = _CLOCK.match(text.strip())
    if found is None:
        raise ValidationError(path, _("cannot read the time {0!r}").format(text))
    hour, minute = int(found.group(1)), int(found.group(2))
    second = int(found.group(3) or 0)
    half = found.group(4)
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValidationError(path, _("{0!r} is not a time").format(text))
        hour = hour % 12 + (12 if half in "Pp" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValidationError(path, _("{0!r} is not a time").format(text)) from None


def on_wall_clock(
    day: date, clock: time, zone: ZoneInfo, path: str, after: datetime | None = None
) -> datetime:
    """The moment ``day clock`` names in ``zone``, in UTC.

    A time the clocks skip (spring forward) is refused. A time that happens twice (fall back)
    is its first occurrence, unless ``after`` (the entry's start, for its end) shows it must
    be the second."""
    naive = datetime.combine(day, clock)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    text = f"{day.isoformat()} {clock.isoformat()}"
    try:
        utc_first, utc_second = first.astimezone(UTC), second.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ValidationError(path, _("{0!r} is out of range").format(text)) from None
    if utc_first.astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            path, _("{0} does not exist in {1}: the clocks skip it").format(text, zone.key)
        )
    chosen = utc_first
    if after is not None and utc_first <= after < utc_second:
        chosen = utc_second
    return in_range(chosen, text, path)

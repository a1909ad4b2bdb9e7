"""Durations and counts as people read them, shared by the terminal and the tray."""

import math
from datetime import date, datetime, timedelta

from tracker.i18n import _, day_name, language, month_name


def duration(value: timedelta, hour: str | None = None) -> str:
    """``1 h 05 min``, ``47 min``, ``3 h``: a length, never written like a clock time (``1:05``
    reads as five past one). Minutes are rounded down, as a timer counts them. ``hour``: the
    unit as the reader's language writes it (Dutch ``u``), by default the catalogue's."""
    return _written(max(int(value.total_seconds() // 60), 0), hour)


def minutes(value: float) -> str:
    """A length given in minutes, written as a length (``1 h 15 min``)."""
    return duration(timedelta(minutes=value))


DECIMAL_COMMA = frozenset({"nl"})
"""The languages we speak that write a decimal comma."""


def decimal(value: float, places: int = 2, signed: bool = False) -> str:
    """``0.84``, Dutch ``0,84``: a number for people, with the separator their language
    writes (JSON, CSV and the settings file keep the dot machines read)."""
    text = f"{value:{'+' if signed else ''}.{places}f}"
    return text.replace(".", ",") if language() in DECIMAL_COMMA else text


def signed_duration(minutes: float, hour: str | None = None) -> str:
    """A change in minutes in the same style as a length: ``+1 h 05 min``, ``-25 min``,
    ``+0 min``."""
    sign = "-" if round(minutes) < 0 else "+"
    return sign + duration(timedelta(minutes=abs(round(minutes))), hour)


def time_left(value: timedelta, hour: str | None = None) -> str:
    """A length still to come, rounded up as a countdown shows it: beside a length so far
    (rounded down), the two add up to the whole (1 min so far and 14 min to go of 15, never
    1 and 13)."""
    return _written(max(math.ceil(value.total_seconds() / 60 - 1e-9), 0), hour)


def _written(total: int, hour: str | None) -> str:
    hour = hour if hour is not None else _("h")
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} {hour}" if not minutes else f"{hours} {hour} {minutes:02d} min"


PLURALS: dict[str, str] = {
    "interruption": "{n} interruptions",
    "uninterrupted period": "{n} uninterrupted periods",
    "block": "{n} blocks",
    "change": "{n} changes",
    "answer": "{n} answers",
    "day": "{n} days",
    "pause": "{n} pauses",
}
"""The plural of each counted word (its singular is ``{n} WORD``); translated as a whole, as
languages pluralise differently."""


def plural(count: int, word: str) -> str:
    """``1 interruption``, ``3 interruptions``, in the reader's language."""
    template = f"{{n}} {word}" if count == 1 else PLURALS[word]
    return _(template).format(n=count)


def clock_time(moment: datetime, today: date) -> str:
    """A moment in the reader's zone, with as much of its day as it needs to be read right:
    ``14:10`` today, ``yesterday 17:32``, ``Thu 14:10`` in the last week, ``Thu 26 Nov 14:10``
    before that (with the year when it is another one). A bare time for last Thursday reads
    as today's."""
    time = f"{moment:%H:%M}"
    day = moment.date()
    if day == today:
        return time
    if day == today - timedelta(days=1):
        return _("yesterday {time}").format(time=time)
    if today - timedelta(days=6) <= day < today:
        return f"{day_name(day)} {time}"
    year = f" {day.year}" if day.year != today.year else ""
    return f"{day_name(day)} {day.day} {month_name(day)}{year} {time}"

"""Durations and counts as people read them, shared by the terminal and the tray."""

from datetime import timedelta

from tracker.i18n import _


def duration(value: timedelta, hour: str | None = None) -> str:
    """``1 h 05 min``, ``47 min``, ``3 h``: a length, never written like a clock time (``1:05``
    reads as five past one). Minutes are rounded down, as a timer counts them. ``hour``: the
    unit as the reader's language writes it (Dutch ``u``), by default the catalogue's."""
    hour = hour if hour is not None else _("h")
    total = max(int(value.total_seconds() // 60), 0)
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} {hour}" if not minutes else f"{hours} {hour} {minutes:02d} min"


PLURALS: dict[str, str] = {
    "interruption": "{n} interruptions",
    "uninterrupted period": "{n} uninterrupted periods",
    "block": "{n} blocks",
    "change": "{n} changes",
}
"""The plural of each counted word (its singular is ``{n} WORD``); translated as a whole, as
languages pluralise differently."""


def plural(count: int, word: str) -> str:
    """``1 interruption``, ``3 interruptions``, in the reader's language."""
    template = f"{{n}} {word}" if count == 1 else PLURALS[word]
    return _(template).format(n=count)

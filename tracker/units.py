"""Durations as people read them, shared by the terminal and the tray."""

from datetime import timedelta


def duration(value: timedelta, hour: str = "h") -> str:
    """``1 h 05 min``, ``47 min``, ``3 h``: a length, never written like a clock time (``1:05``
    reads as five past one). Minutes are rounded down, as a timer counts them. ``hour``: the
    unit as the reader's language writes it (Dutch ``u``)."""
    total = max(int(value.total_seconds() // 60), 0)
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} {hour}" if not minutes else f"{hours} {hour} {minutes:02d} min"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")

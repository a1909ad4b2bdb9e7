"""Durations as people read them, shared by the terminal and the tray."""

from datetime import timedelta


def duration(value: timedelta) -> str:
    """``1:05`` for an hour and five minutes (minutes rounded down, as a clock shows them)."""
    total = max(int(value.total_seconds() // 60), 0)
    return f"{total // 60}:{total % 60:02d}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")

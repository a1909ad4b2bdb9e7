"""Small builders that keep the hand-worked examples readable."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.model import Interruption
from tracker.types import Kind

AMS = ZoneInfo("Europe/Amsterdam")
BASE = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def m(minutes: float) -> datetime:
    """An instant ``minutes`` after 09:00 UTC on Monday 2026-11-16."""
    return BASE + timedelta(minutes=minutes)


def instant(minutes: float, kind: Kind = Kind.EXTERNAL, source: str = "person") -> Interruption:
    return Interruption(m(minutes), None, kind, source)


def lasting(start: float, end: float, source: str = "person") -> Interruption:
    return Interruption(m(start), m(end), Kind.EXTERNAL, source)


def minutes(value: timedelta) -> float:
    return value / timedelta(minutes=1)

"""Column types shared by the models and the migrations."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

_SQLITE_TEXT_LENGTH = len("2026-11-23 09:15:00.000000")
"""SQLAlchemy's SQLite text for a datetime, which every stored row and every comparison in
SQL uses: ``isoformat`` gives the same characters (years 1000 to 9999), followed by the offset."""


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetimes are not stored; give a time zone")
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def _aware(value: datetime) -> datetime:
    """``value.replace(tzinfo=UTC)``, four times faster on Python 3.11 (a week's report turns
    thousands of these)."""
    return datetime.combine(value, value.time(), UTC)


def _to_sqlite_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    return _utc(value).isoformat(" ", "microseconds")[:_SQLITE_TEXT_LENGTH]


def _from_sqlite_text(value: str | None) -> datetime | None:
    if value is None:
        return None
    if len(value) == _SQLITE_TEXT_LENGTH:
        return datetime.fromisoformat(value + "+00:00")
    parsed = datetime.fromisoformat(value)  # written by hand: no fraction, a date alone
    return _aware(parsed) if parsed.tzinfo is None else parsed.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC, the same on every backend.

    SQLite has no time zone type and PostgreSQL's ``timestamptz`` converts on the way out; a
    naive UTC column behaves identically on both, and the recorded IANA zone lives in a column
    of its own. On SQLite the text is written and read here, in one step instead of
    SQLAlchemy's formatting and parsing followed by ours: reports and imports move hundreds of
    thousands of these.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite":
            return _to_sqlite_text
        return super().bind_processor(dialect)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite":
            return _from_sqlite_text
        return super().result_processor(dialect, coltype)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _aware(value)

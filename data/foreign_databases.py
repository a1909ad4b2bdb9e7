"""Other tools' SQLite databases, read without changing them: Focus Timer's (gnome-pomodoro)
and Hamster's.

The file is opened read-only and immutable (no journal is replayed, no lock is taken, the
tool may be running), rows are read by column name, and what is made of them is
:mod:`tracker.foreign`'s. A file that is not such a database, or is truncated or damaged,
is one line naming it; nothing is written anywhere.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

from tracker.errors import FlowtallyError
from tracker.foreign.focus_timer import (
    EntryRow,
    GapRow,
    TimeBlockRow,
    from_entries,
    from_timeblocks,
)
from tracker.foreign.hamster import FactRow, from_facts
from tracker.foreign.outcome import Foreign, Reading
from tracker.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
FOCUS_TIMER_TABLES = {"timeblocks", "gaps"}
FOCUS_TIMER_OLD_TABLES = {"entries"}
HAMSTER_TABLES = {"facts", "activities"}


def is_sqlite(head: bytes) -> bool:
    return head.startswith(SQLITE_MAGIC)


def database_source(path: Path) -> str | None:
    """``focus-timer`` or ``hamster`` for a database with their tables, else ``None``."""
    with _opened(path) as db:
        tables = _tables(db)
    if tables >= HAMSTER_TABLES:
        return "hamster"
    if tables >= FOCUS_TIMER_TABLES or tables >= FOCUS_TIMER_OLD_TABLES:
        return "focus-timer"
    return None


def read_database(path: Path, source: str, reading: Reading) -> Foreign:
    with _opened(path) as db:
        tables = _tables(db)
        if source == "hamster":
            _require(path, tables, HAMSTER_TABLES, "Hamster")
            return from_facts(list(_facts(db, tables)), reading)
        if tables >= FOCUS_TIMER_TABLES:
            blocks = [
                TimeBlockRow(*row)
                for row in db.execute(
                    'SELECT id, "start-time", "end-time", state, status FROM timeblocks'
                )
            ]
            gaps = [
                GapRow(*row)
                for row in db.execute(
                    'SELECT "start-time", "end-time", flags, "time-block-id" FROM gaps'
                )
            ]
            zones = (
                [
                    (int(t), str(n))
                    for t, n in db.execute("SELECT time, identifier FROM timezones ORDER BY time")
                ]
                if "timezones" in tables
                else []
            )
            return from_timeblocks(blocks, gaps, zones, reading)
        _require(path, tables, FOCUS_TIMER_OLD_TABLES, "Focus Timer")
        entries = [
            EntryRow(int(i), str(started), str(state), float(elapsed or 0))
            for i, started, state, elapsed in db.execute(
                'SELECT id, "datetime-string", "state-name", elapsed FROM entries'
            )
        ]
        return from_entries(entries, reading)


def _facts(db: sqlite3.Connection, tables: set[str]) -> Iterator[FactRow]:
    tags: dict[int, list[str]] = {}
    if {"fact_tags", "tags"} <= tables:
        query = "SELECT ft.fact_id, t.name FROM fact_tags ft JOIN tags t ON t.id = ft.tag_id"
        for fact_id, name in db.execute(query + " ORDER BY t.name"):
            tags.setdefault(int(fact_id), []).append(str(name))
    rows = db.execute(
        "SELECT f.id, f.start_time, f.end_time, a.name, f.description FROM facts f "
        "LEFT JOIN activities a ON a.id = f.activity_id ORDER BY f.start_time, f.id"
    )
    for fact_id, start, end, activity, description in rows:
        yield FactRow(
            int(fact_id),
            str(start),
            None if end is None else str(end),
            activity,
            description,
            tuple(tags.get(int(fact_id), ())),
        )


@contextmanager
def _opened(path: Path) -> Iterator[sqlite3.Connection]:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as db:
            yield db
    except sqlite3.DatabaseError as exc:
        raise FlowtallyError(
            _("{0}: cannot read the database ({1}); nothing was imported").format(path, exc)
        ) from None


def _tables(db: sqlite3.Connection) -> set[str]:
    return {
        str(name) for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }


def _require(path: Path, tables: set[str], needed: set[str], tool: str) -> None:
    missing = sorted(needed - tables)
    if missing:
        raise FlowtallyError(
            _("{0}: not a {1} database (no table {2!r}); nothing was imported").format(
                path, tool, missing[0]
            )
        )

"""Other tools' files, written by the tests from each format's definition (their repositories'
schema and serializer, read, not copied): a Flowkeeper log, a Focus Timer (gnome-pomodoro)
database of 1.x and of 0.2x, Toggl Track's and Clockify's CSV, a Hamster database."""

import csv
import io
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

TOGGL_HEADER = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
]
CLOCKIFY_HEADER = [
    "Project",
    "Client",
    "Description",
    "Task",
    "User",
    "Group",
    "Email",
    "Tags",
    "Billable",
    "Start Date",
    "Start Time",
    "End Date",
    "End Time",
    "Duration (h)",
    "Duration (decimal)",
    "Billable Rate (USD)",
    "Billable Amount (USD)",
]


def toggl_csv(rows: Sequence[tuple[str, str, str, str, str, str, str]], bom: bool = True) -> str:
    """Toggl Track's "Detailed report" CSV: each row (project, description, start date,
    start time, end date, end time, tags)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TOGGL_HEADER)
    for project, description, start_d, start_t, end_d, end_t, tags in rows:
        writer.writerow(
            [
                "Ann",
                "ann@example.org",
                "",
                project,
                "",
                description,
                "No",
                start_d,
                start_t,
                end_d,
                end_t,
                "1.5",
                tags,
            ]
        )
    return ("\ufeff" if bom else "") + buffer.getvalue()


def toggl_export(folder: Path) -> Path:
    """A Toggl Track export as a user downloads it: two finished entries (one over
    midnight) and one still running, in 12-hour times."""
    path = folder / "Toggl_time_entries.csv"
    rows = [
        ("Site", "Header", "2026-11-02", "09:15:00 AM", "2026-11-02", "11:45:00 AM", ""),
        ("", "Late", "2026-11-03", "11:30:00 PM", "2026-11-04", "12:30:00 AM", ""),
        ("", "Now", "2026-11-05", "09:00:00 AM", "", "", ""),
    ]
    path.write_text(toggl_csv(rows), encoding="utf-8")
    return path


def clockify_csv(rows: Sequence[tuple[str, str, str, str, str, str, str]]) -> str:
    """Clockify's detailed CSV, each row as for :func:`toggl_csv`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CLOCKIFY_HEADER)
    for project, description, start_d, start_t, end_d, end_t, tags in rows:
        writer.writerow(
            [
                project,
                "",
                description,
                "",
                "Ann",
                "",
                "ann@example.org",
                tags,
                "No",
                start_d,
                start_t,
                end_d,
                end_t,
                "01:30:00",
                "1.50",
                "0",
                "0",
            ]
        )
    return buffer.getvalue()


def flowkeeper_event(seq: int, when: str, strategy: str, *args: str) -> str:
    """One line of Flowkeeper's log: ``seq, timestamp, user: Strategy("arg", …)``."""
    quoted = ", ".join('"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"' for a in args)
    return f"{seq}, {when}, ann@example.org: {strategy}({quoted})"


def micro(when: datetime) -> int:
    return int((when - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() * 1_000_000)


FOCUS_TIMER_SCHEMA = """
CREATE TABLE "sessions" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "start-time" INTEGER NOT NULL UNIQUE, "end-time" INTEGER NOT NULL);
CREATE TABLE "timeblocks" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "session-id" INTEGER NOT NULL, "start-time" INTEGER NOT NULL UNIQUE,
    "end-time" INTEGER NOT NULL, "state" TEXT NOT NULL, "status" TEXT NOT NULL,
    "intended-duration" INTEGER NOT NULL);
CREATE TABLE "gaps" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "start-time" INTEGER NOT NULL UNIQUE, "end-time" INTEGER NOT NULL,
    "flags" TEXT NOT NULL, "time-block-id" INTEGER NOT NULL);
CREATE TABLE "timezones" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "time" INTEGER NOT NULL UNIQUE, "identifier" TEXT NOT NULL);
"""


def focus_timer_db(
    path: Path,
    blocks: Sequence[tuple[datetime, datetime | None, str, str]],
    gaps: Sequence[tuple[int, datetime, datetime | None, str]] = (),
    zones: Sequence[tuple[datetime, str]] = (),
) -> Path:
    """A 1.x database: time blocks (start, end or None while running, state, status), gaps
    (time block's position from 1, start, end, flags), zones (since, IANA name)."""
    with closing(sqlite3.connect(path)) as db:
        db.executescript(FOCUS_TIMER_SCHEMA)
        db.execute('INSERT INTO sessions ("start-time", "end-time") VALUES (0, -1)')
        for start, end, state, status in blocks:
            db.execute(
                'INSERT INTO timeblocks ("session-id", "start-time", "end-time", state, status, '
                '"intended-duration") VALUES (1, ?, ?, ?, ?, ?)',
                (micro(start), -1 if end is None else micro(end), state, status, 1_500_000_000),
            )
        for block, start, end, flags in gaps:
            db.execute(
                'INSERT INTO gaps ("start-time", "end-time", flags, "time-block-id") '
                "VALUES (?, ?, ?, ?)",
                (micro(start), -1 if end is None else micro(end), flags, block),
            )
        for since, name in zones:
            db.execute(
                "INSERT INTO timezones (time, identifier) VALUES (?, ?)", (micro(since), name)
            )
        db.commit()
    return path


def focus_timer_old_db(path: Path, entries: Sequence[tuple[str, str, int]]) -> Path:
    """A 0.2x database: entries (UTC start as GLib writes it, state name, seconds elapsed)."""
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            'CREATE TABLE "entries" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, '
            '"datetime-string" TEXT NOT NULL, "datetime-local-string" TEXT NOT NULL, '
            '"state-name" TEXT NOT NULL, "state-duration" INTEGER DEFAULT 0, '
            '"elapsed" INTEGER DEFAULT 0)'
        )
        for started, state, elapsed in entries:
            db.execute(
                'INSERT INTO entries ("datetime-string", "datetime-local-string", "state-name", '
                '"state-duration", elapsed) VALUES (?, ?, ?, ?, ?)',
                (started, started, state, 1500, elapsed),
            )
        db.commit()
    return path


def hamster_db(
    path: Path, facts: Sequence[tuple[str, str | None, str, str | None, Sequence[str]]]
) -> Path:
    """Hamster's database: facts (local start, local end or None, activity, description,
    tags) with their activities, one category and tags."""
    with closing(sqlite3.connect(path)) as db:
        db.executescript(
            """
            CREATE TABLE version (version integer);
            INSERT INTO version VALUES (9);
            CREATE TABLE categories (id integer primary key, name varchar2(500),
                color_code varchar2(50), category_order integer, search_name varchar2);
            CREATE TABLE activities (id integer primary key, name varchar2(500),
                work integer, activity_order integer, deleted integer, category_id integer,
                search_name varchar2);
            CREATE TABLE facts (id integer primary key, activity_id integer,
                start_time timestamp, end_time timestamp, description varchar2);
            CREATE TABLE tags (id integer primary key, name text not null,
                autocomplete bool default true);
            CREATE TABLE fact_tags (fact_id integer, tag_id integer);
            INSERT INTO categories (id, name) VALUES (1, 'Work');
            """
        )
        activities: dict[str, int] = {}
        tags: dict[str, int] = {}
        for start, end, activity, description, fact_tags in facts:
            if activity not in activities:
                activities[activity] = len(activities) + 1
                db.execute(
                    "INSERT INTO activities (id, name, category_id) VALUES (?, ?, 1)",
                    (activities[activity], activity),
                )
            cursor = db.execute(
                "INSERT INTO facts (activity_id, start_time, end_time, description) "
                "VALUES (?, ?, ?, ?)",
                (activities[activity], start, end, description),
            )
            for tag in fact_tags:
                tags.setdefault(tag, len(tags) + 1)
                db.execute("INSERT OR IGNORE INTO tags (id, name) VALUES (?, ?)", (tags[tag], tag))
                db.execute("INSERT INTO fact_tags VALUES (?, ?)", (cursor.lastrowid, tags[tag]))
        db.commit()
    return path

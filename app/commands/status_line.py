"""``flowtally status --line`` and ``--format waybar``: the status others read, worked out
here when no tray app runs (the app answers them from memory when it does), and
``--follow`` without the app: a line at each change, re-reading the database only when its
file changed.
"""

import time
from datetime import datetime
from pathlib import Path

from app.commands.context import Context
from app.instance import answers
from app.language import requests as rq
from data.store import Store
from tracker.availability import HISTORY, Availability, availability, stretch_lengths
from tracker.days import DayClock
from tracker.model import Block
from tracker.settings import Settings
from tracker.status import live_status

LOOK_S = 1.0
"""How often ``--follow`` looks at the clock and the database file's size and time."""
READ_AGAIN_S = 60.0
"""A database that is not a local file (PostgreSQL) is read again this often."""


def status_line(ctx: Context, args: rq.Status) -> int:
    """Print the line (or waybar's object); following, until a tray app answers (it then
    takes over) or the command is killed. The app itself follows from memory, never here."""
    day = _Day(ctx.store, ctx.settings, DayClock(ctx.zone))
    day.read(ctx.now)
    printed = day.availability(ctx.now)
    _print(ctx, printed.text(args.waybar))
    if not args.follow or ctx.app is not None:
        return 0
    stamp = database_stamp(ctx.database)
    read_at = time.monotonic()
    while not answers(ctx.database):
        time.sleep(LOOK_S)
        now = datetime.now().astimezone()
        fresh = database_stamp(ctx.database)
        if fresh != stamp or (fresh is None and time.monotonic() - read_at > READ_AGAIN_S):
            stamp, read_at = fresh, time.monotonic()
            day.read(now)
        current = day.availability(now)
        if current.changed_key != printed.changed_key:
            printed = current
            _print(ctx, current.text(args.waybar))
    return 0


def _print(ctx: Context, line: str) -> None:
    print(line, file=ctx.out)
    ctx.out.flush()  # a status bar reads a pipe: each line as it comes


class _Day:
    """What the status needs from the database, read at once and kept."""

    def __init__(self, store: Store, settings: Settings, clock: DayClock) -> None:
        self._store = store
        self._settings = settings
        self._clock = clock
        self._running: Block | None = None
        self._today: list[Block] = []
        self._past: list[float] = []

    def read(self, now: datetime) -> None:
        self._running, self._today = self._store.day(self._clock, now)
        past = self._store.blocks_between(now - HISTORY, now)
        self._past = stretch_lengths(past, self._settings.model, now)

    def availability(self, now: datetime) -> Availability:
        settings = self._settings
        status = live_status(self._running, self._today, settings.model, self._clock, now)
        return availability(
            status, self._clock.zone, settings.planned_block_min, self._past, settings.model
        )


def database_stamp(database: str | None) -> tuple[int, ...] | None:
    """The SQLite file's (and its write-ahead log's) size and time; ``None`` for a server."""
    path = sqlite_file(database)
    if path is None:
        return None
    stamp: list[int] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            info = part.stat()
        except OSError:
            stamp += [0, 0]
            continue
        stamp += [info.st_mtime_ns, info.st_size]
    return tuple(stamp)


def sqlite_file(database: str | None) -> Path | None:
    from data.engine import default_database_path

    if database is None:
        return default_database_path()
    if "://" not in database:
        return Path(database).expanduser()
    if database.startswith("sqlite:///"):
        return Path(database.removeprefix("sqlite:///").split("?")[0])
    return None

"""Engines for SQLite (the embedded default) and any other SQLAlchemy URL.

SQLite runs in WAL mode with foreign keys, ``synchronous=FULL`` (a commit that returned is on
disk) and a busy timeout; write transactions start with ``BEGIN IMMEDIATE`` so that two
processes never both read-then-write and deadlock on the upgrade to a write lock.
"""

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from data.errors import StoreError
from tracker.i18n import _, os_reason
from tracker.redaction import redact_url

BUSY_TIMEOUT_MS = 5000
CONNECT_TIMEOUT_S = 5
"""A server that does not answer is given up after this, not after TCP's minutes: the tray
app then keeps presses in its journal and tries again."""
WRITE_OPTION = "flowtally_write"


def default_database_path() -> Path:
    """The SQLite file in the platform's user data directory."""
    return platformdirs.user_data_path("flowtally", appauthor=False) / "flowtally.sqlite3"


def normalise_url(text: str) -> URL:
    """A SQLAlchemy URL from what the user typed: a URL, or a plain path to a SQLite file.

    ``postgresql://`` means psycopg 3, the driver the project installs.
    """
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    shown = redact_url(text)
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise StoreError(_("{0!r} is not a database URL").format(shown)) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    try:
        url.get_dialect()
    except NoSuchModuleError:
        raise StoreError(
            _("{0!r} names an unknown kind of database ({1})").format(shown, url.drivername)
        ) from None
    return url


def check_target(text: str) -> URL:
    """The URL of ``text``, checked before it becomes the setting: a SQLite file must be one
    that can be created and written (its folder too). A server is not contacted here: it may
    be down for now, and the app keeps what is logged until it answers."""
    url = normalise_url(text)
    database = url.database or ""
    local_file = database not in ("", ":memory:") and not database.startswith("file:")
    if url.get_backend_name() == "sqlite" and local_file:
        path = Path(database)
        _prepare_private_file(path)
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(_("cannot use the database file {0}: it is not writable").format(path))
    return url


def describe(url: URL) -> str:
    """The URL without its password, for messages."""
    return url.render_as_string(hide_password=True)


def create(url: URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS, server_options: str = "") -> Engine:
    """An engine for ``url``, the SQLite file created private to the user if it is new.

    ``busy_timeout_ms``: how long a write waits for another program's lock on a SQLite file;
    ``server_options``: a PostgreSQL server's settings for each connection (``-c name=value``).
    """
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, busy_timeout_ms)
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        if server_options:
            connect_args["options"] = server_options
    try:
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except ModuleNotFoundError as exc:
        raise StoreError(
            _(
                "the driver for {0} is not installed ({1}); install flowtally[postgres] for "
                "PostgreSQL"
            ).format(url.drivername, exc.name)
        ) from None


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        _prepare_private_file(Path(database))
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _prepare_private_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) so nobody else can read a user's history."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
    except OSError as exc:
        raise StoreError(
            _("cannot create the database file {0}: {1}").format(path, os_reason(exc))
        ) from None

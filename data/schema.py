"""Brings a database to the newest schema when a store opens it.

The fast path (already current) is one query and does not import Alembic, so that
``flowtally status`` stays quick. Before upgrading a SQLite file that holds data, a copy is
kept next to it; a database from a newer Flowtally is refused, never downgraded.
"""

import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from data.engine import WRITE_OPTION
from data.errors import StoreError
from tracker.i18n import _

HEAD_REVISION = "0009"
MIGRATIONS = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    """The schema's revision: one query when the database is Flowtally's (every command
    opens the store, and reflecting its tables would cost more than the query)."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # no such table: a new database, or another program's
            connection.rollback()
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            if tables:
                names = ", ".join(sorted(tables)[:3])
                raise StoreError(
                    _(
                        "the database holds tables that are not Flowtally's ({0}); it was left "
                        "untouched"
                    ).format(names)
                )
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


UPGRADING = threading.Lock()
"""One check-and-upgrade at a time in a process: Alembic keeps its running migration in
module globals, and two threads opening a new database at once (the tray's store worker and
the settings dialog's calibration) broke each other's (``KeyError: 'script'``), or found the
file locked by the other's migration."""


def ensure_schema(engine: Engine) -> None:
    """Checked under :data:`UPGRADING` (uncontended, it costs nothing): a thread that opens
    the file while another creates it waits, then finds it current."""
    with UPGRADING:
        revision = current_revision(engine)
        if revision != HEAD_REVISION:
            upgrade(engine, revision)


def upgrade(engine: Engine, revision: str | None) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreError(
            _(
                "the database was written by a newer Flowtally (schema {0}); update Flowtally to "
                "use it"
            ).format(revision)
        )
    if revision is not None and engine.url.get_backend_name() == "sqlite" and engine.url.database:
        backup_sqlite(Path(engine.url.database), f"pre-{HEAD_REVISION}")
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of a live SQLite file (the backup API respects the WAL)."""
    target = path.with_name(f"{path.name}.{label}.bak")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    target.chmod(0o600)
    return target

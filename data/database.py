"""The store's plumbing: the engine of one database, opened (created and migrated as
needed), and one transaction per call whose failures are :class:`~data.errors.StoreError`.
Writers are serialised, on PostgreSQL as on SQLite."""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Self

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import URL

from data import engine as engines
from data.failures import as_store_errors
from data.schema import ensure_schema

_PG_WRITE_LOCK = 0x466C6F77  # serialises writers on PostgreSQL, as BEGIN IMMEDIATE does on SQLite


class Database:
    """A Flowtally database's engine, and a transaction per call (see :class:`Store`)."""

    def __init__(self, engine: Engine, busy_timeout_ms: int = engines.BUSY_TIMEOUT_MS) -> None:
        self.engine = engine
        self.busy_timeout_ms = busy_timeout_ms
        self.url: URL = engine.url
        self._writer = engine.execution_options(**{engines.WRITE_OPTION: True})

    @classmethod
    def open(cls, url: str | None = None, busy_timeout_ms: int = engines.BUSY_TIMEOUT_MS) -> Self:
        """Open (creating and migrating as needed) the database at ``url``, or the default
        SQLite file in the user data directory. A write waits ``busy_timeout_ms`` for another
        program's lock before it gives up (the tray's worker waits briefly and retries)."""
        target = (
            engines.normalise_url(url)
            if url
            else URL.create("sqlite", database=str(engines.default_database_path()))
        )
        engine = engines.create(target, busy_timeout_ms)
        store = cls(engine, busy_timeout_ms)
        try:
            with store._errors():
                ensure_schema(engine)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def description(self) -> str:
        return engines.describe(self.url)

    # ------------------------------------------------------------ transactions

    def _errors(self) -> AbstractContextManager[None]:
        return as_store_errors(self.description, self.busy_timeout_ms)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._errors(), self._writer.begin() as db:
            if self.url.get_backend_name() == "postgresql":
                db.execute(text(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})"))
            yield db

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._errors(), self.engine.begin() as db:
            yield db

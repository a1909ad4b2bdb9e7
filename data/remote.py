"""Talking to a PostgreSQL server that is not the store: a sync target or a team database.

A failure of the server (down, refusing, cut off, a statement it refused) leaves as one
sentence that names the target without its password.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from data import engine as engines
from data.errors import StoreError
from tracker.i18n import _
from tracker.redaction import redact_url


def check_sync_target(url: str) -> None:
    """Refuse, before it is saved, a sync target that cannot be one (the server itself is
    not contacted: it may be down for now)."""
    if engines.normalise_url(url).get_backend_name() != "postgresql":
        raise StoreError(_("a sync target must be a PostgreSQL database (postgresql://…)"))


@contextmanager
def connected(url: str) -> Iterator[Engine]:
    check_sync_target(url)
    remote = engines.create(engines.normalise_url(url))
    try:
        yield remote
    finally:
        remote.dispose()


def reason(exc: BaseException) -> str:
    """The server's own first line, without any password in it."""
    return redact_url(str(getattr(exc, "orig", None) or exc).strip().splitlines()[0])


def _problem(url: str, exc: SQLAlchemyError | OSError) -> StoreError:
    return StoreError(
        _("cannot sync with {target}: {reason}").format(target=redact_url(url), reason=reason(exc))
    )


@contextmanager
def talking_to(url: str) -> Iterator[None]:
    """Within: a failure of the server leaves as one sentence."""
    try:
        yield
    except (SQLAlchemyError, OSError) as exc:
        raise _problem(url, exc) from None


def locked(connection: Connection, person_id: str) -> None:
    """One sync at a time per person: their ``seq`` then grows in commit order, so "after
    the last number seen" misses nothing."""
    key = int(hashlib.sha256(person_id.encode()).hexdigest()[:15], 16)
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

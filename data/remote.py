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


LOCK_TIMEOUT_MS = 4000
"""How long a statement waits for a lock another session holds: a member who locks a shared
table (members may, as they may change their own rows) makes the others' syncs fail, said in
one line, instead of hanging them."""
STATEMENT_TIMEOUT_MS = 120_000
"""The longest one statement may run: a first sync of years is a few seconds."""


@contextmanager
def connected(url: str) -> Iterator[Engine]:
    """An engine for a sync target or a team's database, whose every statement gives up on a
    lock held too long or a server that stopped answering, rather than hang the sync."""
    check_sync_target(url)
    remote = engines.create(
        engines.normalise_url(url),
        server_options=(
            f"-c lock_timeout={LOCK_TIMEOUT_MS} -c statement_timeout={STATEMENT_TIMEOUT_MS} "
            f"-c idle_in_transaction_session_timeout={STATEMENT_TIMEOUT_MS}"
        ),
    )
    try:
        yield remote
    finally:
        remote.dispose()


def reason(exc: BaseException) -> str:
    """The server's own first line, without any password in it (a timeout in our words)."""
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if state == "55P03":
        return _(
            "another session held a lock on the server for over {seconds:.0f} s (a member "
            "locking a shared table?)"
        ).format(seconds=LOCK_TIMEOUT_MS / 1000)
    if state == "57014":
        return _("the server did not answer within {seconds:.0f} s").format(
            seconds=STATEMENT_TIMEOUT_MS / 1000
        )
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

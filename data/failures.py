"""Driver errors turned into messages a user can act on, and constraints told apart by name.

The names are those of :data:`data.tables.NAMING`. PostgreSQL reports the constraint a row
broke by name; SQLite names a CHECK constraint and gives the table and column of a UNIQUE
one, from which the naming convention gives its name.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from data.errors import DatabaseBusy, StoreError
from data.tables import NAMING
from tracker.errors import TransitionError
from tracker.i18n import _

ONE_RUNNING_BLOCK = "uq_blocks_running"


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint ``error`` reports, or ``None`` when it names none."""
    diag = getattr(error.orig, "diag", None)  # psycopg
    name = getattr(diag, "constraint_name", None)
    if isinstance(name, str) and name:
        return name
    message = str(error.orig)
    if message.startswith("CHECK constraint failed: "):
        return message.removeprefix("CHECK constraint failed: ").strip()
    if message.startswith("UNIQUE constraint failed: "):
        table, _, column = message.removeprefix("UNIQUE constraint failed: ").partition(".")
        return NAMING["uq"] % {"table_name": table, "column_0_name": column.split(",")[0]}
    return None


@contextmanager
def as_store_errors(description: str, busy_timeout_ms: int) -> Iterator[None]:
    """Within: a driver error leaves as a :class:`StoreError` (or a :class:`TransitionError`
    for a second running block) that says what to do."""
    try:
        yield
    except IntegrityError as exc:
        if violated_constraint(exc) == ONE_RUNNING_BLOCK:
            raise TransitionError(_("a focus block is already running; stop it first")) from None
        raise StoreError(_("the database refused the change: {0}").format(exc.orig)) from None
    except OperationalError as exc:
        message = str(exc.orig)
        if "locked" in message or "busy" in message:
            raise DatabaseBusy(busy_timeout_ms / 1000) from None
        raise StoreError(
            _("cannot use the database {0}: {1}").format(description, message)
        ) from None
    except DatabaseError as exc:
        raise StoreError(
            _(
                "the database {0} is damaged or not a Flowtally database ({1}); it was left "
                "untouched"
            ).format(description, exc.orig)
        ) from None

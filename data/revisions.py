"""What sync needs to know of every write: which block changed, in which order, and which
were deleted. A block and its pauses and interruptions change as one: any write to them
gives the block a new revision from this device's Lamport clock (one above anything seen
here, pulled revisions included), and marks it for the next push. A deleted block leaves a
tombstone with a revision of its own, so the deletion travels, and wins, like an edit.

:mod:`data.rows`, the only writer of blocks, calls :func:`touch`, :func:`touch_tombstone`
or :func:`bury` on every write; the heartbeat does not (it is not history, only the running
app's sign of life). Sync moves the clock past what it pulls (:func:`witness`).
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from data.tables import BLOCKS, DEVICES, TOMBSTONES

_CLOCK = select(DEVICES.c.clock)
_SET_CLOCK = update(DEVICES).values(clock=bindparam("now"))
_TOUCH = (
    update(BLOCKS)
    .where(BLOCKS.c.id == bindparam("block"))
    .values(revision=bindparam("revision"), revised_by=None, dirty=True)
)
"""Every write runs these: built once (SQLAlchemy takes longer to build a statement than
to run it)."""


def tick(session: Session, seen: int = 0) -> int:
    """The next revision: one above this device's clock and above ``seen`` (a pulled
    revision), inside the caller's write transaction (which holds the write lock)."""
    clock: int = session.scalar(_CLOCK) or 0
    now = max(clock, seen) + 1
    session.execute(_SET_CLOCK, {"now": now})
    return now


def witness(session: Session, seen: int) -> None:
    """A revision pulled from elsewhere: the clock moves past it, so an edit made here next
    is newer than everything this device has seen."""
    session.execute(update(DEVICES).where(DEVICES.c.clock < seen).values(clock=seen))


def touch(session: Session, block_id: int) -> None:
    session.execute(_TOUCH, {"block": block_id, "revision": tick(session)})


def touch_tombstone(session: Session, uid: str) -> None:
    """A deletion made again here (a new revision, to be pushed), as :func:`touch` a block."""
    session.execute(
        update(TOMBSTONES)
        .where(TOMBSTONES.c.uid == uid)
        .values(revision=tick(session), revised_by=None, dirty=True)
    )


def bury(session: Session, block_id: int) -> None:
    """Remember a block about to be deleted (the caller deletes it)."""
    row = session.execute(
        select(BLOCKS.c.uid, BLOCKS.c.device_id).where(BLOCKS.c.id == block_id)
    ).first()
    if row is None:
        return
    session.execute(
        insert(TOMBSTONES).values(
            uid=row.uid,
            device_id=row.device_id,
            revision=tick(session),
            revised_by=None,
            dirty=True,
        )
    )


def history_mark(session: Session) -> tuple[int, ...]:
    """Counts and sums of the finished blocks' and the tombstones' revisions: they change
    with any finished block, and not with the running one (see :meth:`Store.history_mark`)."""
    finished = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(BLOCKS.c.revision), 0),
            func.max(BLOCKS.c.id),
        ).where(BLOCKS.c.end_utc.is_not(None))
    ).one()
    gone = session.execute(
        select(func.count(), func.coalesce(func.sum(TOMBSTONES.c.revision), 0))
    ).one()
    return (*(int(v or 0) for v in finished), *(int(v or 0) for v in gone))


def replace_tombstones(
    session: Session, uids: Sequence[str], deleted: Sequence[dict[str, Any]]
) -> None:
    """The deletions pulled for ``uids`` (any tombstone of theirs here goes first)."""
    session.execute(delete(TOMBSTONES).where(TOMBSTONES.c.uid.in_(uids)))
    if deleted:
        session.execute(insert(TOMBSTONES), deleted)

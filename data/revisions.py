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

from sqlalchemy import BigInteger, Connection, bindparam, case, delete, func, insert, select, update

from data.tables import BLOCKS, DEVICES, TOMBSTONES

_SEEN = bindparam("seen", type_=BigInteger)
_TICK = (
    update(DEVICES)
    .values(clock=case((DEVICES.c.clock > _SEEN, DEVICES.c.clock), else_=_SEEN) + 1)
    .returning(DEVICES.c.clock)
)
_TOUCH = (
    update(BLOCKS)
    .where(BLOCKS.c.id == bindparam("block"))
    .values(revision=bindparam("revision"), revised_by=None, dirty=True)
)
"""Every write runs these, built once (SQLAlchemy takes longer to build a statement than to
run it); the clock moves and is read in one statement."""


def tick(db: Connection, seen: int = 0) -> int:
    """The next revision: one above this device's clock and above ``seen`` (a pulled
    revision), inside the caller's write transaction (which holds the write lock)."""
    now: int = db.execute(_TICK, {"seen": seen}).scalar_one()  # the migration made its row
    return now


def witness(db: Connection, seen: int) -> None:
    """A revision pulled from elsewhere: the clock moves past it, so an edit made here next
    is newer than everything this device has seen."""
    db.execute(update(DEVICES).where(DEVICES.c.clock < seen).values(clock=seen))


def touch(db: Connection, block_id: int) -> None:
    db.execute(_TOUCH, {"block": block_id, "revision": tick(db)})


def touch_tombstone(db: Connection, uid: str) -> None:
    """A deletion made again here (a new revision, to be pushed), as :func:`touch` a block."""
    db.execute(
        update(TOMBSTONES)
        .where(TOMBSTONES.c.uid == uid)
        .values(revision=tick(db), revised_by=None, dirty=True)
    )


def bury(db: Connection, block_id: int) -> None:
    """Remember a block about to be deleted (the caller deletes it)."""
    row = db.execute(
        select(BLOCKS.c.uid, BLOCKS.c.device_id).where(BLOCKS.c.id == block_id)
    ).first()
    if row is None:
        return
    db.execute(
        insert(TOMBSTONES).values(
            uid=row.uid,
            device_id=row.device_id,
            revision=tick(db),
            revised_by=None,
            dirty=True,
        )
    )


def history_mark(db: Connection) -> tuple[int, ...]:
    """Counts and sums of the finished blocks' and the tombstones' revisions: they change
    with any finished block, and not with the running one (see :meth:`Store.history_mark`)."""
    finished = db.execute(
        select(
            func.count(),
            func.coalesce(func.sum(BLOCKS.c.revision), 0),
            func.max(BLOCKS.c.id),
        ).where(BLOCKS.c.end_utc.is_not(None))
    ).one()
    gone = db.execute(select(func.count(), func.coalesce(func.sum(TOMBSTONES.c.revision), 0))).one()
    return (*(int(v or 0) for v in finished), *(int(v or 0) for v in gone))


def replace_tombstones(
    db: Connection, uids: Sequence[str], deleted: Sequence[dict[str, Any]]
) -> None:
    """The deletions pulled for ``uids`` (any tombstone of theirs here goes first)."""
    db.execute(delete(TOMBSTONES).where(TOMBSTONES.c.uid.in_(uids)))
    if deleted:
        db.execute(insert(TOMBSTONES), deleted)

"""The one mapping between a block and its rows, used by every writer (the readers are
:mod:`data.reading`).

It is also the only writer of the block, pause and interruption tables, and so the only
caller of the revision bookkeeping (:mod:`data.revisions`): whatever writes a block through
here gives it a new revision and marks it for the next push, or leaves a tombstone when it
goes. Nothing else has to remember to.

The zone rule, decided once: a block, each of its pauses and each of its interruptions carry
the IANA zone in force when each was recorded (a pause taken after a flight carries the new
zone, its block the old one). An import records a whole block, its pauses and its
interruptions, in the effective zone of the import (``--tz``, ``FLOWTALLY_TZ``, the setting,
the system): the interchange format carries offsets, not zones.
"""

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, delete, insert, select, update

from data import revisions
from data.bulk import insert_rows, new_uids
from data.reading import load_one
from data.tables import (
    BLOCKS,
    CHECKINS,
    DEVICES,
    INTERRUPTIONS,
    LOOSE_PRESSES,
    PAUSES,
    TOMBSTONES,
)
from tracker.model import Block, CheckIn, Interruption, Pause

__all__ = ["BLOCKS", "DEVICES", "INTERRUPTIONS", "LOOSE_PRESSES", "PAUSES", "TOMBSTONES"]
Child = TypeVar("Child", Pause, Interruption, CheckIn)


def block_values(block: Block) -> dict[str, Any]:
    return {
        "start_utc": block.start,
        "end_utc": block.end,
        "running": True if block.end is None else None,
        "task": block.task,
        "timezone": block.timezone,
        "device_id": block.device,
        "interruptions_recorded": block.interruptions_recorded,
        "imported_from": block.imported_from,
    }


def pause_values(pause: Pause, block_id: int) -> dict[str, Any]:
    return {
        "block_id": block_id,
        "start_utc": pause.start,
        "end_utc": pause.end,
        "timezone": pause.timezone,
    }


def interruption_values(interruption: Interruption, block_id: int) -> dict[str, Any]:
    return {
        "block_id": block_id,
        "at_utc": interruption.at,
        "end_utc": interruption.end,
        "kind": interruption.kind.value,
        "source": interruption.source,
        "note": interruption.note,
        "timezone": interruption.timezone,
        "ongoing": True if interruption.ongoing else None,
    }


def checkin_values(checkin: CheckIn, block_id: int) -> dict[str, Any]:
    return {
        "block_id": block_id,
        "at_utc": checkin.at,
        "timezone": checkin.timezone,
        "answer": checkin.answer,
        "stretch_min": checkin.stretch_min,
        "phase": checkin.phase.value,
    }


def save(db: Connection, block: Block) -> Block:
    """Write ``block`` (new when it has no id) with exactly its pauses and interruptions;
    children keep their ids, so a tag chosen in the popup still finds its interruption."""
    if block.id is None:
        block_id: int = db.scalar(insert(BLOCKS).values(block_values(block)).returning(BLOCKS.c.id))
    else:
        block_id = block.id
        db.execute(update(BLOCKS).where(BLOCKS.c.id == block_id).values(block_values(block)))
    _sync(db, PAUSES, block_id, block.pauses, pause_values)
    _sync(db, INTERRUPTIONS, block_id, block.interruptions, interruption_values)
    _sync(db, CHECKINS, block_id, block.checkins, checkin_values)
    revisions.touch(db, block_id)
    saved = load_one(db, block_id)
    assert saved is not None
    return saved


def _sync(
    db: Connection,
    table: Table,
    block_id: int,
    children: Sequence[Child],
    values: Callable[[Child, int], dict[str, Any]],
) -> None:
    """The block's rows in ``table`` made to hold ``children``: only what changed is written
    (saying "I'm back" in a block of forty interruptions changes one row, not forty)."""
    stored = {
        row.id: row._mapping
        for row in db.execute(select(table).where(table.c.block_id == block_id))
    }
    kept = {child.id for child in children if child.id in stored}
    gone = stored.keys() - kept
    if gone:
        db.execute(delete(table).where(table.c.id.in_(gone)))
    for child in children:
        new = values(child, block_id)
        if child.id not in kept:
            db.execute(insert(table).values(new))
        elif any(stored[child.id][name] != value for name, value in new.items()):
            db.execute(update(table).where(table.c.id == child.id).values(new))


def insert_many(db: Connection, blocks: Iterable[Block], first_id: int) -> None:
    """New finished blocks in true batches (ids assigned by the caller, under the write lock:
    RETURNING ids in order would cost one statement per block on SQLite)."""
    numbered = list(enumerate(blocks, first_id))
    revision = revisions.tick(db)  # one change: the import
    block_rows = [{"id": i, "revision": revision, **block_values(b)} for i, b in numbered]
    pause_rows = [pause_values(p, i) for i, b in numbered for p in b.pauses]
    interruption_rows = [interruption_values(x, i) for i, b in numbered for x in b.interruptions]
    tables = ((BLOCKS, block_rows), (PAUSES, pause_rows), (INTERRUPTIONS, interruption_rows))
    for table, rows in tables:
        for row, uid in zip(rows, new_uids(len(rows)), strict=True):
            row["uid"] = uid
        insert_rows(db, table, rows)
    checkin_rows = [checkin_values(c, i) for i, b in numbered for c in b.checkins]
    if checkin_rows:
        db.execute(insert(CHECKINS), checkin_rows)


@dataclass(frozen=True, slots=True)
class Pulled:
    """A finished block pulled from another device: its version's bookkeeping (uid, origin,
    revision) and its records, each with the uid every device knows it by."""

    block: Block
    version: dict[str, Any]
    pauses: Sequence[tuple[Pause, str | None]]
    interruptions: Sequence[tuple[Interruption, str | None]]
    checkins: Sequence[CheckIn] = ()


def replace_pulled(
    db: Connection,
    uids: Sequence[str],
    deleted: Sequence[dict[str, Any]],
    pulled: Sequence[Pulled],
) -> None:
    """The blocks ``uids`` names, as pulled: deleted (``deleted``: their tombstones, as the
    other device sent them) or replaced by ``pulled``, in true batches: a statement per
    table, however many blocks."""
    revisions.replace_tombstones(db, uids, deleted)
    db.execute(delete(BLOCKS).where(BLOCKS.c.uid.in_(uids)))  # with their records
    if pulled:
        _insert_pulled(db, pulled)


def _insert_pulled(db: Connection, pulled: Sequence[Pulled]) -> None:
    db.execute(insert(BLOCKS), [{**block_values(p.block), **p.version} for p in pulled])
    made = select(BLOCKS.c.uid, BLOCKS.c.id).where(
        BLOCKS.c.uid.in_([p.version["uid"] for p in pulled])
    )
    ids: dict[str, int] = {row.uid: row.id for row in db.execute(made)}
    pauses = [
        {**pause_values(pause, ids[p.version["uid"]]), "uid": uid}
        for p in pulled
        for pause, uid in p.pauses
    ]
    interruptions = [
        {**interruption_values(interruption, ids[p.version["uid"]]), "uid": uid}
        for p in pulled
        for interruption, uid in p.interruptions
    ]
    if pauses:
        db.execute(insert(PAUSES), pauses)
    if interruptions:
        db.execute(insert(INTERRUPTIONS), interruptions)
    checkins = [checkin_values(c, ids[p.version["uid"]]) for p in pulled for c in p.checkins]
    if checkins:
        db.execute(insert(CHECKINS), checkins)


def record_uids(db: Connection, block_ids: Sequence[int]) -> Callable[[Pause | Interruption], str]:
    """The uid of each pause and interruption of ``block_ids``, by record."""
    pauses: dict[int, str] = {
        row.id: row.uid
        for row in db.execute(
            select(PAUSES.c.id, PAUSES.c.uid).where(PAUSES.c.block_id.in_(block_ids))
        )
    }
    interruptions: dict[int, str] = {
        row.id: row.uid
        for row in db.execute(
            select(INTERRUPTIONS.c.id, INTERRUPTIONS.c.uid).where(
                INTERRUPTIONS.c.block_id.in_(block_ids)
            )
        )
    }

    def uid(record: Pause | Interruption) -> str:
        assert record.id is not None
        return (pauses if isinstance(record, Pause) else interruptions)[record.id]

    return uid


_NEW_INTERRUPTION = insert(INTERRUPTIONS).returning(INTERRUPTIONS.c.id)
"""A press's insert, built once (the values come with each execution)."""


def insert_interruption(db: Connection, block_id: int, interruption: Interruption) -> int:
    """A new interruption row in ``block_id`` (checked by the caller); its id."""
    new_id: int = db.scalar(_NEW_INTERRUPTION, interruption_values(interruption, block_id))
    revisions.touch(db, block_id)
    return new_id


def remove_interruption(db: Connection, interruption_id: int | None) -> bool:
    """Delete an interruption; false when it is gone already."""
    holder = db.scalar(
        select(INTERRUPTIONS.c.block_id).where(INTERRUPTIONS.c.id == interruption_id)
    )
    if holder is None:
        return False
    db.execute(delete(INTERRUPTIONS).where(INTERRUPTIONS.c.id == interruption_id))
    revisions.touch(db, holder)
    return True


def remove(db: Connection, block_id: int | None) -> bool:
    """Delete a block with its records, leaving its tombstone; false when it is gone."""
    if block_id is None:
        return False
    revisions.bury(db, block_id)
    gone = db.execute(delete(BLOCKS).where(BLOCKS.c.id == block_id))
    return bool(getattr(gone, "rowcount", 0))


def beat(db: Connection, at: datetime) -> bool:
    """The running block's heartbeat (no revision: it is not history); false without one."""
    result = db.execute(update(BLOCKS).where(BLOCKS.c.running.is_(True)).values(heartbeat_utc=at))
    return bool(getattr(result, "rowcount", 0))


def restamp(db: Connection, uid: str) -> None:
    """The block or the deletion ``uid`` names, revised again here, to be pushed anew."""
    block_id = db.scalar(select(BLOCKS.c.id).where(BLOCKS.c.uid == uid))
    if block_id is not None:
        revisions.touch(db, block_id)
    else:
        revisions.touch_tombstone(db, uid)


def renew_identity(db: Connection, uid: str) -> None:
    """The block ``uid`` names, and its records, under new uids: a block of this device's own
    from now on, which a version pulled under the old uid no longer replaces."""
    block_id = db.scalar(select(BLOCKS.c.id).where(BLOCKS.c.uid == uid))
    if block_id is None:
        return
    for child in (PAUSES, INTERRUPTIONS):
        for child_id in db.scalars(select(child.c.id).where(child.c.block_id == block_id)):
            db.execute(update(child).where(child.c.id == child_id).values(uid=str(uuid.uuid4())))
    db.execute(
        update(BLOCKS).where(BLOCKS.c.id == block_id).values(uid=str(uuid.uuid4()), device_id=None)
    )
    revisions.touch(db, block_id)

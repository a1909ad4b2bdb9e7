"""This device's side of sync: its finished blocks as the versions it pushes (one JSON
document each, children with their ids), which of them are sent, and pulled versions applied
where they are newer (:mod:`data.sync`, rules 1, 2 and 4)."""

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from data import revisions
from data.reading import load
from data.rows import Pulled, record_uids, replace_pulled
from data.tables import BLOCKS, TOMBSTONES
from tracker.block_codec import SYNCED, block_document, block_head, checkins_of, records


def documents(db: Connection, me: str, block_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The pushed form of finished blocks: one JSON document each (:data:`SYNCED`), its
    records named by their uids and in their order."""
    if not block_ids:
        return []
    uid = record_uids(db, block_ids)
    heads = {
        row.id: row
        for row in db.execute(
            select(
                BLOCKS.c.id,
                BLOCKS.c.uid,
                BLOCKS.c.device_id,
                BLOCKS.c.revision,
                BLOCKS.c.revised_by,
            ).where(BLOCKS.c.id.in_(block_ids))
        )
    }
    result = []
    for block in load(db, select(BLOCKS.c.id).where(BLOCKS.c.id.in_(block_ids))):
        document = block_document(block, SYNCED, uid)
        for named in (document["pauses"], document["interruptions"]):
            named.sort(key=lambda record: record["uid"])
        assert block.id is not None
        result.append(_version(heads[block.id], me, json.dumps(document, sort_keys=True)))
    return result


def _version(row: Any, me: str, document: str | None) -> dict[str, Any]:
    """A block's version as pushed (``document`` ``None``: its deletion), with this device's
    id where the row says "this one"."""
    return {
        "uid": row.uid,
        "device_id": row.device_id or me,
        "revision": row.revision,
        "revised_by": row.revised_by or me,
        "deleted": document is None,
        "document": document,
    }


# ---------------------------------------------------------------- the two directions


def push_list(db: Connection, me: str, everything: bool) -> list[dict[str, Any]]:
    """What to push: the changes not pushed yet, or, to a target this device has not
    synced with before (a new server, a team joined), every finished block it holds."""
    finished = select(BLOCKS.c.id).where(BLOCKS.c.end_utc.is_not(None))
    ids = list(db.scalars(finished if everything else finished.where(BLOCKS.c.dirty)))
    pushed = documents(db, me, ids)
    tombstones = db.execute(
        select(TOMBSTONES) if everything else select(TOMBSTONES).where(TOMBSTONES.c.dirty)
    )
    pushed.extend(_version(row, me, None) for row in tombstones)
    return pushed


def mark_pushed(db: Connection, pushed: list[dict[str, Any]]) -> None:
    """Pushed versions are clean here, unless they changed since they were read."""
    for table, deleted in ((BLOCKS, False), (TOMBSTONES, True)):
        done = [
            {"pushed_uid": item["uid"], "pushed_revision": item["revision"]}
            for item in pushed
            if item["deleted"] is deleted
        ]
        if done:
            db.execute(
                update(table)
                .where(
                    table.c.uid == bindparam("pushed_uid"),
                    table.c.revision == bindparam("pushed_revision"),
                )
                .values(dirty=False),
                done,
            )


def _local_versions(db: Connection, uids: Sequence[str], me: str) -> dict[str, tuple[int, str]]:
    """The version here of each of ``uids`` that is here (a block or a tombstone)."""
    found: dict[str, tuple[int, str]] = {}
    for table in (BLOCKS, TOMBSTONES):
        for row in db.execute(
            select(table.c.uid, table.c.revision, table.c.revised_by).where(table.c.uid.in_(uids))
        ):
            found[row.uid] = (row.revision, row.revised_by or me)
    return found


def apply(db: Connection, me: str, rows: Sequence[Any]) -> int:
    """Pulled versions, each applied if it is newer than what is here (rule 2), in the
    caller's one transaction; how many were. A batch costs a handful of statements, however
    many blocks it holds."""
    if not rows:
        return 0
    revisions.witness(db, max(row.revision for row in rows))
    newer = _newer(db, me, rows)
    if not newer:
        return 0
    deleted = [_version_row(row, me) for row in newer.values() if row.deleted]
    pulled = [_pulled(row, me) for row in newer.values() if not row.deleted]
    replace_pulled(db, list(newer), deleted, pulled)
    return len(newer)


def _newer(db: Connection, me: str, rows: Sequence[Any]) -> dict[str, Any]:
    """The pulled versions newer than what is here, by block uid."""
    here = _local_versions(db, [row.uid for row in rows], me)
    newer = {}
    for row in rows:  # in seq order: a later number for the same block is its later version
        if row.uid not in here or (row.revision, row.revised_by) > here[row.uid]:
            newer[row.uid] = row
            here[row.uid] = (row.revision, row.revised_by)
    return newer


def _version_row(row: Any, me: str) -> dict[str, Any]:
    """A pulled version's bookkeeping, with ``None`` where it is this device's own."""
    return {
        "uid": row.uid,
        "device_id": None if row.device_id == me else row.device_id,
        "revision": row.revision,
        "revised_by": None if row.revised_by == me else row.revised_by,
        "dirty": False,
    }


def _pulled(row: Any, me: str) -> Pulled:
    document = json.loads(row.document)
    head = block_head(document)
    pauses, interruptions = records(document, head.timezone)
    checkins = checkins_of(document, head.timezone)
    return Pulled(head, _version_row(row, me), pauses, interruptions, checkins)

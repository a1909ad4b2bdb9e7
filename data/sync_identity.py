"""Whether this device and its sync target are the ones that spoke last, and what to do when
they are not.

Both sides count the device's syncs: the target in its device row, the device in its own
``devices.syncs``, each written by every sync. At the start of a sync (under the person's lock)
the two counts are compared:

- **Equal**: nothing happened in between. The sync goes on.
- **The target's is behind, or it has no row for this device**: the target lost changes (it
  was restored from an older dump, or made anew). Its numbering of versions may have
  restarted, and blocks this device marked as sent may be gone: the device pulls from the
  start and sends everything it holds again (the target keeps what it has that is newer).
- **The target's is ahead**: another machine synced with this device's id since (a copy of
  this machine's files, or this very database restored from a backup). Two machines with one
  id would never pull each other's changes, and each would think its edits sent when the
  other's had won. The device takes a new id, pulls everything (its own former id's versions
  included, so a restored file gets its later work back) and sends what the target lacks.
  Its unsent edits are kept: one the target has a newer version of gives way to it (the
  later work of a restored file); one that has the very same revision as a different version
  on the target (the same moment edited on two copies) is kept as a block of its own beside
  it, shown as overlapping, so that neither edit is lost.
- **The id belongs to another person** (a team member's machine handed on to another
  member): the device takes a new id, as above.

A sync cut off after the target counted it but before the device did makes the next one look
like the third case: the device then takes a new id for nothing, and loses nothing.
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import Connection, text, true, update

from data import revisions, rows
from data.tables import BLOCKS, DEVICES, TOMBSTONES
from tracker.i18n import _


class Drift(Enum):
    TARGET_LOST = "target lost"
    COPIED = "copied"
    TAKEN = "taken"

    @property
    def said(self) -> str:
        """What the user is told, once, by the sync that recovered."""
        if self is Drift.TARGET_LOST:
            return _(
                "The sync target had lost changes (restored from a backup, or made anew): "
                "everything was pulled again, and what it lacked was sent again."
            )
        if self is Drift.COPIED:
            return _(
                "Another machine synced with this device's id (a copy of this machine, or "
                "its database restored from a backup): this device now syncs with an id of "
                "its own, and took back everything the target held; nothing was lost."
            )
        return _(
            "This device's id belonged to someone else on the sync target (a machine handed "
            "on?): it now syncs with an id of its own."
        )


@dataclass(frozen=True, slots=True)
class Held:
    """The target's version of a block."""

    revision: int
    revised_by: str
    document: str | None


@dataclass(slots=True)
class Diverged(Exception):
    """The counts disagree: the local side must recover (:func:`recover`), then sync again."""

    drift: Drift
    top: int = 0
    """The highest revision the target holds of the person's."""
    held: dict[str, Held] = field(default_factory=dict)
    """The target's versions of the blocks this device has unsent edits of."""


def check(
    connection: Connection,
    me: str,
    person: str,
    known: int | None,
    new_target: bool,
    pushed: Sequence[dict[str, Any]],
) -> int:
    """Compare the two counts (inside the sync's first server transaction, under the person's
    lock); the count this sync makes, or :class:`Diverged`."""
    row = connection.execute(
        text("SELECT syncs FROM flowtally_sync_devices WHERE device_id = :d"), {"d": me}
    ).first()
    if row is None:
        free = connection.execute(
            text(
                "INSERT INTO flowtally_sync_devices (device_id, person_id, name, syncs) "
                "VALUES (:d, :p, '', 0) ON CONFLICT DO NOTHING RETURNING 1"
            ),
            {"d": me, "p": person},
        ).first()
        if free is None:  # a row this person may not see: someone else's
            raise Diverged(Drift.TAKEN, _top(connection, person))
        if not new_target and known is not None:
            raise Diverged(Drift.TARGET_LOST)
        return 1
    held: int | None = row.syncs
    if new_target or held == known:
        return (held or 0) + 1
    if held is None or (known is not None and held < known):
        raise Diverged(Drift.TARGET_LOST)
    mine = [item["uid"] for item in pushed if item["revised_by"] == me]
    versions = connection.execute(
        text(
            "SELECT uid, revision, revised_by, document FROM flowtally_sync_blocks "
            "WHERE person_id = :p AND uid = ANY(:u)"
        ),
        {"p": person, "u": mine},
    ).all()
    raise Diverged(
        Drift.COPIED,
        _top(connection, person),
        {v.uid: Held(v.revision, v.revised_by, v.document) for v in versions},
    )


def _top(connection: Connection, person: str) -> int:
    top: int = connection.execute(
        text("SELECT coalesce(max(revision), 0) FROM flowtally_sync_blocks WHERE person_id = :p"),
        {"p": person},
    ).scalar_one()
    return top


def recover(db: Connection, me: str, diverged: Diverged, pushed: Sequence[dict[str, Any]]) -> None:
    """Make this device ready to sync again as on a new target (in the caller's local
    transaction): with a new id unless only the target went back."""
    forget = {"target": None, "pulled_seq": 0, "syncs": None}
    if diverged.drift is Drift.TARGET_LOST:
        db.execute(update(DEVICES).values(**forget))
        return
    revisions.witness(db, diverged.top)
    unsent: list[tuple[Any, str]] = []
    beside: list[str] = []
    for item in pushed:
        if item["revised_by"] != me:
            continue
        held = diverged.held.get(item["uid"])
        table = TOMBSTONES if item["deleted"] else BLOCKS
        if held is None or (item["revision"], me) > (held.revision, held.revised_by):
            unsent.append((table, item["uid"]))  # the target lacks it: it goes as new
        elif (held.revision, held.revised_by) == (item["revision"], me) and _differs(item, held):
            beside.append(item["uid"])
        else:  # the target's is newer: the pull brings it
            db.execute(
                update(table).where(table.c.uid == item["uid"]).values(revision=0, dirty=False)
            )
    for table in (BLOCKS, TOMBSTONES):  # what the former id made is its, explicitly
        finished = table.c.end_utc.is_not(None) if table is BLOCKS else true()
        mine = [uid for t, uid in unsent if t is table] + (beside if table is BLOCKS else [])
        theirs = finished & table.c.uid.not_in(mine)
        db.execute(update(table).where(theirs, table.c.device_id.is_(None)).values(device_id=me))
        db.execute(update(table).where(theirs, table.c.revised_by.is_(None)).values(revised_by=me))
    db.execute(update(DEVICES).values(device_id=str(uuid.uuid4()), **forget))
    for _table, uid in unsent:
        rows.restamp(db, uid)
    for uid in beside:
        rows.renew_identity(db, uid)


def _differs(item: dict[str, Any], held: Held) -> bool:
    if item["document"] is None or held.document is None:
        return False
    differs: bool = json.loads(item["document"]) != json.loads(held.document)
    return differs

"""Local-first sync: this device's SQLite file stays the store the app writes to, and
``sync`` exchanges finished blocks with a PostgreSQL target that belongs to one person.

The design, in four rules:

1. **The unit is a finished block**, with its pauses and interruptions, as one JSON
   document keyed by the block's global id. A running block stays on its device until it
   is stopped (it changes every minute; another device has nothing to do with it yet).
2. **Every version carries ``(revision, revised_by)``**: a Lamport revision (see
   :mod:`data.revisions`) and the device that made it. Of two versions the higher pair
   wins, on the server (an upsert that only ever moves forward) and on every device (a pull
   applies only what is newer). A deletion is a version too (a tombstone). Whatever order
   pushes and pulls happen in, every device ends with the same winner for every block.
3. **The server numbers what it accepts** (``seq``, from one sequence, under a per-person
   advisory lock), so a pull asks for "everything after the last number I saw": a sync with
   nothing new is one query each way.
4. **Nothing is half-done.** A push is one server transaction; only after it committed are
   the pushed versions marked clean here (and only if they did not change meanwhile), so a
   push cut short is pushed again, harmlessly. A pull is applied in one local transaction,
   with the new position: all of it, or none.

The target belongs to one person: the first device to sync records its person there;
every later device that syncs to it becomes that person's.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from data import engine as engines
from data import remote as servers
from data import revisions, team_days
from data import sync_identity as identity
from data import team as teams
from data.errors import StoreError
from data.sync_tables import HISTORY_COLUMN, OWNER_TABLE, REMOTE_SCHEMA
from data.tables import BLOCKS, DEVICES, INTERRUPTIONS, PAUSES, PEERS, TOMBSTONES
from tracker.i18n import _
from tracker.team import Lens

NAME_DEVICE = text(
    """INSERT INTO flowtally_sync_devices (device_id, person_id, name, syncs)
    VALUES (:d, :p, :n, :syncs)
    ON CONFLICT (device_id) DO UPDATE SET person_id = excluded.person_id, name = excluded.name,
        syncs = excluded.syncs"""
)
UPSERT = text(
    """INSERT INTO flowtally_sync_blocks
        (uid, person_id, device_id, revision, revised_by, deleted, document, seq)
    VALUES (:uid, :person_id, :device_id, :revision, :revised_by, :deleted, :document,
        (SELECT coalesce(max(seq), 0) + 1 FROM flowtally_sync_blocks WHERE person_id = :person_id))
    ON CONFLICT (uid) DO UPDATE SET
        device_id = excluded.device_id, revision = excluded.revision,
        revised_by = excluded.revised_by, deleted = excluded.deleted,
        document = excluded.document, seq = excluded.seq
    WHERE (excluded.revision, excluded.revised_by)
        > (flowtally_sync_blocks.revision, flowtally_sync_blocks.revised_by)"""
)
PULL_BATCH = 2000


@dataclass(frozen=True, slots=True)
class SyncResult:
    pushed: int
    pulled: int
    at: datetime
    team: str | None = None
    """The team whose database the target is."""
    recovered: str | None = None
    """What this sync found and mended: the target or this device not the ones that spoke
    last (:mod:`data.sync_identity`), in one sentence."""


@dataclass(frozen=True, slots=True)
class SyncState:
    """Where sync stands, for ``status``: when it last succeeded, what waits to be pushed,
    and why the last attempt failed (``None`` when it did not)."""

    target: str | None
    synced: datetime | None
    waiting: int
    problem: str | None
    team: str | None = None


def target_key(url: str) -> str:
    """The target as the device remembers it: never its password (a hash of the rest)."""
    shown = engines.describe(engines.normalise_url(url))
    return hashlib.sha256(shown.encode()).hexdigest()[:40]


def state(session: Session) -> SyncState:
    device = session.execute(select(DEVICES)).one()
    waiting = (
        session.scalar(
            select(func.count())
            .select_from(BLOCKS)
            .where(BLOCKS.c.dirty.is_(True), BLOCKS.c.end_utc.is_not(None))
        )
        or 0
    ) + (
        session.scalar(select(func.count()).select_from(TOMBSTONES).where(TOMBSTONES.c.dirty)) or 0
    )
    return SyncState(device.target, device.synced_utc, waiting, device.sync_problem, device.team)


# ---------------------------------------------------------------- documents


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def documents(session: Session, me: str, block_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The pushed form of finished blocks: one JSON document each, children with their ids."""
    if not block_ids:
        return []
    pauses: dict[int, list[dict[str, Any]]] = {}
    for row in session.execute(select(PAUSES).where(PAUSES.c.block_id.in_(block_ids))):
        pauses.setdefault(row.block_id, []).append(
            {
                "uid": row.uid,
                "start": _iso(row.start_utc),
                "end": _iso(row.end_utc),
                "tz": row.timezone,
            }
        )
    interruptions: dict[int, list[dict[str, Any]]] = {}
    for row in session.execute(
        select(INTERRUPTIONS).where(INTERRUPTIONS.c.block_id.in_(block_ids))
    ):
        interruptions.setdefault(row.block_id, []).append(
            {
                "uid": row.uid,
                "at": _iso(row.at_utc),
                "end": _iso(row.end_utc),
                "kind": row.kind,
                "source": row.source,
                "note": row.note,
                "tz": row.timezone,
            }
        )
    result = []
    for row in session.execute(select(BLOCKS).where(BLOCKS.c.id.in_(block_ids))):
        document = {
            "start": _iso(row.start_utc),
            "end": _iso(row.end_utc),
            "task": row.task,
            "tz": row.timezone,
            "pauses": sorted(pauses.get(row.id, []), key=lambda p: p["uid"]),
            "interruptions": sorted(interruptions.get(row.id, []), key=lambda i: i["uid"]),
        }
        result.append(_version(row, me, json.dumps(document, sort_keys=True)))
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


def _push_list(session: Session, me: str, everything: bool) -> list[dict[str, Any]]:
    """What to push: the changes not pushed yet, or, to a target this device has not
    synced with before (a new server, a team joined), every finished block it holds."""
    finished = select(BLOCKS.c.id).where(BLOCKS.c.end_utc.is_not(None))
    ids = list(session.scalars(finished if everything else finished.where(BLOCKS.c.dirty)))
    pushed = documents(session, me, ids)
    tombstones = session.execute(
        select(TOMBSTONES) if everything else select(TOMBSTONES).where(TOMBSTONES.c.dirty)
    )
    pushed.extend(_version(row, me, None) for row in tombstones)
    return pushed


def _mark_pushed(session: Session, pushed: list[dict[str, Any]]) -> None:
    """Pushed versions are clean here, unless they changed since they were read."""
    for table, deleted in ((BLOCKS, False), (TOMBSTONES, True)):
        done = [
            {"pushed_uid": item["uid"], "pushed_revision": item["revision"]}
            for item in pushed
            if item["deleted"] is deleted
        ]
        if done:
            session.execute(
                update(table)
                .where(
                    table.c.uid == bindparam("pushed_uid"),
                    table.c.revision == bindparam("pushed_revision"),
                )
                .values(dirty=False),
                done,
            )


def _local_versions(session: Session, uids: Sequence[str], me: str) -> dict[str, tuple[int, str]]:
    """The version here of each of ``uids`` that is here (a block or a tombstone)."""
    found: dict[str, tuple[int, str]] = {}
    for table in (BLOCKS, TOMBSTONES):
        for row in session.execute(
            select(table.c.uid, table.c.revision, table.c.revised_by).where(table.c.uid.in_(uids))
        ):
            found[row.uid] = (row.revision, row.revised_by or me)
    return found


def apply(session: Session, me: str, rows: Sequence[Any]) -> int:
    """Pulled versions, each applied if it is newer than what is here (rule 2), in the
    caller's one transaction; how many were. A batch costs a handful of statements, however
    many blocks it holds."""
    if not rows:
        return 0
    revisions.witness(session, max(row.revision for row in rows))
    here = _local_versions(session, [row.uid for row in rows], me)
    newer = {}
    for row in rows:  # in seq order: a later number for the same block is its later version
        if row.uid not in here or (row.revision, row.revised_by) > here[row.uid]:
            newer[row.uid] = row
            here[row.uid] = (row.revision, row.revised_by)
    if not newer:
        return 0
    uids = list(newer)
    session.execute(delete(TOMBSTONES).where(TOMBSTONES.c.uid.in_(uids)))
    session.execute(delete(BLOCKS).where(BLOCKS.c.uid.in_(uids)))  # with their records
    tombstones, blocks, children = [], [], []
    for row in newer.values():
        mine = None if row.revised_by == me else row.revised_by
        origin = None if row.device_id == me else row.device_id
        if row.deleted:
            tombstones.append(
                {
                    "uid": row.uid,
                    "device_id": origin,
                    "revision": row.revision,
                    "revised_by": mine,
                    "dirty": False,
                }
            )
            continue
        document = json.loads(row.document)
        blocks.append(
            {
                "start_utc": _when(document["start"]),
                "end_utc": _when(document["end"]),
                "running": None,
                "task": document["task"],
                "timezone": document["tz"],
                "uid": row.uid,
                "device_id": origin,
                "revision": row.revision,
                "revised_by": mine,
                "dirty": False,
            }
        )
        children.append(document)
    if tombstones:
        session.execute(insert(TOMBSTONES), tombstones)
    if blocks:
        session.execute(insert(BLOCKS), blocks)
        made = select(BLOCKS.c.uid, BLOCKS.c.id).where(BLOCKS.c.uid.in_([b["uid"] for b in blocks]))
        ids: dict[str, int] = {row.uid: row.id for row in session.execute(made)}
        pauses = [
            {
                "block_id": ids[b["uid"]],
                "uid": p["uid"],
                "start_utc": _when(p["start"]),
                "end_utc": _when(p["end"]),
                "timezone": p["tz"],
            }
            for b, document in zip(blocks, children, strict=True)
            for p in document["pauses"]
        ]
        interruptions = [
            {
                "block_id": ids[b["uid"]],
                "uid": i["uid"],
                "at_utc": _when(i["at"]),
                "end_utc": _when(i["end"]),
                "kind": i["kind"],
                "source": i["source"],
                "note": i["note"],
                "timezone": i["tz"],
                "ongoing": None,
            }
            for b, document in zip(blocks, children, strict=True)
            for i in document["interruptions"]
        ]
        if pauses:
            session.execute(insert(PAUSES), pauses)
        if interruptions:
            session.execute(insert(INTERRUPTIONS), interruptions)
    return len(newer)


# ---------------------------------------------------------------- the server


@dataclass(frozen=True, slots=True)
class _Target:
    person: str
    """Whose rows this device's are there."""
    team: str | None
    """The team, when the target is a team's database (:mod:`data.team`)."""


def _target(connection: Connection, person_id: str, url: str) -> _Target:
    """Who this device syncs as. On a team's database, the member the connection signs in
    as (who cannot make tables there); on a person's own target, its owner, this device's
    person on a new target, whose tables are made the first time only: a sync with nothing
    new stays a few statements."""
    kind = connection.execute(
        text(
            "SELECT to_regclass('flowtally_team') IS NOT NULL, "
            "to_regclass('flowtally_sync_owner') IS NOT NULL "
            "AND to_regclass('flowtally_sync_devices') IS NOT NULL, "
            "EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'syncs' AND NOT attisdropped "
            "AND attrelid = to_regclass('flowtally_sync_devices'))"
        )
    ).one()
    if kind[0] and not kind[2]:
        raise StoreError(
            _(
                "the team's database was prepared by an older Flowtally: its admin runs "
                "'flowtally team init' again (members and their data are kept)"
            )
        )
    if kind[1] and not kind[2]:
        connection.execute(text(HISTORY_COLUMN))
    if kind[0]:
        found = teams.member(connection)
        if found is None:
            raise teams.not_a_member(url)
        name = connection.execute(text("SELECT name FROM flowtally_team")).scalar_one()
        return _Target(found[0], name)
    owner = (
        connection.execute(text("SELECT person_id FROM flowtally_sync_owner")).scalar()
        if kind[1]
        else None
    )
    if owner is not None:
        return _Target(owner, None)
    for statement in (OWNER_TABLE, *REMOTE_SCHEMA):
        connection.execute(text(statement))
    connection.execute(
        text("INSERT INTO flowtally_sync_owner (person_id) VALUES (:p) ON CONFLICT DO NOTHING"),
        {"p": person_id},
    )
    made: str = connection.execute(text("SELECT person_id FROM flowtally_sync_owner")).scalar_one()
    return _Target(made, None)


def _pull_batch(remote: Engine, owner: str, me: str, after: int) -> tuple[Sequence[Any], int]:
    """The next versions after ``after``, less the ones this device made (it has them, or
    newer: its own revisions only grow), and the position to ask from next time."""
    with remote.begin() as connection:
        servers.locked(connection, owner)
        rows = connection.execute(
            text(
                "SELECT uid, device_id, revision, revised_by, deleted, document, seq "
                "FROM flowtally_sync_blocks WHERE person_id = :p AND seq > :after "
                "AND revised_by <> :me ORDER BY seq LIMIT :n"
            ),
            {"p": owner, "after": after, "n": PULL_BATCH, "me": me},
        ).all()
        if len(rows) == PULL_BATCH:
            return rows, rows[-1].seq
        top = connection.execute(
            text("SELECT coalesce(max(seq), 0) FROM flowtally_sync_blocks WHERE person_id = :p"),
            {"p": owner},
        ).scalar_one()
        return rows, max(int(top), after)


def rename(session: Session, name: str) -> None:
    session.execute(update(DEVICES).values(name=name.strip()[:200]))


def sync(
    local: Engine,
    url: str,
    writer: Engine | None = None,
    device_name: str | None = None,
    person_name: str | None = None,
    lens: Lens | None = None,
) -> SyncResult:
    """Push this device's changes to ``url`` and pull the person's others (rules 1 to 4).

    ``local``: the store's engine (``writer``: the same, with its write option);
    ``device_name``: what this device is to be called, when the user named it;
    ``person_name``: the person's display name, kept with the target; ``lens``: the
    person's settings, which a team's database needs to count their days with
    (:mod:`data.team`; without it, no day is counted). A failure of the server is a
    :class:`StoreError` saying so, also kept for ``status``; this device's data is never
    touched by it. A target or a device that is not the one that spoke last (restored,
    copied, made anew: :mod:`data.sync_identity`) is mended here, and the result says so."""
    try:
        return _sync(local, url, writer, device_name, person_name, lens)
    except identity.Diverged as diverged:
        drift = diverged.drift
        with Session(writer or local) as session, session.begin():
            me = session.execute(select(DEVICES.c.device_id)).scalar_one()
            identity.recover(session, me, diverged, _push_list(session, me, everything=False))
    again = _sync(local, url, writer, device_name, person_name, lens)
    return replace(again, recovered=drift.said)


def _sync(
    local: Engine,
    url: str,
    writer: Engine | None,
    device_name: str | None,
    person_name: str | None,
    lens: Lens | None,
) -> SyncResult:
    write_engine = writer or local
    with Session(local) as session, session.begin():
        named = session.execute(select(DEVICES.c.name)).scalar_one()
    if device_name and device_name.strip()[:200] != named:
        with Session(write_engine) as session, session.begin():
            rename(session, device_name)
    with Session(local) as session, session.begin():
        device = session.execute(select(DEVICES)).one()
        me = device.device_id
        key = target_key(url)
        new_target = device.target != key
        position = 0 if new_target else device.pulled_seq
        pushed = _push_list(session, me, everything=new_target)
    try:
        with servers.connected(url) as remote:
            with servers.talking_to(url), remote.begin() as connection:
                target = _target(connection, device.person_id, url)
                owner = target.person
                servers.locked(connection, owner)
                count = identity.check(connection, me, owner, device.syncs, new_target, pushed)
                if pushed:  # one batch: psycopg pipelines it
                    if target.team is not None and lens is not None:
                        team_days.mark_stale(connection, owner, lens, pushed)
                    connection.execute(UPSERT, [{**item, "person_id": owner} for item in pushed])
                connection.execute(
                    NAME_DEVICE, {"d": me, "p": owner, "n": device.name, "syncs": count}
                )
                if person_name and target.team is None:
                    connection.execute(
                        text(
                            "UPDATE flowtally_sync_owner SET name = :n "
                            "WHERE name IS DISTINCT FROM :n"
                        ),
                        {"n": person_name.strip()},
                    )
                peers = connection.execute(
                    text(
                        "SELECT device_id, name FROM flowtally_sync_devices "
                        "WHERE person_id = :p AND device_id <> :d"
                    ),
                    {"p": owner, "d": me},
                ).all()
            if pushed or new_target or device.person_id != owner or device.team != target.team:
                with Session(write_engine) as session, session.begin():
                    _mark_pushed(session, pushed)
                    session.execute(
                        update(DEVICES).values(
                            person_id=owner, target=key, team=target.team, syncs=count
                        )
                    )
            pulled = 0
            while True:
                with servers.talking_to(url):
                    rows, reached = _pull_batch(remote, owner, me, position)
                if reached != position or new_target:
                    with Session(write_engine) as session, session.begin():
                        pulled += apply(session, me, rows)
                        session.execute(update(DEVICES).values(pulled_seq=reached))
                    position, new_target = reached, False
                if len(rows) < PULL_BATCH:
                    break
            if target.team is not None and lens is not None:
                with servers.talking_to(url):
                    team_days.publish(remote, local, owner, lens)
    except StoreError as problem:
        with Session(write_engine) as session, session.begin():
            session.execute(update(DEVICES).values(sync_problem=str(problem)))
        raise
    now = datetime.now(UTC)
    with Session(write_engine) as session, session.begin():
        session.execute(update(DEVICES).values(synced_utc=now, sync_problem=None, syncs=count))
        _remember_peers(session, {row.device_id: row.name for row in peers})
    return SyncResult(len(pushed), pulled, now, target.team)


def _remember_peers(session: Session, names: dict[str, str]) -> None:
    known = {row.device_id: row.name for row in session.execute(select(PEERS))}
    if known == names:
        return
    session.execute(delete(PEERS))
    if names:
        session.execute(insert(PEERS), [{"device_id": d, "name": n} for d, n in names.items()])


def device_names(session: Session) -> dict[str | None, str]:
    """What each device is called: ``None`` is this one, the others by id (a device sync
    has not named yet is not here)."""
    names: dict[str | None, str] = {
        row.device_id: row.name for row in session.execute(select(PEERS))
    }
    names[None] = session.execute(select(DEVICES.c.name)).scalar_one()
    return names

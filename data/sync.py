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
every later device that syncs to it becomes that person's. This module is the conversation
with the server; the device's own side (its versions out, pulled ones in) is
:mod:`data.sync_versions`, and what a restored, copied or new target or device means is
:mod:`data.sync_identity`.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from data import engine as engines
from data import remote as servers
from data import sync_identity as identity
from data import sync_versions as versions
from data import team as teams
from data import team_days
from data.errors import StoreError
from data.sync_tables import (
    HISTORY_COLUMN,
    NAME_DEVICE,
    OWNER_TABLE,
    PEER_NAMES,
    REMOTE_SCHEMA,
    RENAME_OWNER,
    UPSERT,
)
from data.tables import BLOCKS, DEVICES, PEERS, TOMBSTONES
from tracker import clock
from tracker.i18n import _
from tracker.team import Lens

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


def state(db: Connection) -> SyncState:
    device = db.execute(select(DEVICES)).one()
    waiting = (
        db.scalar(
            select(func.count())
            .select_from(BLOCKS)
            .where(BLOCKS.c.dirty.is_(True), BLOCKS.c.end_utc.is_not(None))
        )
        or 0
    ) + (db.scalar(select(func.count()).select_from(TOMBSTONES).where(TOMBSTONES.c.dirty)) or 0)
    return SyncState(device.target, device.synced_utc, waiting, device.sync_problem, device.team)


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


def rename(db: Connection, name: str) -> None:
    db.execute(update(DEVICES).values(name=name.strip()[:200]))


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
        with (writer or local).begin() as db:
            me = db.execute(select(DEVICES.c.device_id)).scalar_one()
            unsent = versions.push_list(db, me, everything=False)
            identity.recover(db, me, diverged, unsent)
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
    device, pushed = _outgoing(local, write_engine, url, device_name)
    me, new_target = device.device_id, device.target != target_key(url)
    try:
        with servers.connected(url) as remote:
            with servers.talking_to(url), remote.begin() as connection:
                target = _target(connection, device.person_id, url)
                owner = target.person
                servers.locked(connection, owner)
                count = identity.check(connection, me, owner, device.syncs, new_target, pushed)
                _push(connection, device, owner, count, pushed, target.team, lens)
                if person_name and target.team is None:
                    connection.execute(RENAME_OWNER, {"n": person_name.strip()})
                peers = connection.execute(PEER_NAMES, {"p": owner, "d": me}).all()
            if pushed or new_target or device.person_id != owner or device.team != target.team:
                with write_engine.begin() as db:
                    versions.mark_pushed(db, pushed)
                    db.execute(
                        update(DEVICES).values(
                            person_id=owner, target=target_key(url), team=target.team, syncs=count
                        )
                    )
            position = 0 if new_target else device.pulled_seq
            pulled = _pull(remote, url, write_engine, owner, me, position, new_target)
            if target.team is not None and lens is not None:
                with servers.talking_to(url):
                    team_days.publish(remote, local, owner, lens)
    except StoreError as problem:
        with write_engine.begin() as db:
            db.execute(update(DEVICES).values(sync_problem=str(problem)))
        raise
    now = clock.now()
    with write_engine.begin() as db:
        db.execute(update(DEVICES).values(synced_utc=now, sync_problem=None, syncs=count))
        _remember_peers(db, {row.device_id: row.name for row in peers})
    return SyncResult(len(pushed), pulled, now, target.team)


def _outgoing(
    local: Engine, write_engine: Engine, url: str, device_name: str | None
) -> tuple[Any, list[dict[str, Any]]]:
    """This device (renamed first, when the user named it anew) and what it pushes: its
    changes, or everything to a target it has not synced with before."""
    with local.begin() as db:
        named = db.execute(select(DEVICES.c.name)).scalar_one()
    if device_name and device_name.strip()[:200] != named:
        with write_engine.begin() as db:
            rename(db, device_name)
    with local.begin() as db:
        device = db.execute(select(DEVICES)).one()
        everything = device.target != target_key(url)
        return device, versions.push_list(db, device.device_id, everything=everything)


def _push(
    connection: Connection,
    device: Any,
    owner: str,
    count: int,
    pushed: list[dict[str, Any]],
    team: str | None,
    lens: Lens | None,
) -> None:
    """The versions pushed in one batch (psycopg pipelines it), and this device's name."""
    if pushed:
        if team is not None and lens is not None:
            team_days.mark_stale(connection, owner, lens, pushed)
        connection.execute(UPSERT, [{**item, "person_id": owner} for item in pushed])
    connection.execute(
        NAME_DEVICE, {"d": device.device_id, "p": owner, "n": device.name, "syncs": count}
    )


def _pull(
    remote: Engine,
    url: str,
    write_engine: Engine,
    owner: str,
    me: str,
    position: int,
    new_target: bool,
) -> int:
    """The person's other devices' versions since ``position``, applied batch by batch;
    how many were."""
    pulled = 0
    while True:
        with servers.talking_to(url):
            rows, reached = _pull_batch(remote, owner, me, position)
        if reached != position or new_target:
            with write_engine.begin() as db:
                pulled += versions.apply(db, me, rows)
                db.execute(update(DEVICES).values(pulled_seq=reached))
            position, new_target = reached, False
        if len(rows) < PULL_BATCH:
            return pulled


def _remember_peers(db: Connection, names: dict[str, str]) -> None:
    known = {row.device_id: row.name for row in db.execute(select(PEERS))}
    if known == names:
        return
    db.execute(delete(PEERS))
    if names:
        db.execute(insert(PEERS), [{"device_id": d, "name": n} for d, n in names.items()])


def device_names(db: Connection) -> dict[str | None, str]:
    """What each device is called: ``None`` is this one, the others by id (a device sync
    has not named yet is not here)."""
    names: dict[str | None, str] = {row.device_id: row.name for row in db.execute(select(PEERS))}
    names[None] = db.execute(select(DEVICES.c.name)).scalar_one()
    return names

"""Blocks read back from their rows, with their pauses and interruptions: what every report,
chart and check reads, so it is made for speed. Four plain queries; their rows are taken as
the database driver gives them and unpacked as tuples, and the times are read here, once:
SQLAlchemy's row objects and its per-value processing cost more than making the model's
objects from the rows (12 weeks of a dense data set: 122 ms through them, 53 ms without, the
query itself 32 ms; ``bench_store``). The rows are written by :mod:`data.rows`.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, and_, or_, select

from data.columns import UTCDateTime
from data.tables import BLOCKS, CHECKINS, INTERRUPTIONS, PAUSES
from tracker.model import Block, CheckIn, Interruption, Pause
from tracker.types import KINDS, Phase

PAUSE_COLUMNS = (
    PAUSES.c.block_id,
    PAUSES.c.start_utc,
    PAUSES.c.end_utc,
    PAUSES.c.timezone,
    PAUSES.c.id,
)
INTERRUPTION_COLUMNS = (
    INTERRUPTIONS.c.block_id,
    INTERRUPTIONS.c.at_utc,
    INTERRUPTIONS.c.end_utc,
    INTERRUPTIONS.c.kind,
    INTERRUPTIONS.c.source,
    INTERRUPTIONS.c.note,
    INTERRUPTIONS.c.timezone,
    INTERRUPTIONS.c.id,
    INTERRUPTIONS.c.ongoing,
)
CHECKIN_COLUMNS = (
    CHECKINS.c.block_id,
    CHECKINS.c.at_utc,
    CHECKINS.c.answer,
    CHECKINS.c.stretch_min,
    CHECKINS.c.phase,
    CHECKINS.c.timezone,
    CHECKINS.c.id,
)
"""What :func:`to_pause`, :func:`to_interruption` and :func:`to_checkin` read, in their
order: a row is unpacked as a tuple, several times faster than reading its fields by name."""
PHASES: dict[object, Phase] = {phase.value: phase for phase in Phase}


Times = Callable[[Any], Any]
"""A stored time, as the driver gives it, to an aware UTC datetime (``None`` to ``None``)."""


def processed(value: Any) -> Any:
    """The time of a row SQLAlchemy has read already: aware and in UTC."""
    return value


def to_pause(row: Sequence[Any], when: Times = processed) -> Pause:
    _, start, end, zone, pause_id = row
    return Pause(when(start), when(end), zone, pause_id)


def to_interruption(row: Sequence[Any], when: Times = processed) -> Interruption:
    _, at, end, kind, source, note, zone, interruption_id, ongoing = row
    return Interruption(
        when(at),
        when(end),
        KINDS[kind],
        source,
        note,
        zone,
        interruption_id,
        bool(ongoing),
    )


def to_checkin(row: Sequence[Any], when: Times = processed) -> CheckIn:
    _, at, answer, stretch_min, phase, zone, checkin_id = row
    return CheckIn(when(at), answer, stretch_min, PHASES[phase], zone, checkin_id)


def times_of(db: Connection) -> Times:
    """How this database's driver gives a stored time: text on SQLite, a naive datetime on
    PostgreSQL."""
    read = UTCDateTime().result_processor(db.dialect, None)
    assert read is not None  # the column type reads every backend's times itself
    return read


def driver_rows(db: Connection, statement: Select[Any]) -> list[Sequence[Any]]:
    """The rows as the driver gives them, without SQLAlchemy's row objects."""
    result = db.execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


Child = TypeVar("Child", Pause, Interruption, CheckIn)


def _by_block(
    db: Connection,
    columns: Sequence[Any],
    order: Any,
    id_query: Select[Any],
    make: Callable[[Sequence[Any], Times], Child],
    when: Times,
) -> dict[int, list[Child]]:
    """A kind of record of the blocks ``id_query`` selects, by block, in each block's order
    (``columns`` start with the block's id)."""
    found: dict[int, list[Child]] = {}
    block_id = columns[0]
    query = select(*columns).where(block_id.in_(id_query)).order_by(block_id, order)
    for row in driver_rows(db, query):
        found.setdefault(row[0], []).append(make(row, when))
    return found


def load(db: Connection, ids: Select[Any]) -> list[Block]:
    """Blocks whose ids ``ids`` selects, with their pauses and interruptions, oldest first.

    Plain queries instead of ORM loading: reports read thousands of rows at a time.
    Children come in their block's order, so the block has nothing to sort.
    """
    id_query = select(ids.subquery())
    when = times_of(db)
    checkins = _by_block(db, CHECKIN_COLUMNS, CHECKINS.c.at_utc, id_query, to_checkin, when)
    pauses = _by_block(db, PAUSE_COLUMNS, PAUSES.c.start_utc, id_query, to_pause, when)
    interruptions = _by_block(
        db, INTERRUPTION_COLUMNS, INTERRUPTIONS.c.at_utc, id_query, to_interruption, when
    )
    blocks = driver_rows(
        db,
        select(
            BLOCKS.c.id,
            BLOCKS.c.start_utc,
            BLOCKS.c.end_utc,
            BLOCKS.c.task,
            BLOCKS.c.timezone,
            BLOCKS.c.device_id,
            BLOCKS.c.interruptions_recorded,
            BLOCKS.c.imported_from,
        )
        .where(BLOCKS.c.id.in_(id_query))
        .order_by(BLOCKS.c.start_utc),
    )
    return [
        Block(
            when(start),
            when(end),
            task,
            tuple(pauses.get(block_id, ())),
            tuple(interruptions.get(block_id, ())),
            zone,
            block_id,
            device,
            tuple(checkins.get(block_id, ())),
            bool(recorded),
            origin,
        )
        for block_id, start, end, task, zone, device, recorded, origin in blocks
    ]


def running_block(db: Connection) -> Block | None:
    blocks = load(db, select(BLOCKS.c.id).where(BLOCKS.c.running.is_(True)))
    return blocks[0] if blocks else None


def load_one(db: Connection, block_id: int) -> Block | None:
    found = load(db, select(BLOCKS.c.id).where(BLOCKS.c.id == block_id))
    return found[0] if found else None


def between(db: Connection, start: datetime, end: datetime) -> list[Block]:
    """Blocks sharing any instant with ``[start, end)``, the running one included: those
    starting inside, and the one before, if it reaches in (blocks of one device never
    overlap, so no other can)."""
    previous = db.scalar(
        select(BLOCKS.c.id)
        .where(BLOCKS.c.start_utc < start)
        .order_by(BLOCKS.c.start_utc.desc())
        .limit(1)
    )
    inside = and_(BLOCKS.c.start_utc >= start, BLOCKS.c.start_utc < end)
    reaching_in = and_(
        BLOCKS.c.id == previous,
        or_(BLOCKS.c.end_utc.is_(None), BLOCKS.c.end_utc > start),
    )
    condition = inside if previous is None else or_(inside, reaching_in)
    return load(db, select(BLOCKS.c.id).where(condition))


def all_checkins(db: Connection) -> list[CheckIn]:
    """Every check-in, oldest first (calibration reads them, without their blocks)."""
    when = times_of(db)
    rows = driver_rows(db, select(*CHECKIN_COLUMNS).order_by(CHECKINS.c.at_utc))
    return [to_checkin(row, when) for row in rows]

"""The hot path of a hotkey press, and the interruptions logged from the CLI: one indexed read
(the running block, its pause in progress, its interruption going on), the row, the block's
revision and its undo step, in one transaction. The statements a press runs are built once:
SQLAlchemy takes longer to build one than to run it.

A press while an interruption is going on adds nothing (the person is still interrupted: it
only brings the popup back); a press while no block runs is kept as a loose press.
"""

from dataclasses import replace
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Connection, and_, insert, select

from data.checked import add_interruption
from data.reading import INTERRUPTION_COLUMNS, PAUSE_COLUMNS, to_interruption, to_pause
from data.rows import BLOCKS, INTERRUPTIONS, LOOSE_PRESSES, PAUSES, insert_interruption
from data.undo_log import record
from tracker import running
from tracker.model import Block, Interruption, LoosePress, Pressed
from tracker.undo import Action

SAME_LOOSE_PRESS = timedelta(minutes=2)
"""With no block running, a press this soon after the last one is that same press (the
popup asking what to do with it is still up): one press is one moment."""


def interrupt(db: Connection, interruption: Interruption, done: datetime) -> Interruption:
    """Log ``interruption`` in the running block, or (backfilling) in the finished block that
    holds its instant. The checks are :func:`tracker.running.interrupt`'s, made against a
    shell of the running block (its start is all they need) and its interruption going on."""
    row = _running(db)
    if row is None or interruption.at < row.start_utc:
        holder = db.scalar(  # this device's block first, else one synced from another
            select(BLOCKS.c.id)
            .where(BLOCKS.c.start_utc <= interruption.at, BLOCKS.c.end_utc > interruption.at)
            .order_by(BLOCKS.c.device_id.is_not(None), BLOCKS.c.start_utc)
            .limit(1)
        )
        if holder is not None:
            added = add_interruption(db, holder, interruption)
            record(db, Action.PRESS, added.at, done, item_id=added.id)
            return added
    running.interrupt(row.shell if row is not None else None, interruption)
    assert row is not None
    return _insert(db, interruption, row.id, done)


def press(db: Connection, interruption: Interruption, done: datetime) -> Pressed:
    """A press at ``interruption.at`` (going on, with its tags, in its zone)."""
    row = _running(db)
    if row is None:
        at, zone_name = interruption.at, interruption.timezone
        last = db.execute(
            select(LOOSE_PRESSES).order_by(LOOSE_PRESSES.c.at_utc.desc()).limit(1)
        ).first()
        if last is not None and timedelta(0) <= at - last.at_utc <= SAME_LOOSE_PRESS:
            return Pressed(None, False, LoosePress(last.at_utc, last.timezone, last.id))
        loose_id = db.scalar(
            insert(LOOSE_PRESSES)
            .values(at_utc=at, timezone=zone_name)
            .returning(LOOSE_PRESSES.c.id)
        )
        record(db, Action.LOOSE, at, done, item_id=loose_id)
        return Pressed(None, True, LoosePress(at, zone_name, loose_id))
    made = running.press(row.shell, interruption)
    if made is None:
        return Pressed(row.shell.open_interruption, False)
    return Pressed(_insert(db, made, row.id, done), True)


def loose_presses(db: Connection, press_id: int | None = None) -> list[LoosePress]:
    """The loose presses, oldest first (or the one with ``press_id``, if it is still kept)."""
    query = select(LOOSE_PRESSES).order_by(LOOSE_PRESSES.c.at_utc)
    if press_id is not None:
        query = query.where(LOOSE_PRESSES.c.id == press_id)
    return [LoosePress(r.at_utc, r.timezone, r.id) for r in db.execute(query)]


_RUNNING_STATE = (
    select(
        BLOCKS.c.id,
        BLOCKS.c.start_utc,
        BLOCKS.c.timezone,
        *INTERRUPTION_COLUMNS,
        *PAUSE_COLUMNS,
    )
    .select_from(
        BLOCKS.outerjoin(
            INTERRUPTIONS,
            and_(INTERRUPTIONS.c.block_id == BLOCKS.c.id, INTERRUPTIONS.c.ongoing.is_(True)),
        ).outerjoin(PAUSES, and_(PAUSES.c.block_id == BLOCKS.c.id, PAUSES.c.end_utc.is_(None)))
    )
    .where(BLOCKS.c.running.is_(True))
)
"""The running block's start, its interruption going on and its pause in progress (at most
one of each), in one query built once: a press's first statement."""
_ONGOING = slice(3, 3 + len(INTERRUPTION_COLUMNS))
_PAUSED = slice(_ONGOING.stop, _ONGOING.stop + len(PAUSE_COLUMNS))


class _Running(NamedTuple):
    id: int
    start_utc: datetime
    shell: Block
    """The block's start, its pause in progress and its interruption going on."""


def _running(db: Connection) -> _Running | None:
    row = db.execute(_RUNNING_STATE).first()
    if row is None:
        return None
    block_id, start, zone = row[:3]  # by place: the three tables share column names
    ongoing, paused = row[_ONGOING], row[_PAUSED]
    shell = Block(
        start,
        pauses=(to_pause(paused),) if paused[-1] is not None else (),
        interruptions=(to_interruption(ongoing),) if ongoing[-2] is not None else (),
        timezone=zone,
    )
    return _Running(block_id, start, shell)


def _insert(
    db: Connection, interruption: Interruption, block_id: int, done: datetime
) -> Interruption:
    new_id = insert_interruption(db, block_id, interruption)
    record(db, Action.PRESS, interruption.at, done, item_id=new_id)
    return replace(interruption, id=new_id)


def holds(db: Connection, interruption: Interruption) -> bool:
    found = db.scalar(
        select(INTERRUPTIONS.c.id)
        .where(
            INTERRUPTIONS.c.at_utc == interruption.at,
            INTERRUPTIONS.c.kind == interruption.kind.value,
            INTERRUPTIONS.c.source == interruption.source,
        )
        .where(
            INTERRUPTIONS.c.end_utc.is_(None)
            if interruption.end is None
            else INTERRUPTIONS.c.end_utc == interruption.end
        )
        .where(
            INTERRUPTIONS.c.note.is_(None)
            if interruption.note is None
            else INTERRUPTIONS.c.note == interruption.note
        )
        .limit(1)
    )
    return found is not None

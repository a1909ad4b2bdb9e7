"""Writes that obey the model: a block is saved only if it is valid and overlaps no other
stored block, and a refusal names the block in the way (its day, times and task)."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, or_, select

from data.reading import load_one
from data.rows import BLOCKS, save
from tracker import clock, overlaps
from tracker.errors import TransitionError, ValidationError
from tracker.i18n import _
from tracker.model import Block, Interruption, validate_block
from tracker.settings import load_zone
from tracker.timeparse import FUTURE_TOLERANCE
from tracker.units import duration


def update_block(db: Connection, block_id: int, change: Callable[[Block], Block]) -> Block:
    current = load_one(db, block_id)
    if current is None:
        raise TransitionError(_("that block no longer exists"))
    return check_and_save(db, replace(change(current), id=block_id))


def add_interruption(db: Connection, block_id: int, interruption: Interruption) -> Interruption:
    """``interruption`` added to a finished block (checked like any edit); with its new id."""
    current = load_one(db, block_id)
    assert current is not None  # the caller found it in this transaction
    added = replace(current, interruptions=(*current.interruptions, interruption))
    saved = check_and_save(db, added)
    known = {i.id for i in current.interruptions}
    return next(i for i in saved.interruptions if i.id not in known)


def check_and_save(db: Connection, block: Block) -> Block:
    """Save ``block`` (new without an id) if it obeys the model and overlaps no other block."""
    try:
        validate_block(block)
    except ValidationError as exc:
        raise TransitionError(str(exc)) from None
    others = spans(block.device).where(
        or_(BLOCKS.c.end_utc.is_(None), BLOCKS.c.end_utc > block.start)
    )
    if block.id is not None:
        others = others.where(BLOCKS.c.id != block.id)
    if block.end is not None:
        others = others.where(BLOCKS.c.start_utc < block.end)
    other = db.execute(others.order_by(BLOCKS.c.start_utc).limit(1)).first()
    if other is not None:
        ahead = recorded_ahead(other.start_utc, other.timezone, _("the block in the way"))
        raise ahead or TransitionError(_("the block would overlap {0}").format(named(other)))
    return save(db, block)


def recorded_ahead(latest: datetime, zone: str | None, what: str) -> TransitionError | None:
    """Why a step is refused when what is in its way lies in the future (``None`` when it does
    not): the computer's clock was ahead when it was recorded, and has been put right since."""
    now = clock.now()
    if latest <= now + FUTURE_TOLERANCE:
        return None
    local = latest.astimezone(load_zone(zone or "UTC"))
    return TransitionError(
        _(
            "{what} is recorded at {time}, {ahead} from now: this computer's clock was ahead "
            "then. Take that step back with 'flowtally undo', or correct the time in the "
            "dashboard's history"
        ).format(what=what, time=local.strftime("%Y-%m-%d %H:%M"), ahead=duration(latest - now))
    )


def spans(device: str | None = None) -> Select[Any]:
    """The blocks of one device (``None``: this one). Blocks never overlap within a device;
    across devices they may (a laptop left running), and reports count that time once."""
    mine = BLOCKS.c.device_id.is_(None) if device is None else BLOCKS.c.device_id == device
    return select(BLOCKS.c.start_utc, BLOCKS.c.end_utc, BLOCKS.c.task, BLOCKS.c.timezone).where(
        mine
    )


def named(row: Any) -> str:
    return overlaps.describe_block(row.start_utc, row.end_utc, row.task, row.timezone)

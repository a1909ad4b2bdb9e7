"""The store's writes to the running block and to the history, each inside the caller's
transaction and recorded for ``undo``. Kept apart from :mod:`data.store` so that a command
that only reads (``status``, ``report``, a status bar's poll) never loads them: about 7 ms
of a 0.2 s command (#27)."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, select

from data import undo_log
from data.checked import check_and_save, named, recorded_ahead, spans, update_block
from data.presses import loose_presses
from data.reading import between, load_one, running_block
from data.rows import remove, save
from data.tables import BLOCKS, INTERRUPTIONS, LOOSE_PRESSES
from tracker import checkins, clock, running
from tracker.errors import TransitionError
from tracker.i18n import _
from tracker.model import Block, CheckIn, Interruption
from tracker.settings import ModelParams
from tracker.undo import Action


def done() -> datetime:
    """When an action is done, for its undo step (the wall clock: undo is offered for a few
    minutes after it)."""
    return clock.now()


def start(db: Connection, at: datetime, zone_name: str, task: str | None) -> Block:
    block = running.start(running_block(db), at, zone_name, task)
    later = db.execute(spans().where(BLOCKS.c.end_utc > at).limit(1)).first()
    if later is not None:
        ahead = recorded_ahead(later.start_utc, later.timezone, _("the block in the way"))
        raise ahead or TransitionError(
            _("that start overlaps {0} (it ended later); blocks cannot overlap").format(
                named(later)
            )
        )
    started = save(db, block)
    undo_log.record(db, Action.START, at, done(), started)
    return started


def start_from_press(db: Connection, press_id: int, task: str | None) -> Block:
    found = loose_presses(db, press_id)
    if not found:
        raise TransitionError(_("that press was started from or discarded already"))
    press = found[0]
    block = running.start(running_block(db), press.at, press.timezone, task)
    first = Interruption(press.at, None, timezone=press.timezone, ongoing=True)
    started = check_and_save(db, replace(block, interruptions=(first,)))
    db.execute(delete(LOOSE_PRESSES).where(LOOSE_PRESSES.c.id == press_id))
    undo_log.record(db, Action.START, press.at, done(), started)
    return started


def pause(db: Connection, at: datetime, zone_name: str) -> Block:
    return _change_running(db, Action.PAUSE, at, lambda b: running.pause(b, at, zone_name))


def resume(db: Connection, at: datetime) -> Block:
    return _change_running(db, Action.RESUME, at, lambda b: running.resume(b, at))


def stop(db: Connection, at: datetime) -> Block:
    return _change_running(db, Action.STOP, at, lambda b: running.stop(b, at))


def back(db: Connection, at: datetime) -> Block:
    return _change_running(db, Action.BACK, at, lambda b: running.back(b, at))


def _change_running(
    db: Connection, action: Action, at: datetime, change: Callable[[Block | None], Block]
) -> Block:
    before = running_block(db)
    try:
        changed = change(before)
    except TransitionError:
        if before is None:
            raise
        what = _("the running block's last step")
        ahead = recorded_ahead(running.last_event(before), before.timezone, what)
        if ahead is None:
            raise
        raise ahead from None
    after = save(db, changed)
    undo_log.record(db, action, at, done(), after, before=before)
    return after


def add(db: Connection, block: Block) -> Block:
    added = check_and_save(db, replace(block, id=None))
    undo_log.record(db, Action.ADD, added.start, done(), added)
    return added


def update_holding(db: Connection, interruption_id: int, change: Callable[[Block], Block]) -> Block:
    block_id = db.scalar(
        select(INTERRUPTIONS.c.block_id).where(INTERRUPTIONS.c.id == interruption_id)
    )
    if block_id is None:
        raise TransitionError(_("that interruption no longer exists"))
    return update_block(db, block_id, change)


def change(db: Connection, before: Block | None, after: Block | None) -> Block | None:
    if before is not None:
        stored = load_one(db, before.id) if before.id is not None else None
        if stored is None or stored != before:
            raise TransitionError(
                _("that block was changed or removed meanwhile; look again and retry")
            )
        if after is None:
            remove(db, before.id)
            return None
        return check_and_save(db, replace(after, id=before.id))
    if after is None:
        return None
    return check_and_save(db, replace(after, id=None))


def check_in(
    db: Connection, at: datetime, answer: int | None, zone_name: str, params: ModelParams
) -> CheckIn:
    """A check-in about ``at``, kept with the block that ran then (not an undo step: it logs
    no time). Of a block that stopped at ``at`` and one started then, the stopped one."""
    tick = timedelta(microseconds=1)
    holders = [b for b in between(db, at - tick, at + tick) if b.end is None or at <= b.end]
    if not holders or holders[0].id is None:
        raise TransitionError(_("no block was running then; a check-in is about a block"))
    made = checkins.checkin(holders[0], params, at, answer, zone_name)
    update_block(db, holders[0].id, lambda b: replace(b, checkins=(*b.checkins, made)))
    return made

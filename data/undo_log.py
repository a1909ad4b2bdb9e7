"""The undo steps on record (:mod:`tracker.undo`): written in each tracking action's own
transaction, and taken back, last first.

A step that restores its block keeps that block as it was before, as JSON with every id, so
that undoing "I'm back" reopens the very interruption the popup is tagging.
"""

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select

from data.checked import check_and_save
from data.reading import load_one
from data.rows import LOOSE_PRESSES, remove, remove_interruption
from data.tables import UNDO_STEPS as STEPS
from tracker.block_codec import KEPT, block_document, block_from_document
from tracker.errors import TransitionError
from tracker.i18n import _
from tracker.model import Block, Interruption, Pause
from tracker.timeparse import parse_iso
from tracker.types import Kind
from tracker.undo import KEPT_STEPS, RESTORES_BEFORE, Action, Step

GONE = "it was changed or removed since; edit the block in the dashboard instead"


_NEW_STEP = insert(STEPS).returning(STEPS.c.id)
"""Built once: every press and every action records its step."""


def record(
    db: Connection,
    action: Action,
    at: datetime,
    done: datetime,
    block: Block | None = None,
    item_id: int | None = None,
    before: Block | None = None,
) -> None:
    """Record ``action`` (on ``block``) in the caller's transaction; the oldest steps beyond
    :data:`~tracker.undo.KEPT_STEPS` are dropped."""
    new_id = db.scalar(
        _NEW_STEP,
        {
            "action": action.value,
            "done_utc": done,
            "at_utc": at,
            "block_id": block.id if block is not None else None,
            "item_id": item_id,
            "before": _encode(before) if before is not None else None,
        },
    )
    if new_id is not None and new_id > KEPT_STEPS and new_id % 10 == 0:
        db.execute(delete(STEPS).where(STEPS.c.id <= new_id - KEPT_STEPS))


def latest(db: Connection) -> Step | None:
    newest = _newest(db)
    return newest[1] if newest is not None else None


def _newest(db: Connection) -> tuple[Row[Any, Any, Any], Step] | None:
    row = db.execute(select(STEPS).order_by(STEPS.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return row, Step(Action(row.action), row.at_utc, row.done_utc, row.block_id, row.item_id)


def undo_latest(db: Connection) -> Step:
    """Take back the latest step. Raises :class:`TransitionError` if there is none, or if it
    no longer applies (its block was removed, or putting it back would overlap a block made
    since); the rollback then keeps the step, for the caller to drop (:func:`drop_latest`)."""
    newest = _newest(db)
    if newest is None:
        raise TransitionError(_("nothing to undo"))
    row, step = newest
    db.execute(delete(STEPS).where(STEPS.c.id == row.id))
    if step.action in RESTORES_BEFORE:
        current = load_one(db, step.block_id) if step.block_id is not None else None
        if current is None or row.before is None:
            raise TransitionError(_("cannot undo that: {0}").format(GONE))
        check_and_save(db, _decode(row.before, current.id))
    elif step.action is Action.PRESS:
        if not remove_interruption(db, step.item_id):
            raise TransitionError(_("cannot undo that interruption: {0}").format(GONE))
    elif step.action is Action.LOOSE:
        db.execute(delete(LOOSE_PRESSES).where(LOOSE_PRESSES.c.id == step.item_id))
    elif not remove(db, step.block_id):  # START, ADD: the block it made goes
        raise TransitionError(_("cannot undo that block: {0}").format(GONE))
    return step


# ---------------------------------------------------------------- the block before, as JSON


def _encode(block: Block) -> str:
    return json.dumps(block_document(block, KEPT))


def _decode(text: str, block_id: int | None) -> Block:
    data = json.loads(text)
    if (data["pauses"] and isinstance(data["pauses"][0], list)) or (
        data["interruptions"] and isinstance(data["interruptions"][0], list)
    ):
        return _decode_positional(data, block_id)
    return block_from_document(data, block_id)


def _decode_positional(data: dict[str, Any], block_id: int | None) -> Block:
    """A step an earlier version kept, its records as positional lists."""

    def when(value: str | None) -> datetime | None:
        return parse_iso(value, "undo") if value is not None else None

    start = when(data["start"])
    assert start is not None
    return Block(
        start,
        when(data["end"]),
        data["task"],
        tuple(Pause(_at(when(s)), when(e), z, i) for s, e, z, i in data["pauses"]),
        tuple(
            Interruption(_at(when(a)), when(e), Kind(k), s, n, z, i, bool(o))
            for a, e, k, s, n, z, i, o in data["interruptions"]
        ),
        data["zone"],
        block_id,
    )


def _at(value: datetime | None) -> datetime:
    assert value is not None
    return value


def drop_latest(db: Connection) -> None:
    """Forget the latest step: it was tried and no longer applies."""
    newest = _newest(db)
    if newest is not None:
        db.execute(delete(STEPS).where(STEPS.c.id == newest[0].id))

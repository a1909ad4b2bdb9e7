"""Editing the recorded history: one field of a block, a pause or an interruption at a time.

The history table sends what the user typed; these pure functions turn it into a new block or
a clear refusal, with the model's rules (:func:`tracker.model.validate_block`). Whether the
result overlaps another block is the store's check, made in the same transaction as the write.

A time typed as ``HH:MM`` means that time on the local day the block started (history is
edited long after "today"), rolling over to the next day for an end that would otherwise fall
before the start: a block from 23:00 to 01:00 is typed ``23:00`` and ``01:00``. Only within
12 hours, though: an end of 08:30 for a block from 09:00 is a slip, refused, not a 23-hour block.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from tracker.errors import FlowtallyError, ValidationError
from tracker.i18n import _
from tracker.model import MAX_INTERRUPTION_MIN, Block, Interruption, validate_block
from tracker.timeparse import FUTURE_TOLERANCE, parse_user_time
from tracker.types import Kind

T = TypeVar("T")
ROLL_OVER_LIMIT = timedelta(hours=12)
_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*$")


class Part(StrEnum):
    """Which record of a block a history row shows."""

    BLOCK = "block"
    PAUSE = "pause"
    INTERRUPTION = "interruption"


@dataclass(frozen=True, slots=True)
class Change:
    """One history edit: ``before`` becomes ``after``. ``None`` before means a new block,
    ``None`` after a deleted one. Undoing swaps the two."""

    before: Block | None
    after: Block | None
    label: str

    def inverse(self) -> "Change":
        return Change(self.after, self.before, self.label)

    def touched(self) -> tuple[Part, int]:
        """Which record of ``after`` the change made or altered, so that the history can
        point at it (the interruption an undo brought back, say); the block itself when no
        single part of it differs."""
        before = self.before
        if self.after is None or before is None:
            return Part.BLOCK, 0
        for part, now, was in (
            (Part.INTERRUPTION, self.after.interruptions, before.interruptions),
            (Part.PAUSE, self.after.pauses, before.pauses),
        ):
            new = [index for index, item in enumerate(now) if item not in was]
            if new:
                return part, new[0]
        return Part.BLOCK, 0


FIELDS: dict[Part, tuple[str, ...]] = {
    Part.BLOCK: ("start", "end", "task"),
    Part.PAUSE: ("start", "end"),
    Part.INTERRUPTION: ("at", "end", "kind", "source", "note"),
}


def _time(
    text: str, zone: ZoneInfo, day_of: datetime, now: datetime, after: datetime | None
) -> datetime:
    """A typed time, ``HH:MM`` meaning the local day of ``day_of`` (the next day when that
    would come before ``after``); never in the future."""
    value = parse_user_time(text, zone, day_of if _CLOCK_ONLY.match(text) else now)
    if after is not None and _CLOCK_ONLY.match(text) and value <= after:
        next_day = parse_user_time(text, zone, day_of + timedelta(days=1))
        if next_day - after <= ROLL_OVER_LIMIT:
            value = next_day
    if value > now + FUTURE_TOLERANCE:
        raise FlowtallyError(_("{0!r} is in the future").format(text.strip()))
    return value


def _optional(text: str) -> str | None:
    return text.strip() or None


def _kind(text: str) -> Kind:
    try:
        return Kind(text.strip().lower())
    except ValueError:
        raise FlowtallyError(
            _("{0!r} is not a kind; use internal or external").format(text.strip())
        ) from None


def _checked(block: Block) -> Block:
    try:
        validate_block(block)
    except ValidationError as exc:
        raise FlowtallyError(str(exc)) from None
    return block


def edit_field(
    block: Block, part: Part, index: int, field: str, text: str, zone: ZoneInfo, now: datetime
) -> Block:
    """``block`` with one field set from what the user typed (empty clears an optional one)."""
    if field not in FIELDS[part]:
        raise FlowtallyError(_("a {0} has no field {1!r}").format(part, field))
    start = block.start
    if part is Part.BLOCK:
        if field == "start":
            return _checked(replace(block, start=_time(text, zone, start, now, None)))
        if field == "end":
            if block.end is None:
                raise FlowtallyError(_("a running block ends when it is stopped"))
            return _checked(replace(block, end=_time(text, zone, start, now, start)))
        return _checked(replace(block, task=_optional(text)))
    if part is Part.PAUSE:
        pauses = list(block.pauses)
        pause = _at(pauses, index)
        if field == "start":
            pauses[index] = replace(pause, start=_time(text, zone, start, now, None))
        else:
            if pause.end is None:
                raise FlowtallyError(_("the pause is still going on; resume the block to end it"))
            pauses[index] = replace(pause, end=_time(text, zone, start, now, pause.start))
        return _checked(replace(block, pauses=tuple(pauses)))
    interruptions = list(block.interruptions)
    old = _at(interruptions, index)
    new: Interruption
    match field:
        case "at":
            new = replace(old, at=_time(text, zone, start, now, None))
        case "end":
            end = _optional(text)
            new = replace(old, end=None if end is None else _time(end, zone, start, now, old.at))
        case "kind":
            new = replace(old, kind=_kind(text))
        case "source":
            new = replace(old, source=text.strip() or "other")
        case _:
            new = replace(old, note=_optional(text))
    interruptions[index] = new
    return _checked(replace(block, interruptions=tuple(interruptions)))


def _at(items: list[T], index: int) -> T:
    if not 0 <= index < len(items):
        raise FlowtallyError(_("that record is no longer in the block"))
    return items[index]


def remove(block: Block, part: Part, index: int) -> Block | None:
    """``block`` without one of its pauses or interruptions; ``None`` removes the block."""
    if part is Part.BLOCK:
        return None
    if part is Part.PAUSE:
        pauses = list(block.pauses)
        pause = _at(pauses, index)
        if pause.end is None:
            raise FlowtallyError(_("the pause is going on; resume the block instead"))
        del pauses[index]
        return _checked(replace(block, pauses=tuple(pauses)))
    interruptions = list(block.interruptions)
    _at(interruptions, index)
    del interruptions[index]
    return _checked(replace(block, interruptions=tuple(interruptions)))


SLOT = timedelta(hours=1)
WORKDAY_START = time(9)


def free_slot(
    blocks: Sequence[Block], day: date, zone: ZoneInfo, now: datetime
) -> tuple[datetime, datetime]:
    """An hour on ``day`` that no block covers and that is not in the future: what a form
    for a forgotten block offers first, so that accepting it as it stands is never refused.

    Tried in order: 09:00, then the end of each of the day's blocks. When none fits (a full
    day, or a day still to come), the hour before now."""
    starts = [datetime.combine(day, WORKDAY_START, zone).astimezone(UTC)]
    starts += sorted(
        block.end
        for block in blocks
        if block.end is not None and block.end.astimezone(zone).date() == day
    )
    for start in starts:
        end = start + SLOT
        taken = any(b.start < end and (b.end or now) > start for b in blocks)
        if end <= now and not taken:
            return start, end
    return now - SLOT, now


def new_block(start_text: str, end_text: str, task: str, zone: ZoneInfo, now: datetime) -> Block:
    """A forgotten block, typed as start and end (``YYYY-MM-DD HH:MM``; the end may be
    ``HH:MM`` on the start's day)."""
    start = _time(start_text, zone, now, now, None)
    end = _time(end_text, zone, start, now, start)
    return _checked(Block(start, end, _optional(task), timezone=zone.key))


def add_interruption(
    block: Block,
    at_text: str,
    minutes_text: str,
    kind: str,
    source: str,
    note: str,
    zone: ZoneInfo,
    now: datetime,
) -> Block:
    """``block`` with a forgotten interruption: when, how long (empty: an instant), tags."""
    at = _time(at_text, zone, block.start, now, None)
    end = None
    if minutes_text.strip():
        try:
            minutes = float(minutes_text)
        except ValueError:
            raise FlowtallyError(
                _("{0!r} is not a number of minutes").format(minutes_text.strip())
            ) from None
        if not 0 <= minutes <= MAX_INTERRUPTION_MIN:
            raise FlowtallyError(
                _("an interruption lasts between 0 and {0} minutes").format(MAX_INTERRUPTION_MIN)
            )
        end = at + timedelta(minutes=minutes)
    interruption = Interruption(
        at, end, _kind(kind), source.strip() or "other", _optional(note), timezone=zone.key
    )
    return _checked(replace(block, interruptions=(*block.interruptions, interruption)))

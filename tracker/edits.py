"""Pure changes to a recorded block: tagging and closing interruptions, resolving a gap.

Each returns a new block; the store applies it in one transaction and validates the result.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from tracker.errors import TransitionError
from tracker.i18n import _
from tracker.model import Block, Interruption, Pause
from tracker.types import Kind


def _find(block: Block, interruption_id: int) -> Interruption:
    for interruption in block.interruptions:
        if interruption.id == interruption_id:
            return interruption
    raise TransitionError(_("that interruption is no longer in the block"))


def _swap(block: Block, old: Interruption, new: Interruption) -> Block:
    return replace(block, interruptions=tuple(new if i is old else i for i in block.interruptions))


def retag(block: Block, interruption_id: int, kind: Kind, source: str, note: str | None) -> Block:
    """Change what an interruption was (the quick-log popup's tags)."""
    old = _find(block, interruption_id)
    return _swap(block, old, replace(old, kind=kind, source=source.strip() or "other", note=note))


def close(block: Block, interruption_id: int, end: datetime) -> Block:
    """End an interruption ("I'm back"); its time becomes interrupted time."""
    old = _find(block, interruption_id)
    return _swap(block, old, replace(old, end=max(end, old.at)))


class GapReason(StrEnum):
    AWAY = "away"
    SLEEP = "sleep"
    CRASH = "crash"


class GapChoice(StrEnum):
    """What the user says a gap was."""

    BREAK = "break"
    INTERRUPTION = "interruption"
    FOCUS = "focus"


@dataclass(frozen=True, slots=True)
class Gap:
    """Time the app could not see the user working: idle input, a suspend, or a crash."""

    start: datetime
    end: datetime
    reason: GapReason


def _clipped(block: Block, gap: Gap) -> tuple[datetime, datetime]:
    """The part of ``gap`` inside ``block`` (possibly empty: end <= start)."""
    start = max(gap.start, block.start)
    end = gap.end if block.end is None else min(gap.end, block.end)
    return start, end


def resolve_gap(
    block: Block,
    gap: Gap,
    choice: GapChoice,
    zone_name: str,
    kind: Kind = Kind.EXTERNAL,
    source: str = "other",
    note: str | None = None,
) -> Block:
    """The block with ``gap`` recorded as the user says: a pause, a lasting interruption, or
    (still focusing) left as tracked time. The gap is clipped to the block."""
    start, end = _clipped(block, gap)
    if end <= start or choice is GapChoice.FOCUS:
        return block
    if choice is GapChoice.BREAK:
        return replace(block, pauses=(*block.pauses, Pause(start, end, zone_name)))
    interruption = Interruption(start, end, kind, source, note, zone_name)
    return replace(block, interruptions=(*block.interruptions, interruption))


def reclassify_gap(
    block: Block,
    gap: Gap,
    choice: GapChoice,
    zone_name: str,
    kind: Kind = Kind.EXTERNAL,
    source: str = "other",
    note: str | None = None,
) -> Block:
    """Turn a gap that was provisionally recorded as a break into what the user says it was.

    Gaps are recorded as breaks the moment they are noticed, so that sleep or absence never
    counts as focus while the question is unanswered (or if it never is).
    """
    start, end = _clipped(block, gap)
    kept = tuple(p for p in block.pauses if not (p.start == start and p.end == end))
    return resolve_gap(replace(block, pauses=kept), gap, choice, zone_name, kind, source, note)

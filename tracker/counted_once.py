"""Each minute counted once, across a person's devices.

One device never has two blocks at the same time, but two devices can: a laptop left
running while the person works at the desktop. Nothing is dropped, and nothing is counted
twice. The rule, the same on every device (it looks only at the blocks, never at which
device asks):

- Blocks are ranked by start, then the longer first, then by task, zone and records. A block claims
  its tracked time (its span, less its own pauses); a block ranked later does not count the
  time an earlier one claimed: there it counts as paused, as if the person had stepped away
  from that machine.
- A block left with no time of its own adds nothing to any report; it stays in the history,
  where the overlap can be seen and resolved (keep one, or trim).

A running block is claimed until ``now``.
"""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from tracker.intervals import Interval, merge, subtract
from tracker.model import Block, Pause


def _rank(block: Block, now: datetime) -> tuple[datetime, timedelta, str, str, str]:
    """Start, the longer first, task, zone, then the records themselves: two devices holding
    the same blocks rank them alike, whatever their ids or the order they were read in."""
    length = (block.end or now) - block.start

    def when(value: datetime | None) -> str:
        return value.isoformat() if value is not None else "-"

    records = ";".join(
        [f"p{when(p.start)},{when(p.end)}" for p in block.pauses]
        + [
            f"i{when(i.at)},{when(i.end)},{i.kind.value},{i.source},{i.note or ''}"
            for i in block.interruptions
        ]
    )
    return (block.start, -length, block.task or "", block.timezone, records)


def _ranked(blocks: Iterable[Block], now: datetime) -> list[Block]:
    """``blocks`` sorted by :func:`_rank`. The records are written out only for blocks that
    start together and last as long: rare, and writing them costs more than all the rest."""
    ranked = sorted(blocks, key=lambda b: (b.start, b.start - (b.end or now)))
    index = 0
    while index < len(ranked) - 1:
        first = ranked[index]
        tied = index + 1
        while (
            tied < len(ranked)
            and ranked[tied].start == first.start
            and (ranked[tied].end or now) == (first.end or now)
        ):
            tied += 1
        if tied - index > 1:
            ranked[index:tied] = sorted(ranked[index:tied], key=lambda b: _rank(b, now))
        index = tied
    return ranked


def _tracked(block: Block, now: datetime) -> list[Interval]:
    span = [(block.start, block.end or now)]
    pauses = merge((p.start, p.end or now) for p in block.pauses)
    return subtract(span, pauses)


def counted_once(blocks: Iterable[Block], now: datetime) -> list[Block]:
    """``blocks`` as reports count them: a block's time that an earlier-ranked block of
    another device already holds becomes a pause of it. Blocks that overlap nothing are
    returned as they are (the common case costs one sort and one pass)."""
    ranked = _ranked(blocks, now)
    claimed: list[Interval] = []
    counted: list[Block] = []
    reach: datetime | None = None
    for block in ranked:
        end = block.end or now
        claimed = [c for c in claimed if c[1] > block.start]  # ranked by start: the rest is past
        if reach is None or block.start >= reach:
            counted.append(block)
            claimed = merge([*claimed, *_tracked(block, now)])
            reach = end if reach is None else max(reach, end)
            continue
        taken = [(max(s, block.start), min(e, end)) for s, e in claimed if s < end]
        own = _tracked(block, now)
        left = subtract(own, merge(taken))
        if not left:
            continue
        holes = subtract([(block.start, end)], left)
        pauses = tuple(
            Pause(start, None if (block.end is None and stop == now) else stop, block.timezone)
            for start, stop in holes
        )
        counted.append(replace(block, pauses=pauses))
        claimed = merge([*claimed, *left])
        reach = max(reach, end)
    return counted


def overlapping(block: Block, blocks: Iterable[Block], now: datetime) -> list[Block]:
    """The blocks of other devices that share time with ``block``: what the history marks,
    so an overlap can be seen and resolved (one deleted, or trimmed)."""
    end = block.end or now
    return [
        other
        for other in blocks
        if other.device != block.device and other.start < end and (other.end or now) > block.start
    ]

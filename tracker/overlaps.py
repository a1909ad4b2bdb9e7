"""Blocks never overlap: the rules an import and every edit obey, apart from any storage.

An import may repeat a stored block exactly (importing a file twice adds nothing the second
time), but a block that overlaps any other stored block, or another block of the same file,
rejects the whole import, named by its position in the file.
"""

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from tracker.errors import ValidationError
from tracker.i18n import _, day_name
from tracker.model import Block
from tracker.settings import load_zone


@dataclass(frozen=True, slots=True)
class Span:
    """A stored block as the overlap rules see it: its id and its bounds (``end`` is ``None``
    while it runs)."""

    id: int
    start: datetime
    end: datetime | None


Refused = dict[int, str]
"""Blocks an import leaves out instead of refusing the file (``--skip-overlaps``): index in
the file's blocks → why."""


def check_no_overlaps(named: Sequence[tuple[str, Block]], refused: Refused | None = None) -> None:
    """Refuse blocks that overlap one another (each named by its position, ``blocks[3]``).
    Given ``refused``, each block that overlaps an earlier one is noted there instead, and
    the blocks after it are checked against the ones kept."""
    kept: tuple[str, Block] | None = None
    for index in sorted(range(len(named)), key=lambda i: named[i][1].start):
        name, block = named[index]
        if kept is not None and (kept[1].end is None or block.start < kept[1].end):
            if refused is None:
                raise ValidationError(
                    name, _("overlaps {0}: blocks cannot overlap").format(kept[0])
                )
            refused[index] = _("overlaps {0}").format(kept[0])
            continue
        kept = (name, block)


def twins_to_check(
    named: Sequence[tuple[str, Block]], stored: Sequence[Span], refused: Refused | None = None
) -> dict[int, int]:
    """For each finished block that overlaps exactly one finished stored block, the index of
    the block and the id of that stored one (equal, it is skipped; otherwise refused). Raises
    for a block that overlaps more than one stored block or the running one, or, given
    ``refused``, notes it there.

    ``stored``: the stored blocks around the imported ones, ordered by start.
    """
    starts = [span.start for span in stored]
    twins: dict[int, int] = {}
    for index, (name, block) in enumerate(named):
        assert block.end is not None
        position = bisect.bisect_left(starts, block.end)
        hits: list[Span] = []
        while position > 0:
            span = stored[position - 1]
            if span.end is not None and span.end <= block.start:
                break
            hits.append(span)
            position -= 1
        if not hits:
            continue
        if len(hits) > 1 or hits[0].end is None:
            _refuse(refused, index, name, overlap_reason(hits[0].start, hits[0].end))
            continue
        twins[index] = hits[0].id
    return twins


def fresh_blocks(
    named: Sequence[tuple[str, Block]],
    twins: dict[int, int],
    stored: dict[int, Block],
    refused: Refused | None = None,
) -> list[Block]:
    """The blocks to add: those without a stored twin. One whose stored twin differs from it
    overlaps that block, and is refused (or noted in ``refused``); check-ins alone do not
    make a difference (a file exported before a check-in was answered still adds nothing)."""
    fresh = []
    for index, (name, block) in enumerate(named):
        if refused is not None and index in refused:
            continue
        if index not in twins:
            fresh.append(block)
            continue
        twin = stored[twins[index]]
        if twin != block and replace(twin, checkins=()) != replace(block, checkins=()):
            _refuse(refused, index, name, overlap_reason(twin.start, twin.end))
    return fresh


def _refuse(refused: Refused | None, index: int, name: str, reason: str) -> None:
    if refused is None:
        raise ValidationError(name, reason)
    refused[index] = reason


def overlap_reason(start: datetime, end: datetime | None) -> str:
    if end is None:
        return _("overlaps the running block (started {start})").format(start=start.isoformat())
    return _("overlaps the stored block {start} to {end}").format(
        start=start.isoformat(), end=end.isoformat()
    )


def describe_block(start: datetime, end: datetime | None, task: str | None, zone: str) -> str:
    """A stored block as a refusal names it: its day, its times and its task, in the zone
    it was recorded in ("the block of Mon 2026-11-16 09:00-12:00 ('API design')")."""
    local = load_zone(zone)
    begin = start.astimezone(local)
    since = f"{day_name(begin)} {begin:%Y-%m-%d %H:%M}"
    if end is None:
        text = _("the running block since {since}").format(since=since)
    else:
        finish = end.astimezone(local)
        other_day = (
            f"{day_name(finish)} {finish:%Y-%m-%d} " if finish.date() != begin.date() else ""
        )
        text = _("the block of {since}-{end}").format(since=since, end=f"{other_day}{finish:%H:%M}")
    return f"{text} ({task!r})" if task else text

"""Half-open interval arithmetic on aware datetimes, the little algebra the timeline needs."""

from collections.abc import Iterable
from datetime import datetime

Interval = tuple[datetime, datetime]


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of ``intervals`` as sorted, disjoint, non-empty intervals.

    Touching intervals are joined: ``[1, 2) + [2, 3) = [1, 3)``.
    """
    return merge_sorted(sorted(intervals))


def merge_sorted(intervals: Iterable[Interval]) -> list[Interval]:
    """:func:`merge` of intervals sorted by their start already (a block's interruptions
    are kept in order): nothing to sort."""
    out: list[Interval] = []
    for start, end in intervals:
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def subtract(intervals: list[Interval], holes: list[Interval]) -> list[Interval]:
    """``intervals`` minus ``holes``; both must be merged (sorted and disjoint)."""
    out: list[Interval] = []
    j = 0
    for start, end in intervals:
        cursor = start
        while j < len(holes) and holes[j][1] <= cursor:
            j += 1
        k = j
        while k < len(holes) and holes[k][0] < end:
            hole_start, hole_end = holes[k]
            if hole_start > cursor:
                out.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


def clip(interval: Interval, bounds: Interval) -> Interval | None:
    """``interval`` cut to ``bounds``, or ``None`` when nothing is left."""
    start, end = max(interval[0], bounds[0]), min(interval[1], bounds[1])
    return (start, end) if start < end else None

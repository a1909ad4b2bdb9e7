"""The team's best shared focus windows (#28): the hours of the week in which the team's
focus has held over its last weeks, from the same cells as the team's hour map.

The team database keeps, for each person's local hour of a day, only the minutes tracked in
it and the interruptions that came in it (never stretches: those stay on each person's
devices). So a cell's trials are its tracked hours, and its chance that a period of
``min_period_min`` started in it survives is what a steady rate of the hour's interruptions
gives that period: ``exp(-rate * period)``. From there the windows are chosen as a person's
are (:mod:`tracker.forecast`): each hour's Beta posterior pooled toward its weekday, the
best two-hour windows, and how sure each is. Only cells that ``min_group`` people or more
fed in a week are in the sums (:mod:`data.team_cells_sql`).
"""

import math
from collections.abc import Sequence
from datetime import date, timedelta

from tracker.forecast import Cell, Window, best_windows, concentration, weekday_means

WINDOW_WEEKS = 8
"""The weeks before the report's week the shared windows learn from (as the forecast's)."""
SharedWindows = tuple[tuple[date, tuple[Window, ...]], ...]


def team_cells(rows: Sequence[Sequence[float]], period_min: float) -> dict[tuple[int, int], Cell]:
    """Each ``[weekday (1 = Monday), hour, tracked minutes, interruptions, weeks]`` row as a
    cell of trials that survived and that were broken."""
    cells: dict[tuple[int, int], Cell] = {}
    for weekday, hour, tracked, interruptions, *_ in rows:
        hours = tracked / 60
        if hours <= 0:
            continue
        survives = math.exp(-interruptions / hours * period_min / 60)
        cells[int(weekday) - 1, int(hour)] = Cell(hours * survives, hours * (1 - survives))
    return cells


def shared_windows(
    rows: Sequence[Sequence[float]], period_min: float, monday: date
) -> SharedWindows:
    """The week of ``monday``'s windows, each day's in local hours (each member's own)."""
    cells = team_cells(rows, period_min)
    if not cells:
        return tuple((monday + timedelta(days=i), ()) for i in range(7))
    means = weekday_means(cells)
    strength = concentration(cells, means)
    return tuple(
        (day, best_windows(cells, means, strength, day, "UTC"))
        for day in (monday + timedelta(days=i) for i in range(7))
    )

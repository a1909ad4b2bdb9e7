"""The focus forecast: the hours of the week in which this person's focus tends to survive,
and the windows worth protecting in the week ahead (#28).

The method, from the person's own history of the last weeks:

- **Trials.** Every quarter hour at which the person was in a stretch (tracked, not paused,
  not interrupted) is a trial of "an uninterrupted period of ``min_period_min`` starting
  here". It *survived* when the stretch went on that long; it was *broken* when an
  interruption ended the stretch sooner. A stretch ended sooner by a pause or by the end of
  the block says nothing either way (the person chose to stop), and is left out. The four
  trials of an hour overlap in time, so each counts a quarter.
- **Cells.** Trials are kept by local weekday and hour. Each cell's chance of survival has a
  Beta posterior whose prior is the weekday's own rate, held with a strength estimated from
  the data (empirical Bayes: the method of moments of the beta-binomial). When the hours of
  a day differ no more than chance makes them, the prior is strong and every hour reads as
  the day's typical one; when they truly differ, each hour speaks for itself.
- **Windows.** Each day's best two-hour windows among the hours the person works, up to
  three that do not overlap, each with its chance, a 90 % interval, and how sure it is:
  the probability that its chance is above the day's typical one.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker import beta
from tracker.counted_once import counted_once
from tracker.model import Block
from tracker.report import week_bounds, week_reports
from tracker.settings import ModelParams, load_zone
from tracker.timeline import build_timeline

SAMPLE = timedelta(minutes=15)
SAMPLE_WEIGHT = 0.25
"""Four trials an hour, overlapping: together they count as one."""
WINDOW_HOURS = 2
"""Two hours: the band calendar tools call focus time (see the model's period buckets)."""
MAX_WINDOWS = 3
MIN_WEEK_TRACKED = timedelta(hours=4)
"""A week with less tracked time says little about the person's hours, and is left out."""
MIN_HOUR_TRIALS = 1.0
"""An hour proposed for a window was worked in at least once (an hour's trials) before."""
SURE, FAIRLY_SURE = 0.9, 0.75
_STRENGTH = (0.5, 10_000.0)
"""The prior's least and greatest strength, in trials."""


@dataclass(slots=True)
class Cell:
    """One weekday's hour: its trials that survived and that were broken (weighted)."""

    survived: float = 0.0
    broken: float = 0.0

    @property
    def trials(self) -> float:
        return self.survived + self.broken


@dataclass(frozen=True, slots=True)
class Window:
    """A window worth protecting: ``[start, end)`` in local time."""

    start: datetime
    end: datetime
    chance: float
    """The posterior mean chance that a period started in it survives."""
    low: float
    high: float
    """The 90 % interval of that chance."""
    confidence: float
    """The probability that the chance is above the day's typical one."""

    @property
    def sureness(self) -> str:
        if self.confidence >= SURE:
            return "sure"
        return "fairly sure" if self.confidence >= FAIRLY_SURE else "unsure"


@dataclass(frozen=True, slots=True)
class Forecast:
    monday: date
    history: tuple[date, ...]
    """The Mondays of the weeks it learnt from."""
    left_out: tuple[tuple[date, timedelta], ...]
    """Weeks with too little tracked time, and how much they had."""
    days: tuple[tuple[date, tuple[Window, ...]], ...]
    strength: float
    """The prior's strength, in trials: high when the hours of a day hardly differ."""


def forecast(
    blocks: Iterable[Block],
    params: ModelParams,
    zone_name: str,
    monday: date,
    history: Sequence[date],
    now: datetime,
) -> Forecast:
    """The windows of the week of ``monday``, from the weeks of ``history`` (Mondays) that
    had enough tracked time. ``blocks`` must hold those weeks."""
    blocks = list(blocks)
    used, left_out = _enough_tracked(blocks, params, zone_name, sorted(history), now)
    bounds = [week_bounds(m, zone_name) for m in used]  # local midnights, DST-correct
    cells = sample_cells(blocks, params, zone_name, bounds, now)
    means = weekday_means(cells)
    strength = concentration(cells, means)
    days = tuple(
        (day, best_windows(cells, means, strength, day, zone_name))
        for day in (monday + timedelta(days=i) for i in range(7))
    )
    return Forecast(monday, tuple(used), tuple(left_out), days, strength)


def _enough_tracked(
    blocks: list[Block], params: ModelParams, zone_name: str, mondays: list[date], now: datetime
) -> tuple[list[date], list[tuple[date, timedelta]]]:
    """The weeks with enough tracked time, and the others with theirs: counted in one pass
    over the blocks, from the first week to the last."""
    if not mondays:
        return [], []
    span = (mondays[-1] - mondays[0]).days // 7 + 1
    tracked = {
        report.days[0][0]: report.totals.tracked
        for report in week_reports(blocks, params, zone_name, mondays[0], span, now)
    }
    used = [m for m in mondays if tracked[m] >= MIN_WEEK_TRACKED]
    return used, [(m, tracked[m]) for m in mondays if tracked[m] < MIN_WEEK_TRACKED]


def sample_cells(
    blocks: Iterable[Block],
    params: ModelParams,
    zone_name: str,
    bounds: Sequence[tuple[datetime, datetime]],
    now: datetime,
) -> dict[tuple[int, int], Cell]:
    """The trials of every quarter hour inside ``bounds`` (local weekday, hour) → cell."""
    zone = load_zone(zone_name)
    cells: dict[tuple[int, int], Cell] = defaultdict(Cell)
    period = params.min_period
    for block in counted_once(blocks, now):
        timeline = build_timeline(block, params, now)
        broken_at = {i.at for i in block.interruptions}
        for stretch in timeline.stretches:
            ended_by_interruption = stretch.end in broken_at
            instant = _next_quarter(stretch.start)
            while instant < stretch.end:
                if any(start <= instant < end for start, end in bounds):
                    local = instant.astimezone(zone)
                    cell = cells[local.weekday(), local.hour]
                    if instant + period <= stretch.end:
                        cell.survived += SAMPLE_WEIGHT
                    elif ended_by_interruption:
                        cell.broken += SAMPLE_WEIGHT
                instant += SAMPLE
    return dict(cells)


def _next_quarter(instant: datetime) -> datetime:
    """The first quarter hour at or after ``instant`` (every zone's offset is a whole number
    of quarter hours, so a quarter in UTC is one in local time)."""
    past = timedelta(
        minutes=instant.minute % 15, seconds=instant.second, microseconds=instant.microsecond
    )
    return instant if not past else instant - past + SAMPLE


def weekday_means(cells: dict[tuple[int, int], Cell]) -> dict[int, float]:
    """Each weekday's rate of survival, with one trial of each outcome for a day without."""
    survived: dict[int, float] = defaultdict(float)
    trials: dict[int, float] = defaultdict(float)
    for (weekday, _), cell in cells.items():
        survived[weekday] += cell.survived
        trials[weekday] += cell.trials
    return {day: (1 + survived[day]) / (2 + trials[day]) for day in range(7)}


def concentration(cells: dict[tuple[int, int], Cell], means: dict[int, float]) -> float:
    """The prior's strength ``K`` (in trials), from how much the hours differ beyond chance.

    Under a beta-binomial, a cell of ``n`` trials has a rate whose variance around its
    day's mean ``m`` is ``m(1-m)/n`` (chance) plus ``m(1-m) rho (n-1)/n`` (real difference),
    with ``rho = 1/(K+1)``. Summing ``n (r - m)^2 / (m(1-m))`` over the cells and solving for
    ``rho`` gives the moment estimate.
    """
    excess = room = 0.0
    for (weekday, _), cell in cells.items():
        n, m = cell.trials, means[weekday]
        if n <= 1:  # a cell of one trial or less has no room for a real difference
            continue
        rate = cell.survived / n
        excess += n * (rate - m) ** 2 / (m * (1 - m)) - 1
        room += n - 1
    least, greatest = _STRENGTH
    if room <= 0 or excess <= 0:
        return greatest
    return min(greatest, max(least, room / excess - 1))


def best_windows(
    cells: dict[tuple[int, int], Cell],
    means: dict[int, float],
    strength: float,
    day: date,
    zone_name: str,
) -> tuple[Window, ...]:
    """The day's best windows, in the order of the day."""
    weekday, typical = day.weekday(), means[day.weekday()]
    worked = [
        hour
        for hour in range(24)
        if (cell := cells.get((weekday, hour))) and cell.trials >= MIN_HOUR_TRIALS
    ]
    for length in (WINDOW_HOURS, 1):
        starts = [h for h in worked if all(h + i in worked for i in range(length))]
        if starts:
            break
    else:
        return ()
    candidates = sorted(
        (_window(cells, weekday, typical, strength, day, start, length, zone_name)
         for start in starts),
        key=lambda w: (-w.chance, w.start),
    )  # fmt: skip
    chosen: list[Window] = []
    for window in candidates:
        if len(chosen) == MAX_WINDOWS:
            break
        if chosen and window.chance <= typical:
            break
        if all(window.end <= other.start or window.start >= other.end for other in chosen):
            chosen.append(window)
    return tuple(sorted(chosen, key=lambda w: w.start))


def _window(
    cells: dict[tuple[int, int], Cell],
    weekday: int,
    typical: float,
    strength: float,
    day: date,
    hour: int,
    length: int,
    zone_name: str,
) -> Window:
    hours = [cells[weekday, hour + i] for i in range(length)]
    a = strength * typical + sum(cell.survived for cell in hours)
    b = strength * (1 - typical) + sum(cell.broken for cell in hours)
    zone = load_zone(zone_name)
    start = datetime.combine(day, time(hour), zone)
    end = (
        datetime.combine(day + timedelta(days=1), time(), zone)
        if hour + length == 24
        else datetime.combine(day, time(hour + length), zone)
    )
    return Window(
        start,
        end,
        chance=a / (a + b),
        low=beta.quantile(0.05, a, b),
        high=beta.quantile(0.95, a, b),
        confidence=1 - beta.cdf(typical, a, b),
    )


def percent(value: float) -> int:
    """A chance as a whole percentage, never 100 unless it is certain."""
    return min(99, math.floor(value * 100 + 0.5)) if value < 1 else 100

"""A personal ramp-up and flow threshold, proposed from the person's own check-ins.

The model: absorption is a step function of the stretch's age, low before the ramp-up ends
(``r``), higher in deep focus, highest once flow begins (``f``), and never falling
(``a <= b <= c``). Both change points are fitted by least squares over every split the
answers allow; each lies halfway between the last answer before it and the first after.

Each threshold comes with a 95 % interval from a bootstrap over days: whole days of answers
are drawn again with replacement (answers of one day are not independent: one good morning
gives several high ones) and the fit is made again. The proposal is only made from at least
:data:`MIN_ANSWERS` answers over :data:`MIN_DAYS` days, and only when the answers rise with
the stretch's age beyond chance (:func:`rises`); otherwise it says which is missing.
Nothing is changed: the person accepts a proposal or keeps their thresholds.
"""

import random
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from tracker.days import DayClock
from tracker.model import CheckIn
from tracker.settings import ModelParams

MIN_ANSWERS = 20
MIN_DAYS = 5
RESAMPLES = 200
MAX_SPLITS = 48
"""Candidate change points per fit, at quantiles of the ages: enough to place a threshold
within a minute or two, few enough that 200 resamples take well under a second."""
MIN_RISE = 0.5
"""Absorption must rise by at least half a point from ramp-up to flow to say anything."""
SEED = 28
Z_ONE_SIDED_5 = 1.645


@dataclass(frozen=True, slots=True)
class Fit:
    """Each change point lies somewhere in a gap between two answers' ages (any point of it
    fits as well): ``ramp_up`` and ``flow_after`` are the gaps' middles."""

    ramp_gap: tuple[float, float]
    flow_gap: tuple[float, float]
    levels: tuple[float, float, float]

    @property
    def ramp_up(self) -> float:
        return sum(self.ramp_gap) / 2

    @property
    def flow_after(self) -> float:
        return sum(self.flow_gap) / 2


@dataclass(frozen=True, slots=True)
class Proposal:
    """Proposed thresholds with their 95 % intervals, what backs them, and what is in force."""

    ramp_up_min: int
    flow_after_min: int
    ramp_up_interval: tuple[float, float]
    flow_after_interval: tuple[float, float]
    levels: tuple[float, float, float]
    answers: int
    days: int
    current: ModelParams

    def as_params(self) -> ModelParams:
        return ModelParams(self.ramp_up_min, self.flow_after_min, self.current.min_period_min)


@dataclass(frozen=True, slots=True)
class NotEnough:
    """Why there is no proposal: too few answers or days, or answers that do not rise."""

    answers: int
    days: int
    flat: bool = False


def calibrate(
    checkins: Sequence[CheckIn], clock: DayClock, current: ModelParams
) -> Proposal | NotEnough:
    answered = [c for c in checkins if c.answer is not None]
    by_day: dict[date, list[tuple[float, int]]] = defaultdict(list)
    for c in answered:
        assert c.answer is not None
        by_day[clock.day_of(c.at)].append((c.stretch_min, c.answer))
    if len(answered) < MIN_ANSWERS or len(by_day) < MIN_DAYS:
        return NotEnough(len(answered), len(by_day))
    points = [p for day in by_day.values() for p in day]
    fit = fit_steps(points)
    if fit is None or fit.levels[2] - fit.levels[0] < MIN_RISE or not rises(points):
        return NotEnough(len(answered), len(by_day), flat=True)
    rng = random.Random(SEED)
    days = list(by_day.values())
    ramps: list[tuple[float, float]] = []
    flows: list[tuple[float, float]] = []
    for _ in range(RESAMPLES):
        again = fit_steps([p for _ in days for p in rng.choice(days)])
        if again is not None:
            ramps.append(again.ramp_gap)
            flows.append(again.flow_gap)
    ramp_up = max(1, round(fit.ramp_up))
    return Proposal(
        ramp_up_min=ramp_up,
        flow_after_min=max(ramp_up, round(fit.flow_after)),
        ramp_up_interval=interval(ramps, fit.ramp_gap),
        flow_after_interval=interval(flows, fit.flow_gap),
        levels=fit.levels,
        answers=len(answered),
        days=len(by_day),
        current=current,
    )


def rises(points: Sequence[tuple[float, int]]) -> bool:
    """Whether answers rise with age beyond chance: Spearman's rank correlation, one-sided at
    5 % (``rho * sqrt(n - 1)`` is about standard normal when there is no relation). A step
    fitted to noise always finds some rise; this keeps it from being proposed."""
    n = len(points)
    ages = _ranks([age for age, _ in points])
    answers = _ranks([float(answer) for _, answer in points])
    mean = (n + 1) / 2
    covariance = sum((a - mean) * (b - mean) for a, b in zip(ages, answers, strict=True))
    spread = (sum((a - mean) ** 2 for a in ages) * sum((b - mean) ** 2 for b in answers)) ** 0.5
    return bool(spread > 0 and covariance / spread * (n - 1) ** 0.5 > Z_ONE_SIDED_5)


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties given their average rank (answers are 1-5: many ties)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def interval(gaps: list[tuple[float, float]], own: tuple[float, float]) -> tuple[float, float]:
    """From the 2.5th percentile of the refits' gaps' lower ends to the 97.5th of their
    upper ends: a change point is only known to within its gap, so an interval of midpoints
    alone would claim more than the answers say (and missed the true onset in one seed of
    six in the estimator's test, where this misses fewer than one in ten)."""
    if not gaps:
        return own
    lows = sorted(low for low, _ in gaps)
    highs = sorted(high for _, high in gaps)
    last = len(gaps) - 1
    return (lows[round(0.025 * last)], highs[round(0.975 * last)])


def fit_steps(points: Sequence[tuple[float, int]]) -> Fit | None:
    """The least-squares non-decreasing three-level step through ``(age, answer)`` points,
    or ``None`` when too few distinct ages allow two change points."""
    ordered = sorted(points)
    ages = [age for age, _ in ordered]
    n = len(ordered)
    sums = [0.0, *accumulate(float(y) for _, y in ordered)]
    squares = [0.0, *accumulate(float(y * y) for _, y in ordered)]
    splits = _splits(ages)
    if len(splits) < 2:
        return None
    best: tuple[float, int, int] | None = None
    for i, low in enumerate(splits):
        for high in splits[i + 1 :]:
            cost = _cost(sums, squares, 0, low, high, n)
            if cost is not None and (best is None or cost < best[0]):
                best = (cost, low, high)
    if best is None:
        return None
    _, low, high = best
    levels = (
        _mean(sums, 0, low),
        _mean(sums, low, high),
        _mean(sums, high, n),
    )
    return Fit((ages[low - 1], ages[low]), (ages[high - 1], ages[high]), levels)


def _splits(ages: list[float]) -> list[int]:
    """Indices where a change point may fall: between two different ages, at most
    :data:`MAX_SPLITS` of them spread over the ages' quantiles."""
    n = len(ages)
    every = [k for k in range(1, n) if ages[k] > ages[k - 1]]
    if len(every) <= MAX_SPLITS:
        return every
    wanted = sorted(
        {every[round(j * (len(every) - 1) / (MAX_SPLITS - 1))] for j in range(MAX_SPLITS)}
    )
    return wanted


def _cost(
    sums: list[float], squares: list[float], start: int, low: int, high: int, end: int
) -> float | None:
    """The squared error of three levels on ``[start, low)``, ``[low, high)``,
    ``[high, end)``, or ``None`` when they would not rise."""
    means = (_mean(sums, start, low), _mean(sums, low, high), _mean(sums, high, end))
    if not means[0] <= means[1] <= means[2]:
        return None
    total = 0.0
    for (a, b), mean in zip(((start, low), (low, high), (high, end)), means, strict=True):
        total += squares[b] - squares[a] - (b - a) * mean * mean
    return total


def _mean(sums: list[float], a: int, b: int) -> float:
    return (sums[b] - sums[a]) / (b - a)


def answers_by_age(checkins: Sequence[CheckIn], edges: Sequence[float]) -> list[tuple[int, float]]:
    """How many answers, and their mean, in each band of stretch age between ``edges``
    (the report's table and the dashboard's chart)."""
    counts = [0] * (len(edges) + 1)
    totals = [0.0] * (len(edges) + 1)
    for c in checkins:
        if c.answer is not None:
            band = bisect_left(edges, c.stretch_min + 1e-9)
            counts[band] += 1
            totals[band] += c.answer
    return [(n, totals[k] / n if n else 0.0) for k, n in enumerate(counts)]

"""A person's days as a team report counts them, and the shape of that report.

A team report must never show anyone's day, so a person's device does the person's part
(the focus model, with the person's own settings and zone, exactly as their own report
does) and hands the team database only what a team number needs, a summary per local day.
The database aggregates those summaries over the people who share, and hides every cell
that fewer than ``min_group`` people fed (:mod:`data.team`).

A person-day is a local day on which the person tracked time: a day off is nobody's
zero. Its numbers are unrounded; the report rounds what it shows.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tracker import clock as wall
from tracker.counted_once import counted_once
from tracker.dashboard import recoveries
from tracker.days import DayClock
from tracker.forecast import Window
from tracker.metrics import daily_metrics
from tracker.model import Block
from tracker.settings import ModelParams, load_zone
from tracker.timeline import Timeline, build_timeline
from tracker.types import Kind

MINUTE = timedelta(minutes=1)
MIN_GROUP_FLOOR = 3
"""No team cell is ever fed by fewer people than this, whatever a team chose."""
DEFAULT_MIN_GROUP = 5
"""As Microsoft Viva Insights' manager reports: no group smaller than five."""
TREND_WEEKS = 8
"""How many weeks before the reported one the team report compares it with."""
HEADLINES = ("median_period_min", "long_period_share", "interruptions_per_hour")
SUMMARY_VERSION = 2
"""The shape of a day's summary (2: sources by hour): a new shape counts every day again."""
HIDDEN = "·"
"""How a suppressed cell is shown: never as 0 or as an empty cell."""


def shown(value: float | None, shape: str | Callable[[float], str]) -> str:
    """``value`` formatted with ``shape`` (``"{:.0%}"``, or a function such as
    :func:`~tracker.units.decimal`), or :data:`HIDDEN`."""
    if value is None:
        return HIDDEN
    return shape(value) if callable(shape) else shape.format(value)


@dataclass(frozen=True, slots=True)
class Lens:
    """The settings a person's days were counted with: when they change, every day is
    counted again."""

    params: ModelParams
    zone: str

    @property
    def key(self) -> str:
        return json.dumps(
            {
                "ramp_up_min": self.params.ramp_up_min,
                "flow_after_min": self.params.flow_after_min,
                "min_period_min": self.params.min_period_min,
                "zone": self.zone,
                "summary": SUMMARY_VERSION,
            },
            sort_keys=True,
        )


@dataclass(frozen=True, slots=True)
class HourShare:
    """One local hour of a person-day: tracked minutes and interruptions that struck in it."""

    hour: int
    tracked_min: float = 0.0
    internal: int = 0
    external: int = 0


@dataclass(frozen=True, slots=True)
class SourceShare:
    """A source within one local hour: the team report sums only the hours it shows."""

    source: str
    hour: int
    interruptions: int
    recovery_min: float


@dataclass(frozen=True, slots=True)
class PersonDay:
    day: date
    tracked_min: float
    period_min: float
    """Minutes inside uninterrupted periods (the e-factor's numerator)."""
    long_period: bool
    """The day held a period of at least 90 minutes."""
    interruptions: int
    internal: int
    external: int
    recovery_min: float
    hours: tuple[HourShare, ...] = ()
    sources: tuple[SourceShare, ...] = ()

    def as_row(self) -> dict[str, Any]:
        """The summary as the team database stores it (hours and sources as JSON arrays)."""
        return {
            "day": self.day,
            "tracked_min": self.tracked_min,
            "period_min": self.period_min,
            "long_period": self.long_period,
            "interruptions": self.interruptions,
            "internal": self.internal,
            "external": self.external,
            "recovery_min": self.recovery_min,
            "hours": json.dumps(
                [[h.hour, h.tracked_min, h.internal, h.external] for h in self.hours]
            ),
            "sources": json.dumps(
                [[s.source, s.hour, s.interruptions, s.recovery_min] for s in self.sources]
            ),
        }


def span_days(zone_name: str, spans: Iterable[tuple[datetime, datetime]]) -> set[date]:
    """The local days that ``spans`` touch: what a changed block can change."""
    clock = DayClock(load_zone(zone_name))
    return {day for start, end in spans for day, _, _ in clock.split(start, end)}


def person_days(
    blocks: Iterable[Block],
    lens: Lens,
    days: Iterable[date] | None = None,
    now: datetime | None = None,
) -> list[PersonDay]:
    """The person's days with tracked time among ``days`` (every day the blocks touch when
    ``None``), from their finished blocks, counted as their own report counts them. Time
    without interruption records (``model.md``) is left out of a team's numbers: it tells
    neither focus nor its absence, so a day of it alone is no person-day, and it neither
    fills an hour nor dilutes its interruptions."""
    now = now if now is not None else wall.now()
    clock = DayClock(load_zone(lens.zone))
    params = lens.params
    finished = [b for b in blocks if b.end is not None]
    timelines = [build_timeline(b, params, now) for b in counted_once(finished, now)]
    touched = {day for t in timelines for day, _, _ in clock.split(t.start, t.end)}
    wanted = sorted(touched if days is None else set(days) & touched)
    metrics = daily_metrics(timelines, params, clock, wanted)
    hours = _hours(timelines, clock, set(wanted))
    sources = _sources(timelines, clock, set(wanted))
    result = []
    for day in wanted:
        m = metrics[day]
        if m.recorded <= timedelta(0):
            continue
        bands = dict(m.periods_by_length)
        for share in sources[day]:
            hours[day].setdefault(share.hour, HourShare(share.hour))
        result.append(
            PersonDay(
                day=day,
                tracked_min=m.recorded / MINUTE,
                period_min=m.in_periods / MINUTE,
                long_period=bands["90-120"] + bands["120+"] > 0,
                interruptions=m.interruptions,
                internal=m.internal,
                external=m.external,
                recovery_min=m.recovery / MINUTE,
                hours=tuple(hours[day][hour] for hour in sorted(hours[day])),
                sources=sources[day],
            )
        )
    return result


def _hours(
    timelines: Iterable[Timeline], clock: DayClock, days: set[date]
) -> dict[date, dict[int, HourShare]]:
    tracked: dict[tuple[date, int], timedelta] = defaultdict(timedelta)
    struck: dict[tuple[date, int, Kind], int] = defaultdict(int)
    for timeline in timelines:
        if not timeline.block.interruptions_recorded:  # no records: not in the hour map
            continue
        for start, end in timeline.tracked_spans():  # a piece or a few, not six segments
            for day, hour, length in clock.hours(start, end):
                if day in days:
                    tracked[day, hour] += length
        for broken in timeline.breaks:
            day, hour, _ = clock.hour_of(broken.interruption.at)
            if day in days:
                struck[day, hour, broken.interruption.kind] += 1
    cells: dict[date, dict[int, HourShare]] = defaultdict(dict)
    for day, hour in {*tracked, *((d, h) for d, h, _ in struck)}:
        cells[day][hour] = HourShare(
            hour,
            tracked[day, hour] / MINUTE,
            struck[day, hour, Kind.INTERNAL],
            struck[day, hour, Kind.EXTERNAL],
        )
    return cells


def _sources(
    timelines: Iterable[Timeline], clock: DayClock, days: set[date]
) -> dict[date, tuple[SourceShare, ...]]:
    """Each day's sources by local hour: the interruptions that struck in the hour, and the
    recovery they caused that fell in it (:func:`tracker.dashboard.recoveries`)."""
    counts: dict[tuple[date, int, str], int] = defaultdict(int)
    cost: dict[tuple[date, int, str], timedelta] = defaultdict(timedelta)
    for timeline in timelines:
        for interruption in timeline.block.interruptions:
            day, hour, _ = clock.hour_of(interruption.at)
            if day in days:
                counts[day, hour, interruption.source] += 1
        for cause, start, end, causes in recoveries(timeline):
            for day, hour, length in clock.hours(start, end):
                if day in days:
                    cost[day, hour, cause.source] += length / causes
    found: dict[date, list[SourceShare]] = defaultdict(list)
    for day, hour, source in sorted({*counts, *cost}):
        found[day].append(
            SourceShare(source, hour, counts[day, hour, source], cost[day, hour, source] / MINUTE)
        )
    return defaultdict(tuple, {day: tuple(shares) for day, shares in found.items()})


# ---------------------------------------------------------------- the report, as read


@dataclass(frozen=True, slots=True)
class TeamSource:
    """A source ranked by the recovery it caused; ``source`` ``None`` stands for the sources
    that too few people met (their names are hidden too)."""

    source: str | None
    interruptions: int | None
    recovery_min: float | None


@dataclass(frozen=True, slots=True)
class TeamWeek:
    """One week of a team's numbers as the team database returned them: ``None`` is a
    suppressed cell, never a zero."""

    week: str
    min_group: int
    people: int
    person_days: int | None
    median_period_min: float | None
    long_period_share: float | None
    interruptions_per_hour: float | None
    internal_by_hour: tuple[tuple[int | None, ...], ...]
    """Seven rows (Monday first) of 24 cells."""
    external_by_hour: tuple[tuple[int | None, ...], ...]
    sources: tuple[TeamSource, ...]
    suppressed: tuple[str, ...]
    skipped: int = 0
    """Person-days left out because their summary was not one a device could have counted."""
    trend: tuple["TeamWeek", ...] = field(default=())
    """The weeks before, oldest first (their own trend empty)."""
    cells: tuple[tuple[int, int, float, int, int], ...] = ()
    """The hours of the weeks before, for the shared windows (:mod:`tracker.team_forecast`)."""
    windows: tuple[tuple[date, tuple[Window, ...]], ...] = ()
    """The team's best shared windows, worked out from ``cells`` with the reader's period."""

    @classmethod
    def from_json(cls, week: str, data: Mapping[str, Any]) -> "TeamWeek":
        hours = data["hours"]
        return cls(
            week=week,
            min_group=int(data["min_group"]),
            people=int(data["people"]),
            person_days=data["person_days"],
            median_period_min=data["median_period_min"],
            long_period_share=data["long_period_share"],
            interruptions_per_hour=data["interruptions_per_hour"],
            internal_by_hour=tuple(tuple(row) for row in hours["internal"]),
            external_by_hour=tuple(tuple(row) for row in hours["external"]),
            sources=tuple(
                TeamSource(s["source"], s["interruptions"], s["recovery_min"])
                for s in data["sources"]
            ),
            suppressed=tuple(data["suppressed"]),
            skipped=int(data.get("skipped") or 0),
        )

    @property
    def weeks_shown(self) -> tuple["TeamWeek", ...]:
        """The trend and this week, less the weeks before anyone shared (they say nothing)."""
        return tuple(w for w in (*self.trend, self) if w.people or w is self)

    def headline(self, name: str) -> float | None:
        value: float | None = getattr(self, name)
        return value

    def as_json(self) -> dict[str, Any]:
        """``flowtally team report --json``: this week, its trend, and every suppressed cell
        by name (the trend's as ``trend.WEEK.NAME``)."""
        suppressed = list(self.suppressed)
        trend = []
        for before in self.trend:
            trend.append(
                {"week": before.week, "people": before.people}
                | {name: before.headline(name) for name in HEADLINES}
            )
            suppressed += [
                f"trend.{before.week}.{name}" for name in HEADLINES if before.headline(name) is None
            ]
        return {
            "week": self.week,
            "min_group": self.min_group,
            "people": self.people,
            "person_days": self.person_days,
            **{name: self.headline(name) for name in HEADLINES},
            "hours": {
                "internal": [list(row) for row in self.internal_by_hour],
                "external": [list(row) for row in self.external_by_hour],
            },
            "sources": [
                {
                    "source": s.source,
                    "interruptions": s.interruptions,
                    "recovery_min": s.recovery_min,
                }
                for s in self.sources
            ],
            "trend": trend,
            "suppressed": suppressed,
            "skipped": self.skipped,
        }

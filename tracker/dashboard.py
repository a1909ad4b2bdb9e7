"""What the dashboard and the exported report draw, computed from the model and nothing else.

Every number here comes from :mod:`tracker.timeline` and :mod:`tracker.report`, so a chart can
never disagree with ``flowtally report``. Drawing code receives a :class:`WeekView` and only
places it on axes.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from tracker.counted_once import counted_once
from tracker.days import DayClock, week_days
from tracker.intervals import Interval, merge, subtract
from tracker.metrics import Metrics
from tracker.model import Block, Interruption
from tracker.report import WeekReport, week_report
from tracker.settings import ModelParams, load_zone
from tracker.timeline import Timeline, build_timeline
from tracker.types import Kind, Origin, Phase, SegmentKind

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Bar:
    """A piece of a block on one day, in hours since that day's local midnight (a 25-hour DST
    day reaches 25)."""

    start_h: float
    end_h: float
    kind: SegmentKind
    task: str | None
    imported_from: str | None = None
    """The tool the block came from (what the hover text of unrecorded time names)."""


@dataclass(frozen=True, slots=True)
class Mark:
    """An interruption on the day timeline, with the phase it broke."""

    at_h: float
    interruption: Interruption
    phase: Phase


@dataclass(frozen=True, slots=True)
class DayPicture:
    """A day drawn the way the seed articles draw it: phases, pauses and interruption marks."""

    day: date
    bars: tuple[Bar, ...]
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class SourceCost:
    """One interruption source: how often it struck and the recovery (ramp-up after it) it
    caused. A stretch started by several interruptions at once splits its cost evenly."""

    source: str
    count: int
    recovery: timedelta


class HeadlineName(StrEnum):
    """The dashboard's headline numbers, named as the report's JSON names them."""

    PERIODS = "periods"
    E_FACTOR = "e_factor"
    FLOW_MIN = "flow_min"
    LONGEST_STRETCH_MIN = "longest_stretch_min"
    RECOVERY_MIN = "recovery_min"
    INTERRUPTIONS_PER_HOUR = "interruptions_per_hour"

    @property
    def is_ratio(self) -> bool:
        """Shown with two decimals; the ``_min`` ones are lengths, the rest whole numbers."""
        return self in (HeadlineName.E_FACTOR, HeadlineName.INTERRUPTIONS_PER_HOUR)

    @property
    def is_minutes(self) -> bool:
        return self.value.endswith("_min")

    @property
    def lower_is_better(self) -> bool:
        return self in (HeadlineName.RECOVERY_MIN, HeadlineName.INTERRUPTIONS_PER_HOUR)


@dataclass(frozen=True, slots=True)
class Headline:
    """A headline number and its value the week before."""

    name: HeadlineName
    value: float
    previous: float

    @property
    def change(self) -> float:
        return self.value - self.previous


@dataclass(frozen=True, slots=True)
class WeekView:
    """Everything one dashboard week shows."""

    report: WeekReport
    previous: WeekReport
    trend: tuple[WeekReport, ...]
    """The last weeks up to and including this one, oldest first."""
    days: tuple[DayPicture, ...]
    internal_by_hour: tuple[tuple[int, ...], ...]
    """Seven rows (Monday first) of 24 counts: interruptions by local weekday and hour."""
    external_by_hour: tuple[tuple[int, ...], ...]
    sources: tuple[SourceCost, ...]
    """Ranked by recovery caused, then by count."""
    blocks: tuple[Block, ...]
    """The blocks touching the week, oldest first: what the history table lists."""
    compared: Metrics | None = None
    """What the headlines compare with: the week before, or (while this week is going on)
    the week before up to the same weekday and time, so that a Tuesday is not measured
    against a whole week."""
    compared_until: datetime | None = None
    """The instant a week-to-date comparison ends at (``None``: whole weeks compared)."""
    today: date | None = None
    """Today, when it lies in this week: what the charts mark."""
    now_h: float | None = None
    """The time now, in hours since today's local midnight (when ``today`` is set)."""
    devices: Mapping[str, str] = field(default_factory=dict)
    """What the person's other devices are called, by id (their blocks say where they came
    from)."""

    @property
    def headlines(self) -> tuple[Headline, ...]:
        return headlines(self.report.totals, self.compared or self.previous.totals)


def headlines(this: Metrics, before: Metrics) -> tuple[Headline, ...]:
    """The dashboard's headline numbers, each against the week before (the ``_min`` ones in
    minutes: :attr:`HeadlineName.is_minutes`)."""
    return (
        Headline(HeadlineName.PERIODS, this.periods, before.periods),
        Headline(HeadlineName.E_FACTOR, this.e_factor, before.e_factor),
        Headline(HeadlineName.FLOW_MIN, this.flow / MINUTE, before.flow / MINUTE),
        Headline(
            HeadlineName.LONGEST_STRETCH_MIN,
            this.longest_stretch / MINUTE,
            before.longest_stretch / MINUTE,
        ),
        Headline(HeadlineName.RECOVERY_MIN, this.recovery / MINUTE, before.recovery / MINUTE),
        Headline(
            HeadlineName.INTERRUPTIONS_PER_HOUR,
            this.interruptions_per_hour,
            before.interruptions_per_hour,
        ),
    )


def week_view(
    blocks: Sequence[Block],
    trend: Sequence[WeekReport],
    params: ModelParams,
    zone_name: str,
    monday: date,
    now: datetime,
    earlier: Sequence[Block] = (),
    devices: Mapping[str, str] | None = None,
) -> WeekView:
    """The view of the week starting on ``monday``.

    Args:
        blocks: the blocks touching the week (others are ignored).
        trend: consecutive week reports ending with this week; at least two (this week and
            the one before), as :func:`tracker.report.week_reports` makes them.
        earlier: the blocks of the week before, needed while this week is going on (to
            compare with the same span of it).
        devices: the names of the person's other devices, by id.
    """
    if len(trend) < 2 or trend[-1].days[0][0] != monday:
        raise ValueError("trend must end with the week shown and hold the week before")
    names = dict(devices or {})
    clock = DayClock(load_zone(zone_name))
    days = week_days(monday)
    week_start, week_end = clock.midnight(days[0]), clock.midnight(days[-1] + timedelta(days=1))
    inside = [b for b in blocks if _touches(b, week_start, week_end, now)]
    timelines = [build_timeline(b, params, now) for b in counted_once(inside, now)]
    internal, external = _hour_maps(timelines, clock, days, week_start, week_end)
    compared, until, today, now_h = None, None, None, None
    if week_start <= now < week_end:
        today = clock.day_of(now)
        now_h = (now - clock.midnight(today)) / HOUR
        # The same weekday and wall-clock time a week ago (aware arithmetic keeps the wall
        # time across a DST change).
        until = (now.astimezone(clock.zone) - timedelta(weeks=1)).astimezone(UTC)
        cut = [part for b in earlier if (part := until_instant(b, until)) is not None]
        before = monday - timedelta(weeks=1)
        compared = week_report(cut, params, zone_name, before, until).totals
    return WeekView(
        report=trend[-1],
        previous=trend[-2],
        trend=tuple(trend),
        days=tuple(_day_picture(day, timelines, clock, names) for day in days),
        internal_by_hour=internal,
        external_by_hour=external,
        sources=source_costs(timelines, week_start, week_end),
        blocks=tuple(sorted(inside, key=lambda b: b.start)),
        compared=compared,
        compared_until=until,
        today=today,
        now_h=now_h,
        devices=names,
    )


def until_instant(block: Block, cut: datetime) -> Block | None:
    """``block`` as it stood at ``cut``: what happened after is left out (``None`` when it
    had not started). Not a stored block: it is only measured."""
    if block.start >= cut:
        return None

    def ended(end: datetime | None) -> datetime:
        return cut if end is None else min(end, cut)

    pauses = tuple(replace(p, end=ended(p.end)) for p in block.pauses if p.start < cut)
    interruptions = tuple(
        replace(i, end=ended(i.end) if i.end is not None or i.ongoing else None, ongoing=False)
        for i in block.interruptions
        if i.at < cut
    )
    return replace(block, end=ended(block.end), pauses=pauses, interruptions=interruptions)


def _touches(block: Block, start: datetime, end: datetime, now: datetime) -> bool:
    block_end = block.end if block.end is not None else max(now, block.start)
    return block.start < end and block_end > start


def shown_task(block: Block, devices: Mapping[str, str]) -> str | None:
    """A block's task as the charts and the history write it: with the device it came from
    when that is not this one (``spec · desktop``)."""
    device = devices.get(block.device) if block.device is not None else None
    if device is None:  # this one, or one sync has not named yet
        return block.task
    return f"{block.task} · {device}" if block.task else device


def _day_picture(
    day: date, timelines: Iterable[Timeline], clock: DayClock, devices: Mapping[str, str]
) -> DayPicture:
    midnight = clock.midnight(day)
    next_midnight = clock.midnight(day + timedelta(days=1))
    bars: list[Bar] = []
    marks: list[Mark] = []
    shown: list[Interval] = []  # what the blocks drawn so far tracked
    for timeline in timelines:
        if timeline.end <= midnight or timeline.start >= next_midnight:
            continue
        pieces: list[tuple[Interval, SegmentKind]] = []
        for segment in timeline.segments:
            span = (max(segment.start, midnight), min(segment.end, next_midnight))
            if segment.kind is SegmentKind.PAUSED:
                # Another device's block tracked this time (tracker.counted_once): it is
                # drawn there, not this block's pause over it.
                pieces.extend((part, segment.kind) for part in subtract([span], shown))
            elif span[0] < span[1]:
                pieces.append((span, segment.kind))
        task = shown_task(timeline.block, devices)
        for (start, end), kind in pieces:
            if start < end:
                hours = ((start - midnight) / HOUR, (end - midnight) / HOUR)
                bars.append(Bar(*hours, kind, task, timeline.block.imported_from))
        shown = merge([*shown, *(span for span, kind in pieces if kind is not SegmentKind.PAUSED)])
        for broken in timeline.breaks:
            at = broken.interruption.at
            if midnight <= at < next_midnight:
                marks.append(Mark((at - midnight) / HOUR, broken.interruption, broken.phase))
    return DayPicture(day, tuple(bars), tuple(marks))


def _hour_maps(
    timelines: Iterable[Timeline],
    clock: DayClock,
    days: list[date],
    week_start: datetime,
    week_end: datetime,
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    counts = {kind: [[0] * 24 for _ in days] for kind in Kind}
    index = {day: i for i, day in enumerate(days)}
    for timeline in timelines:
        for interruption in timeline.block.interruptions:
            if not week_start <= interruption.at < week_end:
                continue
            day = clock.day_of(interruption.at)
            hour = interruption.at.astimezone(clock.zone).hour
            counts[interruption.kind][index[day]][hour] += 1
    return (
        tuple(tuple(row) for row in counts[Kind.INTERNAL]),
        tuple(tuple(row) for row in counts[Kind.EXTERNAL]),
    )


def recoveries(timeline: Timeline) -> Iterator[tuple[Interruption, datetime, datetime, int]]:
    """Each ramp-up an interruption caused, as ``(cause, start, end, causes)``: the stretch
    is caused by the interruptions that end where it starts (an instant one at its instant, a
    lasting one at its end, clipped to the block), and ``causes`` share it equally."""
    ending_at: dict[datetime, list[Interruption]] = defaultdict(list)
    for interruption in timeline.block.interruptions:
        finish = interruption.at if interruption.end is None else interruption.end
        ending_at[min(finish, timeline.end)].append(interruption)
    ramp_up = timeline.params.ramp_up
    for stretch in timeline.stretches:  # its ramp-up, from the stretch: no segments to make
        if stretch.origin is not Origin.INTERRUPTION:
            continue
        causes = ending_at.get(stretch.start, [])
        ramp_end = min(stretch.end, stretch.start + ramp_up)
        for cause in causes:
            yield cause, stretch.start, ramp_end, len(causes)


def source_costs(
    timelines: Iterable[Timeline], start: datetime, end: datetime
) -> tuple[SourceCost, ...]:
    """Interruption sources in ``[start, end)`` ranked by the recovery they caused.

    Recovery is the ramp-up of a stretch whose origin is an interruption (the spec's
    ``recovery_min``), cut to ``[start, end)`` like the report cuts it, so the costs add up to
    the report's total (:func:`recoveries`).
    """
    counts: dict[str, int] = defaultdict(int)
    cost: dict[str, timedelta] = defaultdict(timedelta)
    for timeline in timelines:
        for interruption in timeline.block.interruptions:
            if start <= interruption.at < end:
                counts[interruption.source] += 1
        for cause, first, last, causes in recoveries(timeline):
            piece = min(last, end) - max(first, start)
            if piece > timedelta(0):
                cost[cause.source] += piece / causes
    names = set(counts) | set(cost)
    ranked = sorted(names, key=lambda s: (-cost[s], -counts[s], s))
    return tuple(SourceCost(name, counts[name], cost[name]) for name in ranked)

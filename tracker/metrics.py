"""Per-day metrics of ``shared/model.md``: phase minutes, interruptions, periods, e-factor.

Minutes are summed as exact ``timedelta`` values and rounded only when shown, so week totals
come from unrounded numbers. Minutes are split at local midnight; a stretch (its period and its
length) belongs to the day it starts on; an interruption to the day of its ``at``.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from tracker.days import DayClock
from tracker.settings import ModelParams
from tracker.timeline import Segment, Timeline
from tracker.types import PERIOD_BANDS, Kind, Origin, Phase, SegmentKind

ZERO = timedelta(0)


def period_band(length: timedelta) -> str:
    """The length band of an uninterrupted period (lower bounds inclusive)."""
    minutes = length / timedelta(minutes=1)
    if minutes < 45:
        return "<45"
    if minutes < 90:
        return "45-90"
    if minutes < 120:
        return "90-120"
    return "120+"


@dataclass(frozen=True, slots=True)
class Metrics:
    """The metrics of one day, or of any span of days combined."""

    rampup: timedelta = ZERO
    deep: timedelta = ZERO
    flow: timedelta = ZERO
    interrupted: timedelta = ZERO
    paused: timedelta = ZERO
    in_periods: timedelta = ZERO
    recovery: timedelta = ZERO
    longest_stretch: timedelta = ZERO
    interruptions: int = 0
    internal: int = 0
    external: int = 0
    flow_breaks: int = 0
    by_source: tuple[tuple[str, int], ...] = ()
    periods_by_length: tuple[tuple[str, int], ...] = tuple((band, 0) for band in PERIOD_BANDS)

    @property
    def tracked(self) -> timedelta:
        """Block time minus pauses."""
        return self.rampup + self.deep + self.flow + self.interrupted

    @property
    def periods(self) -> int:
        return sum(count for _, count in self.periods_by_length)

    @property
    def e_factor(self) -> float:
        """Minutes inside uninterrupted periods per tracked minute (*Peopleware*)."""
        return self.in_periods / self.tracked if self.tracked else 0.0

    @property
    def interruptions_per_hour(self) -> float:
        return self.interruptions / (self.tracked / timedelta(hours=1)) if self.tracked else 0.0

    def as_json(self) -> dict[str, Any]:
        """The metrics as the report's JSON names them, minute values rounded to 2 decimals."""
        return {
            "tracked_min": _minutes(self.tracked),
            "rampup_min": _minutes(self.rampup),
            "deep_min": _minutes(self.deep),
            "flow_min": _minutes(self.flow),
            "interrupted_min": _minutes(self.interrupted),
            "paused_min": _minutes(self.paused),
            "interruptions": self.interruptions,
            "internal": self.internal,
            "external": self.external,
            "by_source": dict(self.by_source),
            "flow_breaks": self.flow_breaks,
            "periods": self.periods,
            "periods_by_length": dict(self.periods_by_length),
            "longest_stretch_min": _minutes(self.longest_stretch),
            "e_factor": round(self.e_factor, 2),
            "recovery_min": _minutes(self.recovery),
            "interruptions_per_hour": round(self.interruptions_per_hour, 2),
        }


def _minutes(value: timedelta) -> float:
    return round(value / timedelta(minutes=1), 2)


def combine(items: Iterable[Metrics]) -> Metrics:
    """Metrics of several days together: sums, except the longest stretch (a maximum)."""
    tally = _Tally()
    for m in items:
        for name in _SUMMED:
            setattr(tally, name, getattr(tally, name) + getattr(m, name))
        tally.longest_stretch = max(tally.longest_stretch, m.longest_stretch)
        tally.by_source.update(dict(m.by_source))
        tally.bands.update(dict(m.periods_by_length))
    return tally.freeze()


@dataclass(slots=True)
class _Tally:
    rampup: timedelta = ZERO
    deep: timedelta = ZERO
    flow: timedelta = ZERO
    interrupted: timedelta = ZERO
    paused: timedelta = ZERO
    in_periods: timedelta = ZERO
    recovery: timedelta = ZERO
    longest_stretch: timedelta = ZERO
    interruptions: int = 0
    internal: int = 0
    external: int = 0
    flow_breaks: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    bands: Counter[str] = field(default_factory=Counter)

    def add_segment(self, segment: Segment, length: timedelta, params: ModelParams) -> None:
        match segment.kind:
            case SegmentKind.PAUSED:
                self.paused += length
            case SegmentKind.INTERRUPTED:
                self.interrupted += length
            case SegmentKind.RAMP_UP:
                self.rampup += length
            case SegmentKind.DEEP:
                self.deep += length
            case SegmentKind.FLOW:
                self.flow += length
        stretch = segment.stretch
        if stretch is None:
            return
        if stretch.length >= params.min_period:
            self.in_periods += length
        if segment.kind is SegmentKind.RAMP_UP and stretch.origin is Origin.INTERRUPTION:
            self.recovery += length

    def freeze(self) -> Metrics:
        return Metrics(
            **{name: getattr(self, name) for name in (*_SUMMED, "longest_stretch")},
            by_source=tuple(sorted(self.by_source.items(), key=lambda kv: (-kv[1], kv[0]))),
            periods_by_length=tuple((band, self.bands[band]) for band in PERIOD_BANDS),
        )


_SUMMED = tuple(
    f.name
    for f in fields(Metrics)
    if f.name not in ("longest_stretch", "by_source", "periods_by_length")
)
"""The metrics a span of days adds up (the accumulator below holds each by the same name)."""


def daily_metrics(
    timelines: Iterable[Timeline], params: ModelParams, clock: DayClock, days: Iterable[date]
) -> dict[date, Metrics]:
    """The metrics of each day in ``days`` from the timelines of the blocks that touch them."""
    tallies = {day: _Tally() for day in days}
    for timeline in timelines:
        first_day, first_day_end = clock.day_ending(timeline.start)
        if timeline.end <= first_day_end:  # nearly every block: no midnight to cut at
            if (tally := tallies.get(first_day)) is None:
                continue
            for segment in timeline.segments:
                tally.add_segment(segment, segment.end - segment.start, params)
        else:
            for segment in timeline.segments:
                for day, start, end in clock.split(segment.start, segment.end):
                    if (tally := tallies.get(day)) is not None:
                        tally.add_segment(segment, end - start, params)
        for stretch in timeline.stretches:
            if (tally := tallies.get(clock.day_of(stretch.start))) is None:
                continue
            tally.longest_stretch = max(tally.longest_stretch, stretch.length)
            if stretch.length >= params.min_period:
                tally.bands[period_band(stretch.length)] += 1
        for broken in timeline.breaks:
            interruption = broken.interruption
            if (tally := tallies.get(clock.day_of(interruption.at))) is None:
                continue
            tally.interruptions += 1
            tally.internal += interruption.kind is Kind.INTERNAL
            tally.external += interruption.kind is Kind.EXTERNAL
            tally.by_source[interruption.source] += 1
            tally.flow_breaks += broken.phase is Phase.FLOW
    return {day: tally.freeze() for day, tally in tallies.items()}

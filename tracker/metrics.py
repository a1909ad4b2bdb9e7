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
from tracker.timeline import BrokenPhase, Stretch, Timeline
from tracker.types import PERIOD_BANDS, Kind, Origin, Phase, SegmentKind

ZERO = timedelta(0)
Piece = tuple[timedelta, SegmentKind, "Stretch | None"]
"""A segment's length on one day, its kind and its stretch (for the three phases)."""


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
    unrecorded: timedelta = ZERO
    """Tracked time of blocks without interruption records (``model.md``)."""
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
        return self.rampup + self.deep + self.flow + self.interrupted + self.unrecorded

    @property
    def recorded(self) -> timedelta:
        """Tracked time whose interruptions are known: the ratios' denominator."""
        return self.rampup + self.deep + self.flow + self.interrupted

    @property
    def periods(self) -> int:
        return sum(count for _, count in self.periods_by_length)

    @property
    def e_factor(self) -> float:
        """Minutes inside uninterrupted periods per tracked minute with records
        (*Peopleware*; ``model.md`` leaves unrecorded minutes out)."""
        return self.in_periods / self.recorded if self.recorded else 0.0

    @property
    def interruptions_per_hour(self) -> float:
        hours = self.recorded / timedelta(hours=1)
        return self.interruptions / hours if hours else 0.0

    def as_json(self) -> dict[str, Any]:
        """The metrics as the report's JSON names them, minute values rounded to 2 decimals."""
        return {
            "tracked_min": _minutes(self.tracked),
            "rampup_min": _minutes(self.rampup),
            "deep_min": _minutes(self.deep),
            "flow_min": _minutes(self.flow),
            "interrupted_min": _minutes(self.interrupted),
            "paused_min": _minutes(self.paused),
            "unrecorded_min": _minutes(self.unrecorded),
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
    unrecorded: timedelta = ZERO
    in_periods: timedelta = ZERO
    recovery: timedelta = ZERO
    longest_stretch: timedelta = ZERO
    interruptions: int = 0
    internal: int = 0
    external: int = 0
    flow_breaks: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    bands: Counter[str] = field(default_factory=Counter)

    def add_pieces(self, pieces: Iterable[Piece], min_period: timedelta) -> None:
        """Segments, or their parts on this day, as ``(length, kind, stretch)``. Summed in
        locals first: a week's report adds thousands."""
        paused = interrupted = rampup = deep = flow = in_periods = recovery = ZERO
        for length, kind, stretch in pieces:
            if stretch is None:
                if kind is SegmentKind.INTERRUPTED:
                    interrupted += length
                elif kind is SegmentKind.UNRECORDED:
                    self.unrecorded += length
                else:
                    paused += length
                continue
            if kind is SegmentKind.RAMP_UP:
                rampup += length
                if stretch.origin is Origin.INTERRUPTION:
                    recovery += length
            elif kind is SegmentKind.DEEP:
                deep += length
            else:
                flow += length
            if stretch.end - stretch.start >= min_period:
                in_periods += length
        self._add(paused, interrupted, rampup, deep, flow, in_periods, recovery)

    def add_day_of(self, timeline: Timeline, min_period: timedelta) -> None:
        """A block that lies within the day, summed from its stretches directly: the
        phases of a stretch of length ``L`` are ``min(L, R)``, ``min(L, F) - R`` past ``R``
        and ``L - F`` past ``F``, the same sums its segments give, without making them."""
        paused = interrupted = rampup = deep = flow = in_periods = recovery = ZERO
        for start, end in timeline.pauses:
            paused += end - start
        for start, end in timeline.interrupted:
            interrupted += end - start
        for start, end in timeline.unrecorded:
            self.unrecorded += end - start
        ramp_up, flow_after = timeline.params.ramp_up, timeline.params.flow_after
        for stretch in timeline.stretches:
            length = stretch.end - stretch.start
            if length > ramp_up:
                rampup += ramp_up
                if stretch.origin is Origin.INTERRUPTION:
                    recovery += ramp_up
                if length > flow_after:
                    deep += flow_after - ramp_up
                    flow += length - flow_after
                else:
                    deep += length - ramp_up
            else:
                rampup += length
                if stretch.origin is Origin.INTERRUPTION:
                    recovery += length
            if length >= min_period:
                in_periods += length
        self.add_stretches(timeline.stretches, min_period)
        self._add(paused, interrupted, rampup, deep, flow, in_periods, recovery)

    def _add(self, *sums: timedelta) -> None:
        """Paused, interrupted, ramp-up, deep, flow, in periods and recovery, added."""
        paused, interrupted, rampup, deep, flow, in_periods, recovery = sums
        self.paused += paused
        self.interrupted += interrupted
        self.rampup += rampup
        self.deep += deep
        self.flow += flow
        self.in_periods += in_periods
        self.recovery += recovery

    def add_stretches(self, stretches: Iterable[Stretch], min_period: timedelta) -> None:
        for stretch in stretches:
            length = stretch.end - stretch.start
            if length > self.longest_stretch:
                self.longest_stretch = length
            if length >= min_period:
                self.bands[period_band(length)] += 1

    def add_breaks(self, breaks: Iterable[BrokenPhase]) -> None:
        for interruption, phase in breaks:
            self.interruptions += 1
            if interruption.kind is Kind.INTERNAL:
                self.internal += 1
            else:
                self.external += 1
            self.by_source[interruption.source] += 1
            if phase is Phase.FLOW:
                self.flow_breaks += 1

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
    min_period = params.min_period
    for timeline in timelines:
        first_day, first_day_end = clock.day_ending(timeline.start)
        breaks = timeline.breaks  # sorted by ``at``; one a clock ran ahead of may lie later
        if timeline.end <= first_day_end and (
            not breaks or breaks[-1].interruption.at < first_day_end
        ):  # nearly every block: no midnight to cut at
            if (tally := tallies.get(first_day)) is not None:
                tally.add_day_of(timeline, min_period)
                tally.add_breaks(breaks)
            continue
        for segment in timeline.segments:
            for day, start, end in clock.split(segment.start, segment.end):
                if (tally := tallies.get(day)) is not None:
                    tally.add_pieces(((end - start, segment.kind, segment.stretch),), min_period)
        for stretch in timeline.stretches:  # a stretch belongs to the day it starts on
            if (tally := tallies.get(clock.day_of(stretch.start))) is not None:
                tally.add_stretches((stretch,), min_period)
        for broken in breaks:  # an interruption to the day of its ``at``
            if (tally := tallies.get(clock.day_of(broken.interruption.at))) is not None:
                tally.add_breaks((broken,))
    return {day: tally.freeze() for day, tally in tallies.items()}

"""One block turned into stretches and phases: the core of ``shared/model.md``.

A block's time is partitioned into segments: paused, interrupted, or one of the three phases of
the stretch it belongs to. A stretch is a maximal interval free of pauses and interruptions;
an instantaneous interruption splits a stretch at its instant. Within a stretch ``[a, b)``:
ramp-up ``[a, a+R)``, deep focus ``[a+R, a+F)``, flow ``[a+F, b)``, each cut at ``b``.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import attrgetter
from typing import NamedTuple

from tracker.intervals import Interval, clip, merge, merge_sorted, subtract
from tracker.model import Block, Interruption
from tracker.settings import ModelParams
from tracker.types import Origin, Phase, SegmentKind


class Stretch(NamedTuple):
    """A maximal uninterrupted, unpaused interval of a block, and what it started after.

    Stretches, segments and breaks are named tuples, immutable as the records are: a week's
    report makes thousands, and a tuple is made in half the time of a frozen dataclass.
    """

    start: datetime
    end: datetime
    origin: Origin

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def last_phase(self, params: ModelParams) -> Phase:
        """The last phase with time in this stretch: what an interruption at its end broke.

        Exactly ``R`` minutes in is still ramp-up, exactly ``F`` minutes in is still deep focus.
        """
        if self.length <= params.ramp_up:
            return Phase.RAMP_UP
        if self.length <= params.flow_after:
            return Phase.DEEP
        return Phase.FLOW

    def phase_at(self, instant: datetime, params: ModelParams) -> Phase:
        """The phase the stretch is in at ``instant`` (inside it)."""
        elapsed = instant - self.start
        if elapsed < params.ramp_up:
            return Phase.RAMP_UP
        if elapsed < params.flow_after:
            return Phase.DEEP
        return Phase.FLOW


class Segment(NamedTuple):
    """A piece of a block with one meaning. ``stretch`` is set for the three phases."""

    start: datetime
    end: datetime
    kind: SegmentKind
    stretch: Stretch | None = None

    @property
    def length(self) -> timedelta:
        return self.end - self.start


class BrokenPhase(NamedTuple):
    """An interruption with the phase it broke."""

    interruption: Interruption
    phase: Phase


@dataclass(frozen=True, slots=True)
class Timeline:
    """A block's stretches and breaks, and the pauses and interrupted time between them.

    Its segments (sorted, covering ``[start, end)`` exactly) are made when first asked for:
    a report sums a block on one day from its stretches directly, and only the charts and a
    block that crosses midnight need the pieces (#27).
    """

    block: Block
    start: datetime
    end: datetime
    stretches: tuple[Stretch, ...]
    breaks: tuple[BrokenPhase, ...]
    pauses: tuple[Interval, ...]
    interrupted: tuple[Interval, ...]
    params: ModelParams
    unrecorded: tuple[Interval, ...] = ()
    """The tracked time of a block without interruption records, between its pauses."""
    made: list[tuple[Segment, ...]] = field(default_factory=list, compare=False, repr=False)
    """The segments once made (a frozen record keeps its cache in a list)."""

    @property
    def segments(self) -> tuple[Segment, ...]:
        if not self.made:
            self.made.append(_segments(self))
        return self.made[0]

    @property
    def tracked(self) -> timedelta:
        """Block time minus pauses."""
        return sum((end - start for start, end in self.tracked_spans()), timedelta())

    def tracked_spans(self) -> list[Interval]:
        """The block between its pauses: what the segments other than the paused ones tile,
        in one piece or a few, without making the segments."""
        return subtract([(self.start, self.end)], list(self.pauses))

    def lengths(self) -> dict[SegmentKind, timedelta]:
        """How long the block spent in each kind of segment (every kind present, 0 if none)."""
        totals = {kind: timedelta() for kind in SegmentKind}
        for segment in self.segments:
            totals[segment.kind] += segment.length
        return totals

    def periods(self, params: ModelParams) -> list[Stretch]:
        """The stretches long enough to count as uninterrupted periods."""
        return [s for s in self.stretches if s.length >= params.min_period]

    def current_stretch(self) -> Stretch | None:
        """The stretch that reaches the timeline's end: the one a running block is in now."""
        if self.stretches and self.stretches[-1].end == self.end:
            return self.stretches[-1]
        return None


def build_timeline(block: Block, params: ModelParams, now: datetime) -> Timeline:
    """``block``'s stretches and breaks. A running block (and an open pause) ends at ``now``.

    The block is assumed valid (:func:`tracker.model.validate_block`). One pass over its
    interruptions (sorted, as a block keeps them) finds the lasting ones and the instants;
    a report builds one of these per block it counts.
    """
    start = block.start
    end = block.end if block.end is not None else max(now, start)
    bounds = (start, end)
    lasting: list[Interval] = []
    points: list[datetime] = []
    for i in block.interruptions:
        at, i_end = i.at, i.end_by(end)
        if i_end is None or i_end == at:
            if not points or points[-1] != at:
                points.append(at)
        elif (c := clip((at, i_end), bounds)) is not None:
            lasting.append(c)
    lasting = merge_sorted(lasting)  # in the order of their ``at``, as the block keeps them
    if block.pauses:
        pauses = merge(
            c
            for p in block.pauses
            if (c := clip((p.start, p.end if p.end is not None else end), bounds)) is not None
        )
        interrupted = subtract(lasting, pauses)
        breaks = merge([*pauses, *lasting])
    else:
        pauses, interrupted, breaks = [], lasting, lasting
    pause_ends = {p_end for _, p_end in pauses}

    if not block.interruptions_recorded:  # nothing is known of its focus (``model.md``)
        unrecorded = tuple(subtract([bounds], pauses)) if pauses else (bounds,)
        return Timeline(block, start, end, (), (), tuple(pauses), (), params, unrecorded)
    stretches = _stretches(bounds, breaks, points, pause_ends)
    last_phase = {s.end: s.last_phase(params) for s in stretches}  # what an ``at`` there broke
    broken = tuple(BrokenPhase(i, last_phase.get(i.at, Phase.NONE)) for i in block.interruptions)
    return Timeline(
        block, start, end, tuple(stretches), broken, tuple(pauses), tuple(interrupted), params
    )


def _segments(timeline: Timeline) -> tuple[Segment, ...]:
    """The timeline cut into pieces of one meaning each, in order."""
    segments = [Segment(s, e, SegmentKind.PAUSED) for s, e in timeline.pauses]
    segments += [Segment(s, e, SegmentKind.INTERRUPTED) for s, e in timeline.interrupted]
    segments += [Segment(s, e, SegmentKind.UNRECORDED) for s, e in timeline.unrecorded]
    ramp_up, flow_after = timeline.params.ramp_up, timeline.params.flow_after
    for stretch in timeline.stretches:
        a, b = stretch.start, stretch.end
        deep_from = min(b, a + ramp_up)
        flow_from = min(b, a + flow_after)
        segments.append(Segment(a, deep_from, SegmentKind.RAMP_UP, stretch))
        if deep_from < flow_from:
            segments.append(Segment(deep_from, flow_from, SegmentKind.DEEP, stretch))
        if flow_from < b:
            segments.append(Segment(flow_from, b, SegmentKind.FLOW, stretch))
    if timeline.pauses or timeline.interrupted or timeline.unrecorded:  # else in order already
        segments.sort(key=_START)
    return tuple(segments)


_START = attrgetter("start")


def _stretches(
    bounds: Interval, breaks: list[Interval], points: list[datetime], pause_ends: set[datetime]
) -> list[Stretch]:
    """The gaps between ``breaks``, cut at the instantaneous interruptions ``points``
    (sorted): one walk over both."""
    stretches: list[Stretch] = []
    point = 0
    for gap_start, gap_end in subtract([bounds], breaks) if breaks else (bounds,):
        while point < len(points) and points[point] <= gap_start:
            point += 1
        a = gap_start
        while point < len(points) and points[point] < gap_end:
            stretches.append(Stretch(a, points[point], _origin(a, bounds[0], pause_ends)))
            a = points[point]
            point += 1
        stretches.append(Stretch(a, gap_end, _origin(a, bounds[0], pause_ends)))
    return stretches


def _origin(at: datetime, block_start: datetime, pause_ends: set[datetime]) -> Origin:
    """Block start wins over anything else there; a pause ending wins over an interruption."""
    if at == block_start:
        return Origin.START
    if at in pause_ends:
        return Origin.RESUME
    return Origin.INTERRUPTION

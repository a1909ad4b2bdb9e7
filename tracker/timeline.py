"""One block turned into stretches and phases: the core of ``shared/model.md``.

A block's time is partitioned into segments: paused, interrupted, or one of the three phases of
the stretch it belongs to. A stretch is a maximal interval free of pauses and interruptions;
an instantaneous interruption splits a stretch at its instant. Within a stretch ``[a, b)``:
ramp-up ``[a, a+R)``, deep focus ``[a+R, a+F)``, flow ``[a+F, b)``, each cut at ``b``.
"""

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.intervals import clip, merge, subtract
from tracker.model import Block, Interruption
from tracker.settings import ModelParams
from tracker.types import Origin, Phase, SegmentKind


@dataclass(frozen=True, slots=True)
class Stretch:
    """A maximal uninterrupted, unpaused interval of a block, and what it started after."""

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


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a block with one meaning. ``stretch`` is set for the three phases."""

    start: datetime
    end: datetime
    kind: SegmentKind
    stretch: Stretch | None = None

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class BrokenPhase:
    """An interruption with the phase it broke."""

    interruption: Interruption
    phase: Phase


@dataclass(frozen=True, slots=True)
class Timeline:
    """A block's segments (sorted, covering ``[start, end)`` exactly), stretches and breaks."""

    block: Block
    start: datetime
    end: datetime
    segments: tuple[Segment, ...]
    stretches: tuple[Stretch, ...]
    breaks: tuple[BrokenPhase, ...]

    @property
    def tracked(self) -> timedelta:
        """Block time minus pauses."""
        return sum(
            (s.length for s in self.segments if s.kind is not SegmentKind.PAUSED), timedelta()
        )

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


_PHASE_SEGMENTS = (SegmentKind.RAMP_UP, SegmentKind.DEEP, SegmentKind.FLOW)


def build_timeline(block: Block, params: ModelParams, now: datetime) -> Timeline:
    """Partition ``block`` into segments. A running block (and an open pause) ends at ``now``.

    The block is assumed valid (:func:`tracker.model.validate_block`).
    """
    start = block.start
    end = block.end if block.end is not None else max(now, start)
    bounds = (start, end)
    pauses = merge(
        c
        for p in block.pauses
        if (c := clip((p.start, p.end if p.end is not None else end), bounds)) is not None
    )
    lasting = merge(
        c
        for i in block.interruptions
        if (i_end := i.end_by(end)) is not None and (c := clip((i.at, i_end), bounds)) is not None
    )
    interrupted = subtract(lasting, pauses)
    breaks = merge([*pauses, *lasting])
    pause_ends = {p_end for _, p_end in pauses}
    points = sorted({i.at for i in block.interruptions if i.end_by(end) in (None, i.at)})

    stretches: list[Stretch] = []
    for gap_start, gap_end in subtract([bounds], breaks):
        cuts = [t for t in points if gap_start < t < gap_end]
        edges = [gap_start, *cuts, gap_end]
        for a, b in itertools.pairwise(edges):
            stretches.append(Stretch(a, b, _origin(a, start, pause_ends)))

    segments: list[Segment] = [Segment(s, e, SegmentKind.PAUSED) for s, e in pauses]
    segments += [Segment(s, e, SegmentKind.INTERRUPTED) for s, e in interrupted]
    for stretch in stretches:
        segments += _phase_segments(stretch, params)
    segments.sort(key=lambda seg: seg.start)

    by_end = {s.end: s for s in stretches}
    broken = tuple(
        BrokenPhase(i, by_end[i.at].last_phase(params) if i.at in by_end else Phase.NONE)
        for i in block.interruptions
    )
    return Timeline(block, start, end, tuple(segments), tuple(stretches), broken)


def _origin(at: datetime, block_start: datetime, pause_ends: set[datetime]) -> Origin:
    """Block start wins over anything else there; a pause ending wins over an interruption."""
    if at == block_start:
        return Origin.START
    if at in pause_ends:
        return Origin.RESUME
    return Origin.INTERRUPTION


def _phase_segments(stretch: Stretch, params: ModelParams) -> list[Segment]:
    a, b = stretch.start, stretch.end
    deep_from = min(b, a + params.ramp_up)
    flow_from = min(b, a + params.flow_after)
    pieces = ((a, deep_from), (deep_from, flow_from), (flow_from, b))
    return [
        Segment(s, e, kind, stretch)
        for (s, e), kind in zip(pieces, _PHASE_SEGMENTS, strict=True)
        if s < e
    ]

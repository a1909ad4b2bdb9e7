"""Invariants of the model, over generated blocks in zones with DST.

- phases + interrupted + paused = block length, and the segments tile the block;
- splitting by local day preserves every total;
- each day's phase minutes are its segments' pieces, however they were summed;
- a report does not depend on the order the blocks come in.
"""

import random
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.days import DayClock, monday_of
from tracker.metrics import combine, daily_metrics
from tracker.model import Block, Interruption, Pause, validate_block
from tracker.report import week_reports
from tracker.settings import ModelParams, load_zone
from tracker.timeline import build_timeline
from tracker.types import Kind, Origin, Phase, SegmentKind

ZONES = ["Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "UTC"]
# Around DST changes in several zones, and ordinary days.
ANCHORS = [
    datetime(2026, 3, 28, 20, tzinfo=UTC),
    datetime(2026, 10, 24, 20, tzinfo=UTC),
    datetime(2026, 11, 1, 0, tzinfo=UTC),
    datetime(2026, 9, 5, 20, tzinfo=UTC),
    datetime(2026, 11, 22, 18, tzinfo=UTC),
]

minutes = st.integers(min_value=0, max_value=600)


@st.composite
def blocks(draw: st.DrawFn, start: datetime | None = None) -> Block:
    begin = start or draw(st.sampled_from(ANCHORS)) + timedelta(minutes=draw(minutes))
    length = draw(st.integers(min_value=1, max_value=900))
    end = begin + timedelta(minutes=length)

    def inside(limit: int = length - 1) -> datetime:
        return begin + timedelta(minutes=draw(st.integers(min_value=0, max_value=limit)))

    pauses = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        pause_start = inside()
        pause_end = pause_start + timedelta(minutes=draw(st.integers(min_value=1, max_value=90)))
        pauses.append(Pause(pause_start, pause_end))
    interruptions = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        at = inside()
        lasting = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=60)))
        interruptions.append(
            Interruption(
                at,
                None if lasting is None else at + timedelta(minutes=lasting),
                draw(st.sampled_from(list(Kind))),
                draw(st.sampled_from(["chat", "person", "self"])),
            )
        )
    block = Block(begin, end, None, tuple(pauses), tuple(interruptions))
    validate_block(block)
    return block


params_strategy = st.builds(
    lambda r, extra, period: ModelParams(r, r + extra, period),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=1, max_value=120),
)


@given(blocks(), params_strategy)
@settings(max_examples=300, deadline=None)
def test_segments_tile_the_block(block: Block, params: ModelParams) -> None:
    assert block.end is not None
    timeline = build_timeline(block, params, block.end)
    assert timeline.segments[0].start == block.start
    assert timeline.segments[-1].end == block.end
    for left, right in zip(timeline.segments, timeline.segments[1:], strict=False):
        assert left.end == right.start
    by_kind = dict.fromkeys(SegmentKind, timedelta())
    for segment in timeline.segments:
        by_kind[segment.kind] += segment.length
    assert sum(by_kind.values(), timedelta()) == block.end - block.start
    assert timeline.tracked == block.end - block.start - by_kind[SegmentKind.PAUSED]
    stretch_time = sum((s.length for s in timeline.stretches), timedelta())
    phase_time = (
        by_kind[SegmentKind.RAMP_UP] + by_kind[SegmentKind.DEEP] + by_kind[SegmentKind.FLOW]
    )
    assert stretch_time == phase_time
    assert len(timeline.breaks) == len(block.interruptions)
    for stretch in timeline.stretches:
        assert stretch.length > timedelta()


@given(blocks(), params_strategy, st.sampled_from(ZONES))
@settings(max_examples=300, deadline=None)
def test_splitting_by_day_preserves_totals(block: Block, params: ModelParams, zone: str) -> None:
    assert block.end is not None
    clock = DayClock(load_zone(zone))
    timeline = build_timeline(block, params, block.end)
    first = clock.day_of(block.start) - timedelta(days=1)
    days = [first + timedelta(days=i) for i in range(4)]
    total = combine(daily_metrics([timeline], params, clock, days).values())
    paused = sum((s.length for s in timeline.segments if s.kind is SegmentKind.PAUSED), timedelta())
    assert total.tracked == timeline.tracked
    assert total.paused == paused
    assert total.interruptions == len(block.interruptions)
    assert total.periods == len(timeline.periods(params))
    assert total.flow_breaks == sum(b.phase is Phase.FLOW for b in timeline.breaks)
    in_periods = sum((s.length for s in timeline.periods(params)), timedelta())
    assert total.in_periods == in_periods
    assert 0 <= total.e_factor <= 1


@given(blocks(), params_strategy, st.sampled_from(ZONES))
@settings(max_examples=300, deadline=None)
def test_each_days_minutes_are_its_segments_pieces(
    block: Block, params: ModelParams, zone: str
) -> None:
    """A block within one day is summed from its stretches, without its segments (#27): the
    sums must be those of the segments' pieces on each day, as a block over midnight gets."""
    assert block.end is not None
    clock = DayClock(load_zone(zone))
    timeline = build_timeline(block, params, block.end)
    first = clock.day_of(block.start)
    days = [first + timedelta(days=i) for i in range(3)]
    expected = {
        day: dict.fromkeys([*SegmentKind, "recovery", "in_periods"], timedelta()) for day in days
    }
    for segment in timeline.segments:
        for day, start, end in clock.split(segment.start, segment.end):
            expected[day][segment.kind] += end - start
            stretch = segment.stretch
            if stretch is None:
                continue
            if segment.kind is SegmentKind.RAMP_UP and stretch.origin is Origin.INTERRUPTION:
                expected[day]["recovery"] += end - start
            if stretch.length >= params.min_period:
                expected[day]["in_periods"] += end - start
    for day, metrics in daily_metrics([timeline], params, clock, days).items():
        assert (
            metrics.rampup,
            metrics.deep,
            metrics.flow,
            metrics.interrupted,
            metrics.paused,
            metrics.recovery,
            metrics.in_periods,
        ) == tuple(
            expected[day][name]
            for name in (
                SegmentKind.RAMP_UP,
                SegmentKind.DEEP,
                SegmentKind.FLOW,
                SegmentKind.INTERRUPTED,
                SegmentKind.PAUSED,
                "recovery",
                "in_periods",
            )
        )


@st.composite
def week_of_blocks(draw: st.DrawFn) -> list[Block]:
    """Non-overlapping blocks laid one after another from a random anchor."""
    cursor = draw(st.sampled_from(ANCHORS))
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        cursor += timedelta(minutes=draw(st.integers(min_value=0, max_value=600)))
        block = draw(blocks(start=cursor))
        out.append(block)
        assert block.end is not None
        cursor = block.end
    return out


@given(week_of_blocks(), st.sampled_from(ZONES), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_report_does_not_depend_on_block_order(
    stored: list[Block], zone: str, rnd: random.Random
) -> None:
    params = ModelParams()
    monday = monday_of(DayClock(load_zone(zone)).day_of(stored[0].start))
    shuffled = stored[:]
    rnd.shuffle(shuffled)
    first = [r.as_json() for r in week_reports(stored, params, zone, monday, 2)]
    second = [r.as_json() for r in week_reports(shuffled, params, zone, monday, 2)]
    assert first == second


def test_week_totals_equal_the_sum_of_their_days() -> None:
    block = Block(
        datetime(2026, 11, 16, 9, tzinfo=UTC),
        datetime(2026, 11, 18, 17, tzinfo=UTC),
        interruptions=(Interruption(datetime(2026, 11, 17, 3, tzinfo=UTC)),),
    )
    (report,) = week_reports([block], ModelParams(), "Europe/Amsterdam", date(2026, 11, 16))
    assert report.totals.tracked == sum((m.tracked for _, m in report.days), timedelta())
    assert report.totals.tracked == timedelta(hours=56)

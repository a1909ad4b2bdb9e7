"""Hand-worked examples of stretches, phases, origins and the phase an interruption broke."""

from datetime import timedelta

import pytest

from tests.tracker.helpers import instant, lasting, m, minutes
from tracker.model import Block, Pause
from tracker.settings import ModelParams
from tracker.timeline import Timeline, build_timeline
from tracker.types import Origin, Phase, SegmentKind

PARAMS = ModelParams()


def timeline(block: Block, params: ModelParams = PARAMS) -> Timeline:
    return build_timeline(block, params, now=m(10_000))


def totals(t: Timeline) -> dict[SegmentKind, float]:
    out = dict.fromkeys(SegmentKind, 0.0)
    for segment in t.segments:
        out[segment.kind] += minutes(segment.length)
    return out


def stretches(t: Timeline) -> list[tuple[float, float, Origin]]:
    return [(minutes(s.start - m(0)), minutes(s.end - m(0)), s.origin) for s in t.stretches]


def broken(t: Timeline) -> list[Phase]:
    return [b.phase for b in t.breaks]


def test_seed_morning_broken_twice_by_colleagues() -> None:
    """09:00-12:00; a colleague at 10:00 for 10 minutes, another drops by at 11:05."""
    block = Block(m(0), m(180), "API design", (), (lasting(60, 70), instant(125)))
    t = timeline(block)
    assert stretches(t) == [
        (0, 60, Origin.START),
        (70, 125, Origin.INTERRUPTION),
        (125, 180, Origin.INTERRUPTION),
    ]
    assert totals(t) == {
        SegmentKind.RAMP_UP: 45,
        SegmentKind.DEEP: 45,
        SegmentKind.FLOW: 30 + 25 + 25,
        SegmentKind.INTERRUPTED: 10,
        SegmentKind.PAUSED: 0,
        SegmentKind.UNRECORDED: 0,
    }
    assert broken(t) == [Phase.FLOW, Phase.FLOW]


def test_a_short_stretch_is_all_ramp_up() -> None:
    t = timeline(Block(m(0), m(10)))
    assert totals(t)[SegmentKind.RAMP_UP] == 10
    assert totals(t)[SegmentKind.DEEP] == 0


@pytest.mark.parametrize(
    ("at", "phase"),
    [
        (5, Phase.RAMP_UP),
        (15, Phase.RAMP_UP),
        (15.5, Phase.DEEP),
        (30, Phase.DEEP),
        (31, Phase.FLOW),
    ],
)
def test_phase_broken_is_the_last_phase_with_time(at: float, phase: Phase) -> None:
    """An interruption exactly 15 minutes in breaks ramp-up; exactly 30 in breaks deep focus."""
    assert broken(timeline(Block(m(0), m(60), interruptions=(instant(at),)))) == [phase]


def test_interruption_at_block_start_breaks_nothing_and_origin_stays_start() -> None:
    t = timeline(Block(m(0), m(60), interruptions=(instant(0),)))
    assert broken(t) == [Phase.NONE]
    assert stretches(t) == [(0, 60, Origin.START)]


def test_interruption_inside_a_pause_counts_but_breaks_nothing() -> None:
    block = Block(m(0), m(60), pauses=(Pause(m(20), m(30)),), interruptions=(lasting(25, 28),))
    t = timeline(block)
    assert broken(t) == [Phase.NONE]
    assert totals(t)[SegmentKind.INTERRUPTED] == 0
    assert totals(t)[SegmentKind.PAUSED] == 10
    assert stretches(t) == [(0, 20, Origin.START), (30, 60, Origin.RESUME)]


def test_interruption_reaching_past_a_pause_end_makes_origin_interruption() -> None:
    block = Block(m(0), m(60), pauses=(Pause(m(20), m(30)),), interruptions=(lasting(25, 35),))
    t = timeline(block)
    assert totals(t)[SegmentKind.INTERRUPTED] == 5
    assert stretches(t)[-1] == (35, 60, Origin.INTERRUPTION)


def test_pause_and_interruption_ending_together_resume() -> None:
    block = Block(m(0), m(60), pauses=(Pause(m(20), m(30)),), interruptions=(lasting(10, 30),))
    t = timeline(block)
    assert stretches(t) == [(0, 10, Origin.START), (30, 60, Origin.RESUME)]
    assert broken(t) == [Phase.RAMP_UP]
    assert totals(t)[SegmentKind.INTERRUPTED] == 10


def test_instant_interruption_at_a_pause_end_still_resumes_and_breaks_nothing() -> None:
    block = Block(m(0), m(60), pauses=(Pause(m(20), m(30)),), interruptions=(instant(30),))
    t = timeline(block)
    assert stretches(t) == [(0, 20, Origin.START), (30, 60, Origin.RESUME)]
    assert broken(t) == [Phase.NONE]


def test_overlapping_interruptions_count_once_each_and_their_time_once() -> None:
    block = Block(m(0), m(120), interruptions=(lasting(40, 60), lasting(50, 70), instant(55)))
    t = timeline(block)
    assert totals(t)[SegmentKind.INTERRUPTED] == 30
    assert len(t.breaks) == 3
    assert broken(t) == [Phase.FLOW, Phase.NONE, Phase.NONE]
    assert stretches(t) == [(0, 40, Origin.START), (70, 120, Origin.INTERRUPTION)]


def test_interruption_past_block_end_is_clipped() -> None:
    t = timeline(Block(m(0), m(60), interruptions=(lasting(50, 90),)))
    assert totals(t)[SegmentKind.INTERRUPTED] == 10
    assert t.segments[-1].end == m(60)


def test_pause_reaching_outside_the_block_is_clipped() -> None:
    t = timeline(Block(m(0), m(60), pauses=(Pause(m(50), m(75)),)))
    assert totals(t)[SegmentKind.PAUSED] == 10


def test_block_starting_with_a_pause_resumes() -> None:
    t = timeline(Block(m(0), m(60), pauses=(Pause(m(0), m(10)),)))
    assert stretches(t) == [(10, 60, Origin.RESUME)]


def test_back_to_back_instant_interruptions_make_short_stretches() -> None:
    t = timeline(Block(m(0), m(60), interruptions=(instant(10), instant(12), instant(12))))
    assert stretches(t) == [
        (0, 10, Origin.START),
        (10, 12, Origin.INTERRUPTION),
        (12, 60, Origin.INTERRUPTION),
    ]
    assert broken(t) == [Phase.RAMP_UP, Phase.RAMP_UP, Phase.RAMP_UP]


def test_zero_length_lasting_interruption_is_instantaneous() -> None:
    t = timeline(Block(m(0), m(60), interruptions=(lasting(20, 20),)))
    assert totals(t)[SegmentKind.INTERRUPTED] == 0
    assert [s[0] for s in stretches(t)] == [0, 20]


def test_equal_ramp_up_and_flow_thresholds_skip_deep_focus() -> None:
    params = ModelParams(ramp_up_min=20, flow_after_min=20, min_period_min=25)
    t = timeline(Block(m(0), m(60), interruptions=(instant(40),)), params)
    assert totals(t)[SegmentKind.DEEP] == 0
    assert broken(t) == [Phase.FLOW]


def test_running_block_and_open_pause_end_now() -> None:
    block = Block(m(0), None, pauses=(Pause(m(30)),))
    t = build_timeline(block, PARAMS, now=m(45))
    assert t.end == m(45)
    assert totals(t)[SegmentKind.PAUSED] == 15
    assert t.current_stretch() is None


def test_segments_cover_the_block_exactly() -> None:
    block = Block(
        m(0),
        m(200),
        pauses=(Pause(m(50), m(60)),),
        interruptions=(lasting(55, 80), instant(100), lasting(150, 150.5)),
    )
    t = timeline(block)
    assert t.segments[0].start == m(0)
    assert t.segments[-1].end == m(200)
    for left, right in zip(t.segments, t.segments[1:], strict=False):
        assert left.end == right.start
    assert sum((s.length for s in t.segments), timedelta()) == timedelta(minutes=200)

"""The dashboard's numbers: worked examples, and properties tying them to the weekly report."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tracker.helpers import instant, lasting, m, minutes
from tests.tracker.test_properties import blocks as block_strategy
from tracker.dashboard import WeekView, shown_task, week_view
from tracker.days import DayClock, monday_of
from tracker.model import Block, Interruption, Pause
from tracker.report import week_reports
from tracker.settings import ModelParams, load_zone
from tracker.types import Kind, Phase, SegmentKind

PARAMS = ModelParams(15, 30, 25)
MONDAY = date(2026, 11, 16)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def view_of(
    blocks: list[Block], zone: str = "UTC", monday: date = MONDAY, weeks: int = 12
) -> WeekView:
    first = monday - timedelta(weeks=weeks - 1)
    trend = week_reports(blocks, PARAMS, zone, first, weeks, NOW)
    return week_view(blocks, trend, PARAMS, zone, monday, NOW)


def test_sources_are_ranked_by_the_recovery_they_caused() -> None:
    # 09:00-11:00 UTC; a chat at 10 min (ramp-up again for 15), a person 09:40-09:50 (then
    # ramp-up 15), a self-interruption at 10:40 (recovery 15).
    block = Block(
        m(0),
        m(120),
        "design",
        interruptions=(
            instant(10, source="chat"),
            lasting(40, 50, source="person"),
            instant(100, Kind.INTERNAL, source="self"),
            instant(105, source="chat"),
        ),
    )
    view = view_of([block])
    costs = {c.source: (c.count, minutes(c.recovery)) for c in view.sources}
    # chat at 10 → stretch 10..40 ramp-up 15; chat at 105 → stretch 105..120 ramp-up 15
    # person → stretch 50..100 ramp-up 15; self at 100 → stretch 100..105, ramp-up 5
    assert costs == {"chat": (2, 30.0), "person": (1, 15.0), "self": (1, 5.0)}
    assert [c.source for c in view.sources] == ["chat", "person", "self"]
    assert sum(minutes(c.recovery) for c in view.sources) == minutes(view.report.totals.recovery)


def test_simultaneous_causes_share_the_recovery() -> None:
    block = Block(
        m(0),
        m(60),
        interruptions=(lasting(10, 20, source="call"), instant(20, source="chat")),
    )
    costs = {c.source: minutes(c.recovery) for c in view_of([block]).sources}
    assert costs == {"call": 7.5, "chat": 7.5}


def test_a_recovery_after_a_pause_is_no_ones_cost() -> None:
    block = Block(
        m(0),
        m(90),
        pauses=(Pause(m(20), m(40)),),
        interruptions=(lasting(30, 40, source="call"),),
    )
    view = view_of([block])
    assert [(c.source, c.count, minutes(c.recovery)) for c in view.sources] == [("call", 1, 0.0)]


def test_day_picture_and_hour_map_in_local_time() -> None:
    # 22:30 to 01:30 Amsterdam time (UTC+1): crosses midnight into Tuesday.
    start = datetime(2026, 11, 16, 21, 30, tzinfo=UTC)
    block = Block(
        start,
        start + timedelta(hours=3),
        "late",
        interruptions=(
            Interruption(start + timedelta(minutes=45), None, Kind.INTERNAL, "self", "tea?"),
            Interruption(start + timedelta(minutes=150), None, Kind.EXTERNAL, "chat"),
        ),
    )
    view = view_of([block], zone="Europe/Amsterdam")
    monday, tuesday = view.days[0], view.days[1]
    assert monday.bars[0].start_h == 22.5
    assert monday.bars[-1].end_h == 24.0
    assert tuesday.bars[0].start_h == 0.0
    assert tuesday.bars[-1].end_h == 1.5
    assert [(mk.at_h, mk.interruption.note, mk.phase) for mk in monday.marks] == [
        (23.25, "tea?", Phase.FLOW)
    ]
    assert [mk.at_h for mk in tuesday.marks] == [1.0]
    assert view.internal_by_hour[0][23] == 1
    assert view.external_by_hour[1][1] == 1
    assert sum(map(sum, view.internal_by_hour)) + sum(map(sum, view.external_by_hour)) == 2


def test_headlines_compare_with_the_week_before() -> None:
    last_week = Block(m(-7 * 24 * 60), m(-7 * 24 * 60 + 60))
    this_week = Block(m(0), m(120), interruptions=(instant(60),))
    view = view_of([last_week, this_week])
    by_name = {h.name.value: h for h in view.headlines}
    assert (by_name["periods"].value, by_name["periods"].previous) == (2, 1)
    assert by_name["flow_min"].value == 30 + 30
    assert by_name["flow_min"].change == 60 - 30
    assert by_name["interruptions_per_hour"].value == pytest.approx(0.5)
    assert len(view.trend) == 12
    assert view.blocks == (this_week,)


def test_the_trend_must_end_with_the_week_shown() -> None:
    trend = week_reports([], PARAMS, "UTC", MONDAY - timedelta(weeks=1), 2, NOW)
    with pytest.raises(ValueError, match="trend"):
        week_view([], trend, PARAMS, "UTC", MONDAY - timedelta(weeks=1), NOW)


def test_a_dst_day_has_25_hours_on_the_timeline() -> None:
    # Europe/Amsterdam left summer time on Sunday 2026-10-25: that day lasts 25 hours.
    start = datetime(2026, 10, 25, 21, 0, tzinfo=UTC)  # 22:00 local, hour 23 of the day
    block = Block(start, start + timedelta(minutes=59))
    view = view_of([block], zone="Europe/Amsterdam", monday=date(2026, 10, 19), weeks=2)
    sunday = view.days[6]
    assert sunday.bars[0].start_h == 23.0
    assert sunday.bars[-1].end_h == pytest.approx(23 + 59 / 60)


@given(
    st.lists(block_strategy(), min_size=1, max_size=4),
    st.sampled_from(["UTC", "Europe/Amsterdam", "America/Santiago"]),
)
@settings(max_examples=150, deadline=None)
def test_the_view_agrees_with_the_report(generated: list[Block], zone: str) -> None:
    # Keep the generated blocks apart so they never overlap.
    spaced = [
        Block(
            b.start + timedelta(days=2 * i),
            None if b.end is None else b.end + timedelta(days=2 * i),
            b.task,
            tuple(
                Pause(p.start + timedelta(days=2 * i), p.end and p.end + timedelta(days=2 * i))
                for p in b.pauses
            ),
            tuple(
                Interruption(
                    x.at + timedelta(days=2 * i),
                    x.end and x.end + timedelta(days=2 * i),
                    x.kind,
                    x.source,
                )
                for x in b.interruptions
            ),
        )
        for i, b in enumerate(generated)
    ]
    clock = DayClock(load_zone(zone))
    monday = monday_of(clock.day_of(spaced[0].start))
    view = view_of(spaced, zone=zone, monday=monday, weeks=2)
    totals = view.report.totals
    assert sum(c.count for c in view.sources) == totals.interruptions
    assert abs(sum(minutes(c.recovery) for c in view.sources) - minutes(totals.recovery)) < 1e-6
    assert sum(map(sum, view.internal_by_hour)) == totals.internal
    assert sum(map(sum, view.external_by_hour)) == totals.external
    for picture, (day, metrics) in zip(view.days, view.report.days, strict=True):
        assert picture.day == day
        phase_hours = sum(
            b.end_h - b.start_h for b in picture.bars if b.kind is not SegmentKind.PAUSED
        )
        assert abs(phase_hours * 60 - minutes(metrics.tracked)) < 1e-6
        assert len(picture.marks) == metrics.interruptions


def test_a_week_in_progress_is_compared_with_the_same_span_of_the_week_before() -> None:
    def at(day: date, hour: float) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(hours=hour)

    before = MONDAY - timedelta(weeks=1)
    blocks = [Block(at(before, 9), at(before, 17)), Block(at(MONDAY, 9), at(MONDAY, 10))]
    now = at(MONDAY, 12)
    trend = week_reports(blocks, PARAMS, "UTC", before, 2, now)
    view = week_view(blocks, trend, PARAMS, "UTC", MONDAY, now, earlier=blocks[:1])
    flow = next(h for h in view.headlines if h.name == "flow_min")
    # This week so far: 60 min, 30 of them flow. Last week to Monday 12:00: 09:00-12:00,
    # 150 min of flow (not the whole 09:00-17:00 day's 450).
    assert (flow.value, flow.previous) == (30, 150)
    assert view.compared_until == at(before, 12)
    assert view.today == MONDAY
    assert view.now_h == 12
    # A week that is over is compared whole with the whole week before.
    done = week_view(blocks, trend, PARAMS, "UTC", MONDAY, at(MONDAY, 24 * 8))
    assert done.compared_until is None
    assert next(h for h in done.headlines if h.name == "flow_min").previous == 450
    assert done.today is None


def test_two_devices_at_the_same_time_draw_each_hour_once() -> None:
    """The laptop's block holds 09:00 to 11:00; the desktop's, 10:00 to 12:30, is drawn from
    11:00 only: not as a pause over the laptop's focus, and no hour twice."""
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    laptop = Block(nine, nine + timedelta(hours=2), "spec")
    desktop = Block(nine + timedelta(hours=1), nine + timedelta(hours=3.5), "review", device="d")
    (monday, *_rest) = view_of([desktop, laptop]).days
    assert not [bar for bar in monday.bars if bar.kind is SegmentKind.PAUSED]
    spans = sorted((bar.start_h, bar.end_h) for bar in monday.bars)
    assert spans[0][0] == 9.0
    assert spans[-1][1] == 12.5
    assert all(a[1] <= b[0] + 1e-9 for a, b in itertools.pairwise(spans))
    assert {bar.task for bar in monday.bars if bar.start_h >= 11} == {"review"}


def test_a_block_from_another_device_says_where_it_came_from() -> None:
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    laptop = Block(nine, nine + timedelta(hours=1), "spec")
    desktop = Block(nine + timedelta(hours=2), nine + timedelta(hours=3), "review", device="d1")
    untitled = Block(nine + timedelta(hours=4), nine + timedelta(hours=5), None, device="d1")
    blocks = [laptop, desktop, untitled]
    trend = week_reports(blocks, PARAMS, "UTC", MONDAY - timedelta(weeks=11), 12, NOW)
    view = week_view(blocks, trend, PARAMS, "UTC", MONDAY, NOW, devices={"d1": "desktop"})
    assert {bar.task for bar in view.days[0].bars} == {"spec", "review · desktop", "desktop"}
    assert shown_task(Block(nine, nine + timedelta(hours=1), "x", device="unnamed"), {}) == "x"

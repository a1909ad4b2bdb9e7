"""Each minute counted once across devices: nothing a block tracked is lost, nothing is
counted twice, blocks of one device pass unchanged, and the result does not depend on the
order the blocks come in (so every device computes the same reports)."""

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tracker.test_properties import blocks, params_strategy
from tracker.counted_once import counted_once
from tracker.intervals import Interval, merge, subtract
from tracker.model import Block, Pause
from tracker.report import week_reports
from tracker.settings import ModelParams

NOW = datetime(2027, 1, 1, tzinfo=UTC)


def tracked(block: Block) -> list[Interval]:
    return subtract(
        [(block.start, block.end or NOW)], merge((p.start, p.end or NOW) for p in block.pauses)
    )


def total(intervals: list[Interval]) -> timedelta:
    return sum((end - start for start, end in intervals), timedelta(0))


@given(st.lists(blocks(), min_size=1, max_size=6))
@settings(max_examples=300, deadline=None)
def test_nothing_tracked_is_lost_and_nothing_is_counted_twice(given_blocks: list[Block]) -> None:
    counted = counted_once(given_blocks, NOW)
    everything = merge(i for b in given_blocks for i in tracked(b))
    parts = [i for b in counted for i in tracked(b)]
    assert total(parts) == total(everything)  # the union, each minute once
    assert merge(parts) == everything
    assert all(b in given_blocks or b.start in {g.start for g in given_blocks} for b in counted)


@given(st.lists(blocks(), min_size=1, max_size=6), st.randoms(use_true_random=False))
@settings(max_examples=200, deadline=None)
def test_the_result_does_not_depend_on_the_order(
    given_blocks: list[Block], shuffler: random.Random
) -> None:
    shuffled = list(given_blocks)
    shuffler.shuffle(shuffled)
    assert counted_once(shuffled, NOW) == counted_once(given_blocks, NOW)


def test_blocks_that_do_not_overlap_pass_unchanged() -> None:
    first = Block(datetime(2026, 11, 16, 9, tzinfo=UTC), datetime(2026, 11, 16, 10, tzinfo=UTC))
    second = Block(datetime(2026, 11, 16, 10, tzinfo=UTC), datetime(2026, 11, 16, 11, tzinfo=UTC))
    assert counted_once([second, first], NOW) == [first, second]


def test_a_laptop_left_running_counts_only_where_the_desktop_did_not() -> None:
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    desktop = Block(nine, nine + timedelta(hours=2), "desktop work", device="desktop")
    laptop = Block(nine + timedelta(hours=1), nine + timedelta(hours=4), "laptop left on")
    desk, lap = counted_once([laptop, desktop], NOW)
    assert desk == desktop
    assert lap.pauses == (Pause(nine + timedelta(hours=1), nine + timedelta(hours=2)),)
    (week,) = week_reports([desktop, laptop], ModelParams(15, 30, 25), "UTC", nine.date(), now=NOW)
    assert week.totals.tracked == timedelta(hours=4)  # 09:00 to 13:00, never 5 hours


@given(st.lists(blocks(), min_size=2, max_size=5), params_strategy)
@settings(max_examples=100, deadline=None)
def test_a_report_never_tracks_more_than_the_union_of_its_blocks(
    given_blocks: list[Block], params: ModelParams
) -> None:
    first = min(b.start for b in given_blocks).date()
    weeks = week_reports(given_blocks, params, "UTC", first, weeks=4, now=NOW)
    reported = sum((w.totals.tracked for w in weeks), timedelta(0))
    assert reported <= total(merge(i for b in given_blocks for i in tracked(b)))

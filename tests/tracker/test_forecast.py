"""The focus forecast on histories generated with a known shape: interruptions crowded into
some hours must push the windows out of them, and a history without a shape must not be
read as one."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.tracker.histories import BUSY, ZONE, busy_rate, workdays
from tracker.forecast import FAIRLY_SURE, MIN_WEEK_TRACKED, Forecast, forecast
from tracker.model import Block
from tracker.settings import ModelParams, load_zone

NEXT = date(2026, 12, 7)  # a Monday
HISTORY = [NEXT - timedelta(weeks=w) for w in range(8, 0, -1)]
NOW = datetime(2026, 12, 4, 12, tzinfo=UTC)


def _workdays(rate_at: dict[int, float], seed: int, weeks: list[date] = HISTORY) -> list[Block]:
    return workdays(rate_at, seed, weeks)


def _run(blocks: list[Block], weeks: list[date] = HISTORY) -> Forecast:
    return forecast(blocks, ModelParams(), ZONE, NEXT, weeks, NOW)


@pytest.mark.parametrize("seed", range(5))
def test_windows_keep_out_of_the_hours_interruptions_crowd_into(seed: int) -> None:
    result = _run(_workdays({h: busy_rate(h) for h in range(24)}, seed))
    zone = load_zone(ZONE)
    for day, windows in result.days[:5]:
        assert 1 <= len(windows) <= 3, day
        for window in windows:
            first, last = window.start.astimezone(zone).hour, window.end.astimezone(zone).hour
            for busy_start, busy_end in BUSY:
                assert last <= busy_start or first >= busy_end, (day, first, last)
        best = max(windows, key=lambda w: w.chance)
        assert best.sureness == "sure"
        assert best.low < best.chance < best.high
    assert [windows for _, windows in result.days[5:]] == [(), ()]  # never worked weekends


@pytest.mark.parametrize("seed", range(5))
def test_a_history_without_a_shape_gives_low_confidence(seed: int) -> None:
    result = _run(_workdays(dict.fromkeys(range(24), 1.5), seed))
    best = [max(windows, key=lambda w: w.chance) for _, windows in result.days[:5]]
    assert all(window.confidence < FAIRLY_SURE for window in best), [
        round(w.confidence, 2) for w in best
    ]
    assert result.strength > 50  # the hours read as the day's typical one


def test_weeks_with_too_little_tracked_time_are_left_out_and_named() -> None:
    blocks = _workdays({h: busy_rate(h) for h in range(24)}, 1, HISTORY[1:])
    thin_monday = HISTORY[0]
    zone = load_zone(ZONE)
    short = datetime.combine(thin_monday, time(9), zone)
    blocks.append(Block(short, short + timedelta(hours=1), "brief"))
    result = _run(blocks)
    assert result.left_out == ((thin_monday, timedelta(hours=1)),)
    assert result.history == tuple(HISTORY[1:])
    assert timedelta(hours=1) < MIN_WEEK_TRACKED


def test_no_history_proposes_nothing() -> None:
    result = _run([])
    assert all(windows == () for _, windows in result.days)
    assert len(result.left_out) == len(HISTORY)

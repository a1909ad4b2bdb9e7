"""A person's days as a team report counts them: the same numbers as the person's own
report, day by day, whatever the zone (a half-hour zone's hours included), and the hours and
sources of a day adding up to the day."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.tracker.test_properties import ZONES, params_strategy, week_of_blocks
from tracker.dashboard import week_view
from tracker.days import monday_of
from tracker.model import Block, Interruption
from tracker.report import week_reports
from tracker.settings import ModelParams
from tracker.team import Lens, PersonDay, person_days, span_days
from tracker.types import Kind

NOW = datetime(2030, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def days_of(blocks: list[Block], lens: Lens) -> dict[date, PersonDay]:
    return {day.day: day for day in person_days(blocks, lens, now=NOW)}


@given(week_of_blocks(), params_strategy, st.sampled_from([*ZONES, "Asia/Kolkata"]))
@settings(max_examples=150, deadline=None)
def test_each_day_is_the_personal_reports_day(
    blocks: list[Block], params: ModelParams, zone: str
) -> None:
    lens = Lens(params, zone)
    counted = days_of(blocks, lens)
    first = monday_of(min(counted) if counted else date(2026, 11, 16))
    weeks = (max(counted, default=first) - first).days // 7 + 1
    reports = week_reports(blocks, params, zone, first, weeks, NOW)
    for report in reports:
        for day, metrics in report.days:
            if metrics.tracked <= timedelta(0):
                assert day not in counted
                continue
            ours = counted[day]
            assert ours.tracked_min == pytest.approx(metrics.tracked / MINUTE)
            assert ours.period_min == pytest.approx(metrics.in_periods / MINUTE)
            assert ours.recovery_min == pytest.approx(metrics.recovery / MINUTE)
            assert (ours.interruptions, ours.internal, ours.external) == (
                metrics.interruptions,
                metrics.internal,
                metrics.external,
            )
            bands = dict(metrics.periods_by_length)
            assert ours.long_period is (bands["90-120"] + bands["120+"] > 0)
            assert sum(h.tracked_min for h in ours.hours) == pytest.approx(ours.tracked_min)
            assert sum(h.internal for h in ours.hours) == ours.internal
            assert sum(h.external for h in ours.hours) == ours.external
            assert sum(s.interruptions for s in ours.sources) == ours.interruptions
            assert sum(s.recovery_min for s in ours.sources) == pytest.approx(ours.recovery_min)
            assert all(0 <= h.hour < 24 for h in ours.hours)
    assert set(counted) <= {day for report in reports for day, _ in report.days}


@given(week_of_blocks(), st.sampled_from(ZONES))
@settings(max_examples=80, deadline=None)
def test_a_week_of_days_has_the_dashboards_hour_map(blocks: list[Block], zone: str) -> None:
    params = ModelParams()
    counted = days_of(blocks, Lens(params, zone))
    if not counted:
        return
    monday = monday_of(min(counted))
    reports = week_reports(blocks, params, zone, monday - timedelta(weeks=1), 2, NOW)
    view = week_view(blocks, reports, params, zone, monday, NOW)
    for offset in range(7):
        day = counted.get(monday + timedelta(days=offset))
        hours = {h.hour: h for h in day.hours} if day else {}
        for hour in range(24):
            cell = hours.get(hour)
            if cell is None or cell.tracked_min <= 0:
                continue  # the team counts an hour only with tracked time in it
            assert cell.internal == view.internal_by_hour[offset][hour]
            assert cell.external == view.external_by_hour[offset][hour]


def test_a_half_hour_zone_cuts_its_hours_at_half_past_utc() -> None:
    start = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)  # 08:30 in Kolkata
    block = Block(
        start,
        start + timedelta(hours=1),
        interruptions=(Interruption(start + timedelta(minutes=40), None, Kind.INTERNAL, "self"),),
    )
    (day,) = person_days([block], Lens(ModelParams(), "Asia/Kolkata"), now=NOW)
    assert [(h.hour, round(h.tracked_min), h.internal) for h in day.hours] == [
        (8, 30, 0),
        (9, 30, 1),
    ]


def test_a_running_block_and_days_not_asked_for_are_left_out() -> None:
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    done = Block(nine, nine + timedelta(hours=2))
    running = Block(nine + timedelta(days=1), None)
    lens = Lens(ModelParams(), "UTC")
    assert [d.day for d in person_days([done, running], lens, now=NOW)] == [date(2026, 11, 16)]
    assert person_days([done], lens, days=[date(2026, 11, 17)], now=NOW) == []
    assert span_days("UTC", [(nine, nine + timedelta(days=1))]) == {
        date(2026, 11, 16),
        date(2026, 11, 17),
    }


def test_time_without_records_stays_out_of_a_teams_numbers() -> None:
    """It tells neither focus nor its absence (``model.md``): a day of it alone is no
    person-day, and beside recorded time it neither fills an hour nor dilutes its rate."""
    nine = datetime(2026, 11, 16, 9, tzinfo=UTC)
    lens = Lens(ModelParams(), "UTC")
    entry = Block(
        nine + timedelta(days=1), nine + timedelta(days=1, hours=3), interruptions_recorded=False
    )
    assert person_days([entry], lens, now=NOW) == []
    recorded = Block(
        nine, nine + timedelta(hours=1), interruptions=(Interruption(nine + timedelta(minutes=20)),)
    )
    later = Block(
        nine + timedelta(hours=2), nine + timedelta(hours=5), interruptions_recorded=False
    )
    (day,) = person_days([recorded, later], lens, now=NOW)
    assert day.tracked_min == 60
    assert [h.hour for h in day.hours] == [9]
    assert day.hours[0].tracked_min == 60

"""Hand-worked weekly reports: midnight and week boundaries, DST days, metric definitions."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tracker.model import Block, Interruption, Pause
from tracker.report import trend_rows, week_report, week_reports
from tracker.settings import ModelParams
from tracker.types import Kind

AMS = "Europe/Amsterdam"
Z = ZoneInfo(AMS)
PARAMS = ModelParams()


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=Z)


def day_json(report: dict[str, Any], iso: str) -> dict[str, Any]:
    return next(d for d in report["days"] if d["date"] == iso)


def test_the_report_lists_seven_days_with_every_metric() -> None:
    report = week_report([], PARAMS, AMS, date(2026, 11, 16)).as_json()
    assert report["week"] == "2026-W47"
    assert report["timezone"] == AMS
    assert report["settings"] == {"ramp_up_min": 15, "flow_after_min": 30, "min_period_min": 25}
    assert [d["date"] for d in report["days"]] == [f"2026-11-{d}" for d in range(16, 23)]
    expected_keys = {
        "tracked_min",
        "rampup_min",
        "deep_min",
        "flow_min",
        "interrupted_min",
        "paused_min",
        "unrecorded_min",
        "interruptions",
        "internal",
        "external",
        "by_source",
        "flow_breaks",
        "periods",
        "periods_by_length",
        "longest_stretch_min",
        "e_factor",
        "recovery_min",
        "interruptions_per_hour",
    }
    assert set(report["totals"]) == expected_keys
    assert set(report["days"][0]) == expected_keys | {"date"}
    assert report["totals"]["periods_by_length"] == {"<45": 0, "45-90": 0, "90-120": 0, "120+": 0}
    assert report["totals"]["e_factor"] == 0
    assert report["totals"]["interruptions_per_hour"] == 0


def test_seed_scenario_day_metrics() -> None:
    """09:00-12:00 broken by a colleague at 10:00 (10 min) and another at 11:05."""
    block = Block(
        local(16, 9),
        local(16, 12),
        "API design",
        (),
        (
            Interruption(local(16, 10), local(16, 10, 10), Kind.EXTERNAL, "person"),
            Interruption(local(16, 11, 5), None, Kind.EXTERNAL, "person"),
        ),
    )
    monday = day_json(week_report([block], PARAMS, AMS, date(2026, 11, 16)).as_json(), "2026-11-16")
    assert monday == {
        "date": "2026-11-16",
        "tracked_min": 180.0,
        "rampup_min": 45.0,
        "deep_min": 45.0,
        "flow_min": 80.0,
        "interrupted_min": 10.0,
        "paused_min": 0.0,
        "unrecorded_min": 0.0,
        "interruptions": 2,
        "internal": 0,
        "external": 2,
        "by_source": {"person": 2},
        "flow_breaks": 2,
        "periods": 3,
        "periods_by_length": {"<45": 0, "45-90": 3, "90-120": 0, "120+": 0},
        "longest_stretch_min": 60.0,
        "e_factor": round(170 / 180, 2),
        "recovery_min": 30.0,
        "interruptions_per_hour": round(2 / 3, 2),
    }


def test_a_block_across_midnight_splits_minutes_but_not_its_period() -> None:
    block = Block(local(17, 23), local(18, 1, 30))
    report = week_report([block], PARAMS, AMS, date(2026, 11, 16)).as_json()
    tuesday, wednesday = day_json(report, "2026-11-17"), day_json(report, "2026-11-18")
    assert (tuesday["tracked_min"], tuesday["rampup_min"], tuesday["deep_min"]) == (60, 15, 15)
    assert tuesday["flow_min"] == 30
    assert (tuesday["periods"], tuesday["longest_stretch_min"]) == (1, 150)
    assert tuesday["periods_by_length"]["120+"] == 1
    assert (wednesday["tracked_min"], wednesday["flow_min"], wednesday["periods"]) == (90, 90, 0)
    assert wednesday["longest_stretch_min"] == 0
    assert wednesday["e_factor"] == 1.0  # its minutes lie inside a period started the day before
    assert report["totals"]["tracked_min"] == 150
    assert report["totals"]["periods"] == 1


def test_a_block_across_the_week_boundary_belongs_to_both_weeks_by_minutes() -> None:
    block = Block(local(22, 23), local(23, 1), interruptions=(Interruption(local(23, 0, 30)),))
    w47, w48 = week_reports([block], PARAMS, AMS, date(2026, 11, 16), 2)
    sunday = w47.as_json()["days"][6]
    monday = w48.as_json()["days"][0]
    assert sunday["date"] == "2026-11-22"
    assert (sunday["tracked_min"], sunday["periods"], sunday["interruptions"]) == (60, 1, 0)
    assert sunday["longest_stretch_min"] == 90
    assert (monday["tracked_min"], monday["interruptions"], monday["flow_breaks"]) == (60, 1, 1)
    assert monday["periods"] == 1  # the 30-minute stretch after the interruption starts Monday
    assert monday["recovery_min"] == 15
    assert w47.totals.tracked + w48.totals.tracked == timedelta(hours=2)


def test_on_the_short_dst_day_a_full_local_day_is_23_hours() -> None:
    block = Block(local(29, 0, month=3), local(30, 0, month=3))
    report = week_report([block], PARAMS, AMS, date(2026, 3, 23)).as_json()
    sunday = day_json(report, "2026-03-29")
    assert sunday["tracked_min"] == 23 * 60
    assert sunday["longest_stretch_min"] == 23 * 60
    assert report["totals"]["tracked_min"] == 23 * 60


def test_on_the_long_dst_day_a_block_over_the_change_counts_real_minutes() -> None:
    start = datetime(2026, 10, 25, 1, 30, tzinfo=Z).astimezone(UTC)  # 01:30 CEST
    block = Block(start, start + timedelta(hours=2))  # ends 02:30 CET, the second 02:30
    sunday = day_json(week_report([block], PARAMS, AMS, date(2026, 10, 19)).as_json(), "2026-10-25")
    assert sunday["tracked_min"] == 120


def test_pauses_internal_external_sources_and_recovery() -> None:
    block = Block(
        local(18, 9),
        local(18, 11),
        pauses=(Pause(local(18, 10), local(18, 10, 15)),),
        interruptions=(
            Interruption(local(18, 9, 20), None, Kind.INTERNAL, "email"),
            Interruption(local(18, 10, 5), None, Kind.EXTERNAL, "chat", "inside the pause"),
            Interruption(local(18, 10, 40), local(18, 10, 45), Kind.EXTERNAL, "chat"),
        ),
    )
    day = day_json(week_report([block], PARAMS, AMS, date(2026, 11, 16)).as_json(), "2026-11-18")
    assert day["paused_min"] == 15
    assert day["tracked_min"] == 105
    assert day["interrupted_min"] == 5
    assert (day["interruptions"], day["internal"], day["external"]) == (3, 1, 2)
    assert day["by_source"] == {"chat": 2, "email": 1}
    # stretches: 09:00-09:20 start, 09:20-10:00 interruption, 10:15-10:40 resume, 10:45-11:00
    assert day["recovery_min"] == 15 + 15
    assert day["periods"] == 2  # 40 and 25 minutes
    assert day["periods_by_length"] == {"<45": 2, "45-90": 0, "90-120": 0, "120+": 0}
    assert day["e_factor"] == round(65 / 105, 2)
    assert day["flow_breaks"] == 0
    assert day["interruptions_per_hour"] == round(3 / (105 / 60), 2)


def test_another_zone_moves_the_day_boundaries() -> None:
    block = Block(local(17, 23), local(18, 1))
    report = week_report([block], PARAMS, "America/New_York", date(2026, 11, 16)).as_json()
    assert day_json(report, "2026-11-17")["tracked_min"] == 120


def test_settings_change_the_phases() -> None:
    params = ModelParams(ramp_up_min=10, flow_after_min=20, min_period_min=60)
    block = Block(local(16, 9), local(16, 10))
    day = week_report([block], params, AMS, date(2026, 11, 16)).as_json()["days"][0]
    assert (day["rampup_min"], day["deep_min"], day["flow_min"], day["periods"]) == (10, 10, 40, 1)
    assert day["periods_by_length"]["45-90"] == 1


def test_trend_rows_summarise_each_week() -> None:
    blocks = [Block(local(16, 9), local(16, 10)), Block(local(24, 9), local(24, 9, 20))]
    rows = trend_rows(week_reports(blocks, PARAMS, AMS, date(2026, 11, 16), 2))
    assert rows[0]["week"] == "2026-W47"
    assert (rows[0]["periods"], rows[0]["periods_per_day"], rows[0]["e_factor"]) == (1, 1.0, 1.0)
    assert (rows[1]["periods"], rows[1]["worked_days"], rows[1]["e_factor"]) == (0, 1, 0.0)


def test_a_running_block_counts_until_now() -> None:
    block = Block(local(16, 9), None, pauses=(Pause(local(16, 9, 30)),))
    report = week_report([block], PARAMS, AMS, date(2026, 11, 16), now=local(16, 10))
    assert report.totals.tracked == timedelta(minutes=30)
    assert report.totals.paused == timedelta(minutes=30)


def test_the_report_breaks_the_week_down_by_task_and_splits_a_block_at_sunday_midnight() -> None:
    blocks = [
        # 60 min on "spec", interrupted once at 20 min: 20 + 40 min stretches, one period.
        Block(
            local(16, 9).astimezone(UTC),
            local(16, 10).astimezone(UTC),
            "spec",
            interruptions=(Interruption(local(16, 9, 20).astimezone(UTC), None, Kind.EXTERNAL),),
            timezone=AMS,
        ),
        Block(local(17, 9).astimezone(UTC), local(17, 9, 30).astimezone(UTC), "spec", timezone=AMS),
        Block(local(18, 14).astimezone(UTC), local(18, 15).astimezone(UTC), None, timezone=AMS),
        # Sunday 23:00 to Monday 01:00: one hour of it belongs to this week.
        Block(local(22, 23).astimezone(UTC), local(23, 1).astimezone(UTC), "late", timezone=AMS),
    ]
    report = week_report(blocks, PARAMS, AMS, date(2026, 11, 16))
    tasks = {line.task: line.metrics for line in report.tasks}
    # Most tracked first; on a tie, named tasks before the time without one.
    assert [line.task for line in report.tasks] == ["spec", "late", None]
    assert tasks["spec"].tracked == timedelta(minutes=90)
    assert tasks["spec"].interruptions == 1
    assert tasks["spec"].periods == 2  # the 40 min stretch and the 30 min block
    assert tasks["late"].tracked == timedelta(hours=1)
    assert sum((m.tracked for m in tasks.values()), timedelta()) == report.totals.tracked
    as_json = report.as_json()["tasks"]
    assert as_json[0] == {
        "task": "spec",
        "tracked_min": 90.0,
        "flow_min": tasks["spec"].flow / timedelta(minutes=1),
        "interruptions": 1,
        "periods": 2,
    }

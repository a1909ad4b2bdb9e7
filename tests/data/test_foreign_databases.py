"""Focus Timer's and Hamster's databases, written by the tests as real SQLite files from
their schemas, read without being changed; a truncated or foreign file is one clear line."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data.foreign_databases import database_source, read_database
from tests.tracker.foreign.writers import focus_timer_db, focus_timer_old_db, hamster_db
from tracker.errors import FlowtallyError, ValidationError
from tracker.foreign.outcome import Reading, finish
from tracker.types import Kind

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
NINE = datetime(2026, 11, 2, 8, tzinfo=UTC)


def test_focus_timer_pomodoros_with_interruption_and_sleep_gaps(tmp_path: Path) -> None:
    path = focus_timer_db(
        tmp_path / "database.sqlite",
        [
            (NINE, NINE + timedelta(minutes=25), "pomodoro", "completed"),
            (NINE + timedelta(minutes=25), NINE + timedelta(minutes=30), "break", "completed"),
            (NINE + timedelta(minutes=30), NINE + timedelta(minutes=40), "pomodoro", "uncompleted"),
            (NINE + timedelta(hours=2), None, "pomodoro", "in-progress"),
            (NINE + timedelta(hours=3), NINE + timedelta(hours=3), "pomodoro", "scheduled"),
        ],
        gaps=[
            (1, NINE + timedelta(minutes=5), NINE + timedelta(minutes=7), "1"),
            (1, NINE + timedelta(minutes=12), NINE + timedelta(minutes=15), "2"),
        ],
        zones=[(NINE - timedelta(days=30), "Europe/Amsterdam")],
    )
    before = path.read_bytes()
    assert database_source(path) == "focus-timer"
    reading = Reading("UTC", NOW)
    outcome = finish(read_database(path, "focus-timer", reading), reading)
    first, voided = (r.block for r in outcome.records)
    assert (first.start, first.end) == (NINE, NINE + timedelta(minutes=25))
    assert first.timezone == "Europe/Amsterdam"  # the zone Focus Timer recorded
    (call,) = first.interruptions
    assert call.end is not None
    assert call.end - call.at == timedelta(minutes=2)
    assert call.kind is Kind.EXTERNAL
    (sleep,) = first.pauses
    assert sleep.start == NINE + timedelta(minutes=12)
    assert voided.end == NINE + timedelta(minutes=40)
    assert first.imported_from == "focus-timer"
    assert sorted((s.label, s.reason) for s in outcome.skipped) == [
        ("timeblock 2", "a break, not focus"),
        ("timeblock 4", "still running (no end)"),
        ("timeblock 5", "never started"),
    ]
    assert path.read_bytes() == before


def test_focus_timer_0_2x_entries(tmp_path: Path) -> None:
    path = focus_timer_old_db(
        tmp_path / "gnome-pomodoro.sqlite",
        [
            ("2026-11-02T08:00:00Z", "pomodoro", 1500),
            ("2026-11-02T08:25:00Z", "short-break", 300),
            ("2026-11-02T08:30:00+00:00", "pomodoro", 600),
        ],
    )
    assert database_source(path) == "focus-timer"
    outcome = read_database(path, "focus-timer", Reading("Europe/Amsterdam", NOW))
    durations = [r.block.end - r.block.start for r in outcome.records if r.block.end]
    assert durations == [timedelta(minutes=25), timedelta(minutes=10)]
    assert [s.label for s in outcome.skipped] == ["entry 2"]


def test_hamster_facts_with_activity_description_and_tags_in_local_time(tmp_path: Path) -> None:
    path = hamster_db(
        tmp_path / "hamster.db",
        [
            ("2026-11-02 09:00:00", "2026-11-02 11:30:00", "Writing", "chapter 2", ["book"]),
            ("2026-11-02 23:00:00", "2026-11-03 00:15:00", "Reading", None, []),
            ("2026-11-03 09:00:00", None, "Writing", None, []),
        ],
    )
    assert database_source(path) == "hamster"
    reading = Reading("Europe/Amsterdam", NOW, tags_in_task=True)
    outcome = read_database(path, "hamster", reading)
    writing, reading_block = (r.block for r in outcome.records)
    assert writing.start == datetime(2026, 11, 2, 8, tzinfo=UTC)
    assert writing.task == "Writing: chapter 2 #book"
    assert not writing.interruptions_recorded
    assert writing.imported_from == "hamster"
    assert reading_block.end is not None
    assert reading_block.end - reading_block.start == timedelta(hours=1, minutes=15)
    assert [(s.label, s.reason) for s in outcome.skipped] == [("fact 3", "still running (no end)")]


def test_a_truncated_database_is_one_clear_line(tmp_path: Path) -> None:
    whole = hamster_db(
        tmp_path / "hamster.db",
        [
            (f"2026-11-{d:02d} 09:00:00", f"2026-11-{d:02d} 10:00:00", "x" * 400, None, [])
            for d in range(1, 29)
        ],
    )
    cut = tmp_path / "cut.db"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(FlowtallyError, match="cannot read the database") as caught:
        read_database(cut, "hamster", Reading("UTC", NOW))
    assert "\n" not in str(caught.value)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(FlowtallyError, match="cannot read the database"):
        database_source(junk)


def test_hamster_facts_across_both_dst_changes(tmp_path: Path) -> None:
    path = hamster_db(
        tmp_path / "hamster.db",
        # 25 Oct 2026 in Amsterdam: 02:00-03:00 happens twice. From 02:40 to 02:10 can only
        # end in the second one: half an hour.
        [("2026-10-25 02:40:00", "2026-10-25 02:10:00", "Night", None, [])],
    )
    reading = Reading("Europe/Amsterdam", NOW)
    (record,) = read_database(path, "hamster", reading).records
    assert record.block.end is not None
    assert record.block.end - record.block.start == timedelta(minutes=30)
    skipped = hamster_db(
        tmp_path / "spring.db",  # 29 Mar 2026: 02:00-03:00 never happens
        [("2026-03-29 02:30:00", "2026-03-29 04:00:00", "Early", None, [])],
    )
    with pytest.raises(ValidationError, match="clocks skip") as caught:
        read_database(skipped, "hamster", reading)
    assert caught.value.path == "fact 1 (start_time)"

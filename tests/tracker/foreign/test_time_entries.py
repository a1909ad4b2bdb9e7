"""Toggl Track's and Clockify's CSV exports, as their users' files really are: a byte-order
mark, 12-hour times, month-first dates, an entry over midnight, across a DST change, a
running entry, and entries that overlap."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.tracker.foreign.writers import clockify_csv, toggl_csv
from tracker.errors import ValidationError
from tracker.foreign.outcome import Reading, finish
from tracker.foreign.time_entries import csv_source, parse_time_entries
from tracker.model import Block

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
AMSTERDAM = Reading("Europe/Amsterdam", NOW)


def blocks(text: str, source: str = "toggl", reading: Reading = AMSTERDAM) -> list[Block]:
    return [r.block for r in finish(parse_time_entries(text, source, reading), reading).records]


def test_a_toggl_entry_is_a_block_without_interruption_records_in_the_files_zone() -> None:
    text = toggl_csv(
        [("Website", "Fix header", "2026-11-02", "09:15:00", "2026-11-02", "11:45:00", "")]
    )
    (block,) = blocks(text)
    assert block.start == datetime(2026, 11, 2, 8, 15, tzinfo=UTC)  # 09:15 in Amsterdam (CET)
    assert block.end == datetime(2026, 11, 2, 10, 45, tzinfo=UTC)
    assert block.task == "Website: Fix header"
    assert not block.interruptions_recorded
    assert block.imported_from == "toggl"
    assert block.timezone == "Europe/Amsterdam"


def test_twelve_hour_times_without_a_bom_and_the_task_from_what_there_is() -> None:
    text = toggl_csv(
        [
            ("", "Reading", "2026-11-02", "12:10:00 AM", "2026-11-02", "12:40:00 AM", ""),
            ("Ops", "", "2026-11-02", "12:00:00 PM", "2026-11-02", "1:30 PM", ""),
        ],
        bom=False,
    )
    first, second = blocks(text, reading=Reading("UTC", NOW))
    assert (first.start.hour, first.start.minute, first.task) == (0, 10, "Reading")
    assert second.start.hour == 12
    assert second.end == second.start + timedelta(hours=1, minutes=30)
    assert second.task == "Ops"


def test_an_entry_over_midnight_and_one_across_the_autumn_dst_change() -> None:
    text = toggl_csv(
        [
            ("", "Late", "2026-10-20", "11:30:00 PM", "2026-10-21", "12:30:00 AM", ""),
            # 25 Oct 2026: 03:00 CEST becomes 02:00 CET; 01:30 to 03:30 local is 3 hours.
            ("", "Night shift", "2026-10-25", "01:30:00", "2026-10-25", "03:30:00", ""),
        ]
    )
    late, night = blocks(text)
    assert late.end is not None
    assert late.end - late.start == timedelta(hours=1)
    assert night.end is not None
    assert night.end - night.start == timedelta(hours=3)


def test_a_time_the_clocks_skip_is_refused_by_its_line() -> None:
    text = toggl_csv([("", "x", "2026-03-29", "02:30:00", "2026-03-29", "04:00:00", "")])
    with pytest.raises(ValidationError, match="clocks skip") as caught:
        blocks(text)
    assert caught.value.path == "line 2 (start time)"


def test_a_running_entry_is_skipped_and_said() -> None:
    text = toggl_csv(
        [
            ("", "done", "2026-11-02", "09:00:00", "2026-11-02", "10:00:00", ""),
            ("", "running", "2026-11-02", "10:30:00", "", "", ""),
        ]
    )
    outcome = parse_time_entries(text, "toggl", AMSTERDAM)
    assert [r.label for r in outcome.records] == ["line 2"]
    assert [(s.label, s.reason) for s in outcome.skipped] == [("line 3", "still running (no end)")]


def test_clockify_month_first_dates_are_proven_by_a_day_past_twelve() -> None:
    text = clockify_csv(
        [
            ("API", "Design", "03/01/2026", "09:00 AM", "03/01/2026", "10:00 AM", "deep"),
            ("API", "Review", "03/13/2026", "09:00 AM", "03/13/2026", "10:00 AM", ""),
        ]
    )
    assert csv_source(text.splitlines()[0].split(",")) == "clockify"
    design, review = blocks(text, "clockify", Reading("UTC", NOW))
    assert design.start.date() == datetime(2026, 3, 1).date()  # 1 March, not 3 January
    assert review.start.date() == datetime(2026, 3, 13).date()
    assert design.imported_from == "clockify"


def test_an_ambiguous_date_is_refused_unless_the_user_says_which() -> None:
    text = clockify_csv([("", "x", "03/01/2026", "09:00", "03/01/2026", "10:00", "")])
    with pytest.raises(ValidationError, match="--date-format") as caught:
        blocks(text, "clockify")
    assert caught.value.path == "line 2"
    day_first = Reading("UTC", NOW, date_order="day-first")
    (block,) = blocks(text, "clockify", day_first)
    assert block.start.date() == datetime(2026, 1, 3).date()


def test_tags_go_into_the_task_only_when_asked() -> None:
    row = ("Web", "Fix", "2026-11-02", "09:00", "2026-11-02", "10:00", "design, urgent")
    (plain,) = blocks(toggl_csv([row]))
    assert plain.task == "Web: Fix"
    tagged = Reading("Europe/Amsterdam", NOW, tags_in_task=True)
    (with_tags,) = blocks(toggl_csv([row]), reading=tagged)
    assert with_tags.task == "Web: Fix #design #urgent"


def test_overlapping_entries_are_refused_naming_both_or_skipped_when_asked() -> None:
    text = toggl_csv(
        [
            ("", "a", "2026-11-02", "09:00", "2026-11-02", "10:00", ""),
            ("", "b", "2026-11-02", "09:30", "2026-11-02", "10:30", ""),
        ]
    )
    with pytest.raises(ValidationError, match="overlaps line 2") as caught:
        blocks(text)
    assert caught.value.path == "line 3"
    skipping = Reading("Europe/Amsterdam", NOW, skip_overlaps=True)
    outcome = finish(parse_time_entries(text, "toggl", skipping), skipping)
    assert [r.block.task for r in outcome.records] == ["a"]
    assert [(s.label, s.reason) for s in outcome.skipped] == [("line 3", "overlaps line 2")]


def test_an_entry_in_the_future_is_refused() -> None:
    text = toggl_csv([("", "later", "2027-01-04", "09:00", "2027-01-04", "10:00", "")])
    with pytest.raises(ValidationError, match="future") as caught:
        blocks(text)
    assert caught.value.path == "line 2"


def test_a_missing_column_or_a_broken_time_is_one_clear_refusal() -> None:
    text = toggl_csv([("", "x", "2026-11-02", "09:00", "2026-11-02", "10:00", "")])
    without_end = "\n".join(",".join(cells.split(",")[:10]) for cells in text.splitlines())
    with pytest.raises(ValidationError, match="no column 'End time'"):
        blocks(without_end)
    broken = text.replace("10:00", "25:61")
    with pytest.raises(ValidationError, match="25:61") as caught:
        blocks(broken)
    assert caught.value.path == "line 2 (end time)"

"""Flowkeeper's event log: a pomodoro's work is a block, ``AddInterruption`` an interruption
(with or without its duration), a void ends the work, rest is not focus."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.tracker.foreign.writers import flowkeeper_event as event
from tracker.errors import ValidationError
from tracker.foreign.flowkeeper import is_flowkeeper, parse_flowkeeper
from tracker.foreign.outcome import Foreign, Reading, finish
from tracker.types import Kind

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
READING = Reading("Europe/Amsterdam", NOW)
HEAD = [
    "# exported by Flowkeeper",
    event(1, "2026-11-02 08:00:00+00:00", "CreateUser", "ann@example.org", "Ann"),
    event(2, "2026-11-02 08:00:01+00:00", "CreateBacklog", "b1", "Monday"),
    event(3, "2026-11-02 08:00:02+00:00", "CreateWorkitem", "w1", "b1", 'Write the "intro"'),
    event(4, "2026-11-02 08:00:03+00:00", "AddPomodoro", "w1", "3"),
]


def read(*lines: str) -> Foreign:
    return finish(parse_flowkeeper("\n".join([*HEAD, *lines]) + "\n", READING), READING)


def test_a_pomodoro_is_its_work_and_an_interruption_keeps_its_duration_and_reason() -> None:
    outcome = read(
        event(5, "2026-11-02 09:00:00+00:00", "StartTimer", "w1", "1500", "300"),
        event(6, "2026-11-02 09:10:00+00:00", "AddInterruption", "w1", "Phone call", "120.5"),
        event(7, "2026-11-02 09:20:00+00:00", "AddInterruption", "w1", "Internal: an idea"),
    )
    (record,) = outcome.records
    block = record.block
    assert record.label == "line 6"
    assert block.start == datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert block.end == block.start + timedelta(minutes=25)  # the rest is not focus
    assert block.task == 'Write the "intro"'
    assert block.interruptions_recorded
    assert block.imported_from == "flowkeeper"
    call, idea = block.interruptions
    assert call.end == call.at + timedelta(seconds=120.5)
    assert call.note == "Phone call"
    assert call.kind is Kind.EXTERNAL
    assert idea.end is None
    assert idea.kind is Kind.INTERNAL


def test_a_voided_pomodoro_ends_at_the_void_either_way_flowkeeper_writes_it() -> None:
    outcome = read(
        event(5, "2026-11-02 09:00:00+00:00", "StartTimer", "w1", "1500", "300"),
        event(6, "2026-11-02 09:12:00+00:00", "AddInterruption", "w1", "Pomodoro voided: fire"),
        event(7, "2026-11-02 10:00:00+00:00", "StartWork", "w1", "1500"),
        event(8, "2026-11-02 10:05:00+00:00", "VoidPomodoro", "w1"),
    )
    first, second = (r.block for r in outcome.records)
    assert first.end == datetime(2026, 11, 2, 9, 12, tzinfo=UTC)
    assert not first.interruptions
    assert second.end == datetime(2026, 11, 2, 10, 5, tzinfo=UTC)


def test_an_interruption_during_rest_is_left_out_and_said() -> None:
    outcome = read(
        event(5, "2026-11-02 09:00:00+00:00", "StartTimer", "w1", "1500", "300"),
        event(6, "2026-11-02 09:27:00+00:00", "AddInterruption", "w1", "Door", "60"),
    )
    assert not outcome.records[0].block.interruptions
    assert [(s.label, s.reason) for s in outcome.skipped] == [
        ("line 7", "an interruption outside a pomodoro's work")
    ]


def test_a_renamed_item_a_tracker_over_midnight_and_a_running_pomodoro() -> None:
    outcome = read(
        event(5, "2026-11-02 22:00:00+00:00", "RenameWorkitem", "w1", "Night reading"),
        event(6, "2026-11-02 22:30:00+00:00", "StartTimer", "w1", "", ""),
        event(7, "2026-11-03 00:40:00+00:00", "StopTimer", ""),
        event(8, "2026-12-01 11:50:00+00:00", "StartTimer", "w1", "1500", "300"),
    )
    (night,) = (r.block for r in outcome.records)
    assert night.task == "Night reading"
    assert night.end is not None
    assert night.end - night.start == timedelta(hours=2, minutes=10)
    assert [(s.label, s.reason) for s in outcome.skipped] == [("line 9", "still running (no end)")]


def test_local_times_without_an_offset_are_read_in_the_zone_across_dst() -> None:
    outcome = read(
        event(5, "2026-10-25 01:50:00", "StartTimer", "w1", "3600", "300"),
    )
    (block,) = (r.block for r in outcome.records)
    assert block.start == datetime(2026, 10, 24, 23, 50, tzinfo=UTC)  # CEST, before the change
    assert block.end is not None
    assert block.end - block.start == timedelta(hours=1)


def test_a_line_that_does_not_parse_or_an_encrypted_log_is_refused_by_line() -> None:
    with pytest.raises(ValidationError, match="not a Flowkeeper event") as caught:
        read('6, 2026-11-02 09:00:00+00:00, ann@example.org: StartTimer("w1", broken')
    assert caught.value.path == "line 6"
    with pytest.raises(ValidationError, match="encrypted"):
        read("+gAAAAABl0123")
    with pytest.raises(ValidationError, match="seconds"):
        read(event(5, "2026-11-02 09:00:00+00:00", "StartTimer", "w1", "-5"))


def test_its_first_event_is_how_a_log_is_recognised() -> None:
    assert is_flowkeeper(HEAD[1])
    assert not is_flowkeeper("User,Email,Client,Project")
    assert not is_flowkeeper('{"format": "flowtally/1"}')

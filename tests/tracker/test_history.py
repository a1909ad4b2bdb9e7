"""History edits typed by the user: fields, additions, removals, and clear refusals."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.errors import FlowtallyError
from tracker.history import (
    Change,
    Part,
    add_interruption,
    edit_field,
    free_slot,
    new_block,
    remove,
)
from tracker.model import Block, Interruption, Pause
from tracker.types import Kind

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
# Monday 2026-11-16, 09:00-11:00 Amsterdam time (UTC+1).
START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
BLOCK = Block(
    START,
    START + timedelta(hours=2),
    "spec",
    (Pause(START + timedelta(minutes=60), START + timedelta(minutes=70)),),
    (Interruption(START + timedelta(minutes=30), None, Kind.EXTERNAL, "chat", "ping"),),
    id=7,
)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS).astimezone(UTC)


def test_a_clock_time_means_the_blocks_own_day() -> None:
    edited = edit_field(BLOCK, Part.BLOCK, 0, "start", "08:45", AMS, NOW)
    assert edited.start == local(16, 8, 45)
    assert edited.id == 7
    assert edit_field(BLOCK, Part.BLOCK, 0, "end", "2026-11-16 11:30", AMS, NOW).end == local(
        16, 11, 30
    )


def test_an_end_before_the_start_on_the_clock_rolls_over_midnight() -> None:
    late = Block(local(16, 23), local(16, 23, 30))
    assert edit_field(late, Part.BLOCK, 0, "end", "01:00", AMS, NOW).end == local(17, 1)


def test_interruption_fields() -> None:
    edited = edit_field(BLOCK, Part.INTERRUPTION, 0, "kind", "Internal", AMS, NOW)
    assert edited.interruptions[0].kind is Kind.INTERNAL
    edited = edit_field(edited, Part.INTERRUPTION, 0, "source", "  ", AMS, NOW)
    assert edited.interruptions[0].source == "other"
    edited = edit_field(edited, Part.INTERRUPTION, 0, "end", "09:40", AMS, NOW)
    assert edited.interruptions[0].end == local(16, 9, 40)
    edited = edit_field(edited, Part.INTERRUPTION, 0, "end", "", AMS, NOW)
    assert edited.interruptions[0].end is None
    edited = edit_field(edited, Part.INTERRUPTION, 0, "note", "", AMS, NOW)
    assert edited.interruptions[0].note is None


@pytest.mark.parametrize(
    ("part", "field", "text", "message"),
    [
        (Part.BLOCK, "end", "08:30", "end after it starts"),
        (Part.BLOCK, "start", "2026-11-30 09:00", "in the future"),
        (Part.BLOCK, "start", "25:00", "not a time of day"),
        (Part.BLOCK, "start", "tomorrow", "cannot read the time"),
        (Part.INTERRUPTION, "at", "12:00", "outside its block"),
        (Part.INTERRUPTION, "kind", "boss", "not a kind"),
        (Part.PAUSE, "end", "09:30", "pause must end after it starts"),
        (Part.BLOCK, "colour", "red", "no field"),
    ],
)
def test_impossible_edits_are_refused_with_the_reason(
    part: Part, field: str, text: str, message: str
) -> None:
    with pytest.raises(FlowtallyError, match=message):
        edit_field(BLOCK, part, 0, field, text, AMS, NOW)


def test_a_skipped_local_time_is_refused() -> None:
    with pytest.raises(FlowtallyError, match="skip"):
        new_block("2026-03-29 02:30", "03:30", "", AMS, NOW)


def test_adding_and_removing() -> None:
    block = new_block("2026-11-17 14:00", "15:30", " review ", AMS, NOW)
    assert (block.start, block.end, block.task) == (local(17, 14), local(17, 15, 30), "review")
    block = add_interruption(block, "14:20", "5", "internal", "", "coffee?", AMS, NOW)
    (added,) = block.interruptions
    assert (added.at, added.end, added.kind, added.source, added.note) == (
        local(17, 14, 20),
        local(17, 14, 25),
        Kind.INTERNAL,
        "other",
        "coffee?",
    )
    with pytest.raises(FlowtallyError, match="not a number"):
        add_interruption(block, "14:20", "five", "internal", "", "", AMS, NOW)
    with pytest.raises(FlowtallyError, match="outside its block"):
        add_interruption(block, "16:00", "", "external", "chat", "", AMS, NOW)
    assert remove(block, Part.INTERRUPTION, 0).interruptions == ()  # type: ignore[union-attr]
    assert remove(BLOCK, Part.PAUSE, 0).pauses == ()  # type: ignore[union-attr]
    assert remove(BLOCK, Part.BLOCK, 0) is None
    with pytest.raises(FlowtallyError, match="no longer in the block"):
        remove(BLOCK, Part.INTERRUPTION, 3)


def test_a_running_block_has_no_end_to_edit() -> None:
    running = Block(START)
    with pytest.raises(FlowtallyError, match="ends when it is stopped"):
        edit_field(running, Part.BLOCK, 0, "end", "10:00", AMS, NOW)


def test_a_change_undoes_by_swapping() -> None:
    change = Change(None, BLOCK, "add")
    assert change.inverse() == Change(BLOCK, None, "add")


def test_a_free_slot_follows_the_days_blocks_and_never_overlaps_or_reaches_the_future() -> None:
    later = Block(local(16, 11, 30), local(16, 12, 0), "mail")
    day = local(16, 0).astimezone(AMS).date()
    # 09:00 is taken (09:00-11:00), so is 11:30-12:00: the first free hour is 12:00-13:00.
    assert free_slot([BLOCK, later], day, AMS, NOW) == (local(16, 12), local(16, 13))
    # An empty day: the working morning.
    assert free_slot([], day, AMS, NOW) == (local(16, 9), local(16, 10))
    # Today, with the morning taken and it being 12:00 UTC (13:00 here): the hour before now.
    today = Block(local(23, 9), local(23, 11, 10))
    assert free_slot([today], NOW.astimezone(AMS).date(), AMS, NOW) == (
        local(23, 11, 10),
        local(23, 12, 10),
    )
    # A day in the future has no free slot that is not in the future: the last hour is offered.
    assert free_slot([], date(2026, 11, 30), AMS, NOW) == (NOW - timedelta(hours=1), NOW)


def test_a_change_points_at_the_record_it_brought_back() -> None:
    without = remove(BLOCK, Part.INTERRUPTION, 0)
    assert without is not None
    assert Change(without, BLOCK, "undo").touched() == (Part.INTERRUPTION, 0)
    assert Change(BLOCK, without, "delete").touched() == (Part.BLOCK, 0)
    no_pause = remove(BLOCK, Part.PAUSE, 0)
    assert no_pause is not None
    assert Change(no_pause, BLOCK, "undo").touched() == (Part.PAUSE, 0)

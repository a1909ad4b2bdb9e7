"""Gap resolution and interruption edits, pure."""

from datetime import UTC, datetime, timedelta

import pytest

from tracker import edits
from tracker.edits import Gap, GapChoice, GapReason
from tracker.errors import TransitionError
from tracker.model import Block, Interruption
from tracker.types import Kind

T = datetime(2026, 11, 16, 9, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T + timedelta(minutes=minutes)


RUNNING = Block(at(0), None, "work", (), (Interruption(at(10), None, id=7),))


def test_a_gap_can_become_a_break_an_interruption_or_stay_focus() -> None:
    gap = Gap(at(30), at(50), GapReason.AWAY)
    as_break = edits.resolve_gap(RUNNING, gap, GapChoice.BREAK, "UTC")
    assert [(p.start, p.end) for p in as_break.pauses] == [(at(30), at(50))]
    as_interruption = edits.resolve_gap(
        RUNNING, gap, GapChoice.INTERRUPTION, "UTC", Kind.EXTERNAL, "meeting", "stand-up"
    )
    added = as_interruption.interruptions[-1]
    assert (added.at, added.end, added.source, added.note) == (
        at(30),
        at(50),
        "meeting",
        "stand-up",
    )
    assert edits.resolve_gap(RUNNING, gap, GapChoice.FOCUS, "UTC") == RUNNING


def test_a_gap_is_clipped_to_the_block() -> None:
    finished = Block(at(0), at(40))
    resolved = edits.resolve_gap(
        finished, Gap(at(-10), at(60), GapReason.SLEEP), GapChoice.BREAK, "UTC"
    )
    assert [(p.start, p.end) for p in resolved.pauses] == [(at(0), at(40))]


def test_retag_and_close() -> None:
    tagged = edits.retag(RUNNING, 7, Kind.INTERNAL, "  ", "thought")
    assert (tagged.interruptions[0].kind, tagged.interruptions[0].source) == (
        Kind.INTERNAL,
        "other",
    )
    closed = edits.close(tagged, 7, at(15))
    assert closed.interruptions[0].end == at(15)
    assert edits.close(tagged, 7, at(5)).interruptions[0].end == at(10)
    with pytest.raises(TransitionError, match="no longer"):
        edits.close(tagged, 99, at(15))


def test_a_provisional_break_becomes_what_the_user_says() -> None:
    gap = Gap(at(30), at(50), GapReason.SLEEP)
    provisional = edits.resolve_gap(RUNNING, gap, GapChoice.BREAK, "UTC")
    assert edits.reclassify_gap(provisional, gap, GapChoice.FOCUS, "UTC").pauses == ()
    as_interruption = edits.reclassify_gap(provisional, gap, GapChoice.INTERRUPTION, "UTC")
    assert as_interruption.pauses == ()
    assert as_interruption.interruptions[-1].end == at(50)
    assert edits.reclassify_gap(provisional, gap, GapChoice.BREAK, "UTC") == provisional

"""The status others read: the line for chat, its "until", waybar's object, whether
notifications are quiet, and the events a change is made of."""

import itertools
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import i18n
from tracker.availability import (
    ENOUGH_STRETCHES,
    Availability,
    availability,
    quiet_wanted,
    stretch_lengths,
    usual_end,
)
from tracker.days import DayClock
from tracker.focus_events import FocusEvent, focus_events
from tracker.model import Block, Interruption, Pause
from tracker.settings import ModelParams, QuietFrom
from tracker.status import Status, live_status
from tracker.types import Phase

ZONE = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 16, 9, 50, tzinfo=UTC)  # 10:50 in Amsterdam
CLOCK = DayClock(ZONE)
PARAMS = ModelParams()


@pytest.fixture
def dutch() -> Iterator[None]:
    i18n.use("nl")
    try:
        yield
    finally:
        i18n.use(None)


def status_of(block: Block | None, now: datetime = NOW) -> Status:
    return live_status(block, [block] if block else [], PARAMS, CLOCK, now)


def running(minutes: float, **fields: object) -> Block:
    return Block(NOW - timedelta(minutes=minutes), task="API design", **fields)  # type: ignore[arg-type]


def shown(block: Block | None, planned: float = 0, past: tuple[float, ...] = ()) -> Availability:
    return availability(status_of(block), ZONE, planned, past, PARAMS)


def test_in_deep_focus_until_the_planned_end() -> None:
    # 20 minutes into a planned 50-minute block: until 11:20 Amsterdam time.
    now = shown(running(20), planned=50)
    assert now.line == "In deep focus until about 11:20 — I'll reply after."
    assert (now.state, now.phase, now.minutes) == ("running", Phase.DEEP, 20)
    assert now.until == NOW + timedelta(minutes=30)


def test_until_is_the_median_of_past_stretches_that_lasted_as_long(dutch: None) -> None:
    # 40 minutes in: stretches shorter than that tell nothing about this one.
    past = (5.0, 10.0, 12.0, 45.0, 50.0, 60.0, 70.0, 90.0)
    now = shown(running(40), past=past)
    assert now.until == NOW - timedelta(minutes=40) + timedelta(minutes=60)
    assert now.line == "In flow tot ongeveer 11:10 — ik reageer daarna."


def test_too_little_history_names_no_time() -> None:
    past = tuple(float(m) for m in range(30, 30 + ENOUGH_STRETCHES - 1))
    assert shown(running(20), past=past).line == "In deep focus — I'll reply after."
    assert usual_end(timedelta(minutes=20), NOW, past) is None
    assert usual_end(timedelta(minutes=20), NOW, (*past, 99.0)) is not None


def test_a_planned_end_passed_falls_back_to_history() -> None:
    assert shown(running(60), planned=50).until is None


def test_ramp_up_paused_interrupted_and_idle_lines(dutch: None) -> None:
    assert shown(running(3)).line == "Aan het focussen — ik reageer daarna."
    pause = Pause(NOW - timedelta(minutes=4))
    assert shown(running(30, pauses=(pause,))).state == "paused"
    assert shown(running(30, pauses=(pause,))).minutes == 4
    ongoing = Interruption(NOW - timedelta(minutes=2), ongoing=True)
    interrupted = shown(running(30, interruptions=(ongoing,)))
    assert (interrupted.state, interrupted.phase, interrupted.minutes) == (
        "interrupted",
        Phase.NONE,
        2,
    )
    assert interrupted.line == "Net onderbroken; zo weer aan het focussen."
    assert shown(None).line == "Niet in een focusblok."


def test_waybar_object_has_the_fields_waybar_reads() -> None:
    block = running(20)
    value = json.loads(shown(block).text(waybar=True))
    assert set(value) >= {"text", "tooltip", "class", "percentage"}
    assert value["class"] == "deep"
    assert value["percentage"] == 33  # 5 of the 15 minutes from deep focus to flow
    assert value["text"] == "deep focus 20 min"
    assert json.loads(shown(None).text(waybar=True))["text"] == ""


@pytest.mark.parametrize(
    ("minutes", "setting", "quiet"),
    [
        (14.9, QuietFrom.DEEP, False),
        (15, QuietFrom.DEEP, True),
        (40, QuietFrom.DEEP, True),
        (20, QuietFrom.FLOW, False),
        (30, QuietFrom.FLOW, True),
        (40, QuietFrom.OFF, False),
    ],
)
def test_quiet_from_the_chosen_phase(minutes: float, setting: QuietFrom, quiet: bool) -> None:
    assert quiet_wanted(status_of(running(minutes)), setting) is quiet


def test_never_quiet_while_interrupted_or_paused() -> None:
    ongoing = Interruption(NOW - timedelta(seconds=5), ongoing=True)
    assert not quiet_wanted(status_of(running(40, interruptions=(ongoing,))), QuietFrom.DEEP)
    paused = running(40, pauses=(Pause(NOW - timedelta(minutes=1)),))
    assert not quiet_wanted(status_of(paused), QuietFrom.DEEP)
    assert not quiet_wanted(status_of(None), QuietFrom.DEEP)


def test_stretch_lengths_leave_the_running_stretch_out() -> None:
    block = running(60, interruptions=(Interruption(NOW - timedelta(minutes=20)),))
    done = Block(NOW - timedelta(hours=3), NOW - timedelta(hours=2))
    assert stretch_lengths([block, done], PARAMS, NOW) == [40.0, 60.0]


def events(*blocks: Block | None, at: list[datetime] | None = None) -> list[list[str]]:
    shown_: list[Availability] = []
    for index, block in enumerate(blocks):
        now = at[index] if at else NOW
        shown_.append(availability(status_of(block, now), ZONE, 0, (), PARAMS))
    out = [[e.value for e in focus_events(None, shown_[0])]]
    out += [[e.value for e in focus_events(a, b)] for a, b in itertools.pairwise(shown_)]
    return out


def test_events_of_a_block_in_order() -> None:
    start = NOW - timedelta(minutes=40)
    block = Block(start)
    ongoing = Interruption(NOW, ongoing=True)
    interrupted = Block(start, interruptions=(ongoing,))
    back = Block(start, interruptions=(Interruption(NOW, NOW + timedelta(minutes=1)),))
    paused = Block(
        start, interruptions=back.interruptions, pauses=(Pause(NOW + timedelta(minutes=2)),)
    )
    steps = [
        NOW - timedelta(minutes=30),
        NOW - timedelta(minutes=20),
        NOW + timedelta(seconds=1),
        NOW + timedelta(minutes=1, seconds=1),
        NOW + timedelta(minutes=3),
    ]
    assert events(block, block, interrupted, back, paused, at=steps) == [
        ["block-started"],
        ["phase-changed"],  # ramp-up to deep focus
        ["interrupted", "phase-changed"],
        ["back", "phase-changed"],
        ["paused", "phase-changed"],
    ]
    assert events(block, None)[1] == ["block-stopped", "phase-changed"]


def test_an_interruption_between_two_looks_is_interrupted_then_back() -> None:
    block = running(40)
    broken = running(40, interruptions=(Interruption(NOW - timedelta(seconds=30)),))
    assert events(block, broken)[1] == ["interrupted", "back", "phase-changed"]


def test_a_pause_between_two_looks_is_paused_then_resumed() -> None:
    """A ``pause`` and a ``resume`` that reach the tray between two looks (the status is drawn
    at most every moment) still reach the hooks, like an interruption that came and went."""
    block = running(40)
    rested = running(40, pauses=(Pause(NOW - timedelta(seconds=50), NOW - timedelta(seconds=20)),))
    assert events(block, rested)[1][:2] == ["paused", "resumed"]
    again = running(
        40,
        pauses=(
            Pause(NOW - timedelta(minutes=5), NOW - timedelta(seconds=50)),
            Pause(NOW - timedelta(seconds=10)),
        ),
    )
    first = running(40, pauses=(Pause(NOW - timedelta(minutes=5)),))
    assert events(first, again)[1][:2] == ["resumed", "paused"]  # resumed, and paused again


@given(st.lists(st.sampled_from(["run", "interrupt", "back", "pause", "resume"]), max_size=12))
def test_every_interruption_has_its_back_before_the_next(actions: list[str]) -> None:
    """Whatever the order of what happened, the events never say "back" without an
    "interrupted" before it, nor "interrupted" twice without a "back" or a pause."""
    start = NOW - timedelta(hours=2)
    block, moment, seen = Block(start), start + timedelta(minutes=1), []
    before = availability(status_of(block, moment), ZONE, 0, (), PARAMS)
    for action in actions:
        moment += timedelta(minutes=5)
        block = _apply(block, action, moment)
        after = availability(status_of(block, moment), ZONE, 0, (), PARAMS)
        seen += [e for e in focus_events(before, after) if e is not FocusEvent.PHASE_CHANGED]
        before = after
    open_ = False
    for event in seen:
        if event is FocusEvent.INTERRUPTED:
            assert not open_
            open_ = True
        elif event is FocusEvent.BACK:
            assert open_
            open_ = False
        elif event is FocusEvent.PAUSED:
            open_ = False


def _apply(block: Block, action: str, at: datetime) -> Block:
    from dataclasses import replace

    ongoing = block.open_interruption
    paused = block.open_pause
    if action == "interrupt" and ongoing is None and paused is None:
        return replace(block, interruptions=(*block.interruptions, Interruption(at, ongoing=True)))
    if action == "back" and ongoing is not None:
        closed = replace(ongoing, end=at, ongoing=False)
        return replace(block, interruptions=(*block.interruptions[:-1], closed))
    if action == "pause" and paused is None:
        kept = block
        if ongoing is not None:
            closed = replace(ongoing, end=at, ongoing=False)
            kept = replace(block, interruptions=(*block.interruptions[:-1], closed))
        return replace(kept, pauses=(*kept.pauses, Pause(at)))
    if action == "resume" and paused is not None:
        return replace(block, pauses=(*block.pauses[:-1], replace(paused, end=at)))
    return block

"""The running block's state machine, pure."""

from datetime import UTC, datetime, timedelta

import pytest

from tracker import running
from tracker.errors import TransitionError
from tracker.model import Interruption
from tracker.running import State, state_of

T = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T + timedelta(minutes=minutes)


def test_the_documented_transitions() -> None:
    assert state_of(None) is State.IDLE
    block = running.start(None, at(0), "UTC", "write")
    assert state_of(block) is State.RUNNING
    block = running.interrupt(block, Interruption(at(5)))
    assert state_of(block) is State.RUNNING
    block = running.pause(block, at(10), "UTC")
    assert state_of(block) is State.PAUSED
    block = running.interrupt(block, Interruption(at(12)))
    assert state_of(block) is State.PAUSED
    block = running.resume(block, at(20))
    assert state_of(block) is State.RUNNING
    block = running.stop(block, at(30))
    assert state_of(block) is State.IDLE
    assert block.end == at(30)
    assert len(block.interruptions) == 2


@pytest.mark.parametrize(
    ("setup", "command", "message"),
    [
        ("idle", lambda b: running.pause(b, at(1), "UTC"), "cannot pause: no focus block"),
        ("idle", lambda b: running.stop(b, at(1)), "cannot stop: no focus block"),
        ("idle", lambda b: running.interrupt(b, Interruption(at(1))), "no focus block"),
        ("running", lambda b: running.start(b, at(1), "UTC", None), "already running"),
        ("running", lambda b: running.resume(b, at(1)), "not paused"),
        ("paused", lambda b: running.pause(b, at(30), "UTC"), "is paused"),
        ("running", lambda b: running.stop(b, at(0)), "no length"),
        ("running", lambda b: running.pause(b, at(-1), "UTC"), "before"),
        ("running", lambda b: running.interrupt(b, Interruption(at(-1))), "before the running"),
    ],
)
def test_commands_that_do_not_fit_say_why(setup: str, command: object, message: str) -> None:
    block = None
    if setup != "idle":
        block = running.start(None, at(0), "UTC", None)
    if setup == "paused":
        block = running.pause(block, at(10), "UTC")
    with pytest.raises(TransitionError, match=message):
        command(block)  # type: ignore[operator]


def test_stop_while_paused_ends_at_the_pause() -> None:
    block = running.pause(running.start(None, at(0), "UTC", None), at(40), "UTC")
    stopped = running.stop(block, at(400))
    assert stopped.end == at(40)
    assert stopped.pauses == ()


def test_an_immediate_resume_leaves_no_empty_pause() -> None:
    block = running.pause(running.start(None, at(0), "UTC", None), at(40), "UTC")
    assert running.resume(block, at(40)).pauses == ()


def test_stop_before_a_logged_interruption_is_refused() -> None:
    block = running.interrupt(running.start(None, at(0), "UTC", None), Interruption(at(30)))
    with pytest.raises(TransitionError, match="before the block's last recorded event"):
        running.stop(block, at(20))

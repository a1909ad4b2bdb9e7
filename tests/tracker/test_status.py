"""The live status: phase and stretch at the instant of an interruption, and while paused."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.days import DayClock
from tracker.model import Block, Interruption, Pause
from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import live_status
from tracker.types import Phase

NOW = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
CLOCK = DayClock(ZoneInfo("Europe/Amsterdam"))
PARAMS = ModelParams()


def test_flow_after_forty_uninterrupted_minutes() -> None:
    status = live_status(Block(NOW - timedelta(minutes=40)), [], PARAMS, CLOCK, NOW)
    assert (status.state, status.phase) == (State.RUNNING, Phase.FLOW)
    assert status.stretch == timedelta(minutes=40)
    assert status.next_phase_in is None


def test_an_interruption_at_this_very_instant_means_ramp_up_again() -> None:
    block = Block(NOW - timedelta(minutes=40), interruptions=(Interruption(NOW),))
    status = live_status(block, [block], PARAMS, CLOCK, NOW)
    assert status.phase is Phase.RAMP_UP
    assert status.stretch == timedelta(0)
    assert status.next_phase_in == timedelta(minutes=15)
    assert status.today.interruptions == 1
    assert status.today.flow_breaks == 1


def test_a_second_after_an_interruption_is_ramp_up() -> None:
    block = Block(
        NOW - timedelta(minutes=40), interruptions=(Interruption(NOW - timedelta(seconds=1)),)
    )
    status = live_status(block, [block], PARAMS, CLOCK, NOW)
    assert status.phase is Phase.RAMP_UP
    assert status.stretch == timedelta(seconds=1)


def test_paused_has_no_phase() -> None:
    block = Block(NOW - timedelta(minutes=40), pauses=(Pause(NOW - timedelta(minutes=5)),))
    status = live_status(block, [block], PARAMS, CLOCK, NOW)
    assert (status.state, status.phase) == (State.PAUSED, Phase.NONE)
    assert status.tracked == timedelta(minutes=35)

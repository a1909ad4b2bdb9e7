"""When Flowtally may ask for a flow check-in, and what an answer is stored with."""

import random
import statistics
from datetime import UTC, datetime, timedelta

import pytest

from tracker import checkins
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.model import Block, CheckIn, Interruption, Pause
from tracker.settings import ModelParams, load_zone
from tracker.types import Phase

PARAMS = ModelParams()
CLOCK = DayClock(load_zone("Europe/Amsterdam"))
T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_moment_is_the_age_of_its_stretch_and_its_phase() -> None:
    block = Block(T0, None, interruptions=(Interruption(at(20), at(25)),))
    assert checkins.moment_at(block, PARAMS, at(10)) == checkins.Moment(at(10), 10, Phase.RAMP_UP)
    assert checkins.moment_at(block, PARAMS, at(20)) == checkins.Moment(at(20), 20, Phase.DEEP)
    assert checkins.moment_at(block, PARAMS, at(22)) is None  # in the interruption
    assert checkins.moment_at(block, PARAMS, at(60.5)) == checkins.Moment(
        at(60.5), 35.5, Phase.FLOW
    )


def test_no_moment_while_paused_interrupted_or_outside() -> None:
    paused = Block(T0, None, pauses=(Pause(at(30)),))
    assert checkins.moment_at(paused, PARAMS, at(40)) is None
    assert checkins.moment_at(paused, PARAMS, at(30)) == checkins.Moment(at(30), 30, Phase.DEEP)
    pressed = Block(T0, None, interruptions=(Interruption(at(50), ongoing=True),))
    assert checkins.moment_at(pressed, PARAMS, at(51)) is None
    stopped = Block(T0, at(45))
    assert checkins.moment_at(stopped, PARAMS, at(45)) == checkins.Moment(at(45), 45, Phase.FLOW)
    assert checkins.moment_at(stopped, PARAMS, at(46)) is None
    with pytest.raises(FlowtallyError):
        checkins.checkin(paused, PARAMS, at(40), 3, "UTC")


def test_at_most_so_many_a_day_and_never_two_within_an_hour() -> None:
    def asked(*minutes: float) -> list[CheckIn]:
        return [CheckIn(at(m), 3, 20, Phase.DEEP) for m in minutes]

    assert checkins.may_ask([], 4, CLOCK, at(0))
    assert not checkins.may_ask([], 0, CLOCK, at(0))  # off
    assert not checkins.may_ask(asked(0), 4, CLOCK, at(59))
    assert checkins.may_ask(asked(0), 4, CLOCK, at(60))
    assert not checkins.may_ask(asked(0, 60, 120, 180), 4, CLOCK, at(300))
    assert checkins.may_ask(asked(0, 60, 120), 4, CLOCK, at(300))
    yesterday = [CheckIn(at(-24 * 60 + m), 3, 20, Phase.DEEP) for m in (0, 60, 120, 180)]
    assert checkins.may_ask(yesterday, 4, CLOCK, at(0))


def test_recent_keeps_today_and_the_last_hour() -> None:
    late = CheckIn(at(-9 * 60 - 30), 2, 20, Phase.DEEP)  # 23:30 the day before
    early = CheckIn(at(-20 * 60), 2, 20, Phase.DEEP)
    block = Block(at(-24 * 60), at(-60), checkins=(early, late))
    assert checkins.recent([block], CLOCK, at(-9 * 60 + 15)) == [late]
    assert checkins.recent([block], CLOCK, at(0)) == []


def test_the_end_of_a_deep_stretch_is_asked_about_once_the_person_is_back() -> None:
    broken = Block(T0, None, interruptions=(Interruption(at(40), ongoing=True),))
    assert checkins.ended_to_ask([broken], PARAMS, at(42), after=T0) is None  # interrupted
    back = Block(T0, None, interruptions=(Interruption(at(40), at(43)),))
    moment = checkins.ended_to_ask([back], PARAMS, at(43), after=T0)
    assert moment == checkins.Moment(at(40), 40, Phase.FLOW)
    assert checkins.ended_to_ask([back], PARAMS, at(43), after=at(40)) is None  # asked already
    assert checkins.ended_to_ask([back], PARAMS, at(51), after=T0) is None  # no longer fresh
    short = Block(T0, None, interruptions=(Interruption(at(10), at(11)),))
    assert checkins.ended_to_ask([short], PARAMS, at(12), after=T0) is None  # still ramping up
    stopped = Block(T0, at(25))
    assert checkins.ended_to_ask([stopped], PARAMS, at(25), after=T0) == checkins.Moment(
        at(25), 25, Phase.DEEP
    )
    paused = Block(T0, None, pauses=(Pause(at(30)),))
    assert checkins.ended_to_ask([paused], PARAMS, at(31), after=T0) is None
    resumed = Block(T0, None, pauses=(Pause(at(30), at(35)),))
    assert checkins.ended_to_ask([resumed], PARAMS, at(35), after=T0) == checkins.Moment(
        at(30), 30, Phase.DEEP
    )


def test_a_random_moment_is_never_in_ramp_up() -> None:
    running = Block(T0, None)
    assert checkins.random_to_ask(running, PARAMS, at(14)) is None
    assert checkins.random_to_ask(running, PARAMS, at(15)) == checkins.Moment(
        at(15), 15, Phase.DEEP
    )
    assert checkins.random_to_ask(Block(T0, at(30)), PARAMS, at(20)) is None


def test_random_moments_come_as_often_as_the_setting_says() -> None:
    rng = random.Random(7)
    gaps = [(checkins.next_random(T0, 4, rng) - T0).total_seconds() / 60 for _ in range(4000)]
    assert 110 < statistics.mean(gaps) < 130  # four per eight hours of focus
    assert min(gaps) < 5  # memoryless: a moment soon is as likely as one later

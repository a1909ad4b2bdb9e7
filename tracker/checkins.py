"""Flow check-ins (experience sampling): when Flowtally may ask "How absorbed were you just
now?", and what an answer is stored with.

Two kinds of moment are asked about:

- the end of a stretch that reached deep focus (an interruption, a pause or a stop ended
  it): the person has just stepped out of it, and its whole length is the age asked about;
- a random moment while a stretch runs past its ramp-up, drawn as a Poisson process, so
  that every minute of focus is as likely to be asked about as any other and long stretches
  are sampled at every age, not only at their end.

The limits hold whatever the moment: at most ``checkins_per_day`` a day (counted from the
stored check-ins, so a restart does not reset them), never two within an hour, never about
a pause or an interruption, and never about a stretch's ramp-up unless the person offers
the answer themselves (``flowtally checkin``). The window appears only when the person is
not paused or interrupted: the end of a stretch broken by an interruption is asked about
when they say "I'm back", and only while it is fresh (:data:`FRESH_FOR`).
"""

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block, CheckIn
from tracker.settings import ModelParams
from tracker.timeline import Stretch, build_timeline
from tracker.types import Phase

MIN_BETWEEN = timedelta(hours=1)
FRESH_FOR = timedelta(minutes=10)
"""How long after a stretch ends it may still be asked about: later, the answer is memory."""
ASKED_NOW = timedelta(seconds=30)
"""A moment less than this before the question is "just now"; an older one is named by its
time (the end of a stretch asked about after "I'm back")."""
SAMPLED_DAY_MIN = 8 * 60
"""The random moments are spread as if over a working day of this many minutes of focus: with
four a day, one every two hours of focus on average."""
MAX_PER_DAY = 12


@dataclass(frozen=True, slots=True)
class Moment:
    """An instant of a stretch, with the stretch's age then and the phase the model gave."""

    at: datetime
    stretch_min: float
    phase: Phase


def moment_at(block: Block, params: ModelParams, at: datetime) -> Moment | None:
    """The stretch of ``block`` running at ``at`` (or ending there: a stop, a pause or an
    interruption at ``at`` ends it, and that one is taken), or ``None`` when ``at`` is in a
    pause, in an interruption, or outside the block."""
    if at < block.start or (block.end is not None and at > block.end):
        return None
    ongoing = block.open_interruption
    if ongoing is not None and ongoing.at < at:
        return None
    timeline = build_timeline(block, params, at if block.end is None else block.end)
    stretch = next((s for s in timeline.stretches if s.start <= at <= s.end), None)
    if stretch is None:
        return None
    return _moment(stretch, at, params, ended=_ends_at(block, at))


def _ends_at(block: Block, at: datetime) -> bool:
    """Whether a stop, a pause or an interruption ends a stretch at ``at`` (a running block's
    "now" is no end: its stretch goes on)."""
    return (
        block.end == at
        or any(i.at == at for i in block.interruptions)
        or any(p.start == at for p in block.pauses)
    )


def _moment(stretch: Stretch, at: datetime, params: ModelParams, ended: bool) -> Moment:
    """What the model said at ``at``: at the end of a stretch the phase it broke (exactly
    ``R`` minutes in is still ramp-up), inside it the phase it is in."""
    age = at - stretch.start
    phase = stretch.last_phase(params) if ended else stretch.phase_at(at, params)
    return Moment(at, round(age.total_seconds() / 60, 2), phase)


def checkin(
    block: Block, params: ModelParams, at: datetime, answer: int | None, zone_name: str
) -> CheckIn:
    """The check-in about ``at`` in ``block``, or a clear refusal."""
    moment = moment_at(block, params, at)
    if moment is None:
        raise FlowtallyError(
            _("no stretch of focus was running then (paused, interrupted, or no block)")
        )
    return CheckIn(at, answer, moment.stretch_min, moment.phase, zone_name)


def recent(blocks: Iterable[Block], clock: DayClock, now: datetime) -> list[CheckIn]:
    """The check-ins of today and of the hour before now (the limits look at those)."""
    today = clock.day_of(now)
    return sorted(
        (
            c
            for b in blocks
            for c in b.checkins
            if clock.day_of(c.at) == today or now - c.at < MIN_BETWEEN
        ),
        key=lambda c: c.at,
    )


def may_ask(
    recent_checkins: Sequence[CheckIn], per_day: int, clock: DayClock, now: datetime
) -> bool:
    """Whether one more check-in fits today's limit and the hour since the last."""
    today = clock.day_of(now)
    asked_today = sum(clock.day_of(c.at) == today for c in recent_checkins)
    if per_day <= 0 or asked_today >= per_day:
        return False
    return all(abs(now - c.at) >= MIN_BETWEEN for c in recent_checkins)


def ended_to_ask(
    blocks: Sequence[Block], params: ModelParams, now: datetime, after: datetime
) -> Moment | None:
    """The end of a stretch that reached deep focus, later than ``after`` and still fresh,
    to ask about now: ``None`` while the person is paused or interrupted, or when there is
    none. ``blocks``: the running block and today's, in any order."""
    latest = max(blocks, key=lambda b: b.start, default=None)
    if latest is None:
        return None
    if latest.end is None and _away(latest, now):
        return None  # asked when they are back
    for block in sorted(blocks, key=lambda b: b.start, reverse=True):
        timeline = build_timeline(block, params, now)
        ends = [s for s in timeline.stretches if not (block.end is None and s.end == now)]
        for stretch in reversed(ends):
            if stretch.end <= after or now - stretch.end > FRESH_FOR:
                return None
            if stretch.length >= params.ramp_up:
                return _moment(stretch, stretch.end, params, ended=True)
    return None


def _away(running: Block, now: datetime) -> bool:
    """Whether the person is paused or interrupted now."""
    return (
        running.open_pause is not None
        or running.open_interruption is not None
        or any(i.end is not None and i.at <= now < i.end for i in running.interruptions)
    )


def random_to_ask(running: Block | None, params: ModelParams, now: datetime) -> Moment | None:
    """Now, as a random moment would ask about it: inside a stretch, past its ramp-up."""
    if running is None or running.end is not None:
        return None
    moment = moment_at(running, params, now)
    if moment is None or moment.stretch_min < params.ramp_up_min:
        return None
    return moment


def next_random(now: datetime, per_day: int, rng: random.Random) -> datetime:
    """When the next random moment falls: exponential waiting times, a Poisson process of
    ``per_day`` moments per :data:`SAMPLED_DAY_MIN` (memoryless, so no age is favoured)."""
    mean_min = SAMPLED_DAY_MIN / max(per_day, 1)
    return now + timedelta(minutes=rng.expovariate(1 / mean_min))

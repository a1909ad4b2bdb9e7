"""Histories generated with a known shape, for the forecast's tests (weekdays of work with
interruptions that arrive as a Poisson process whose rate depends on the hour) and for the
calibration's (check-ins from a person with known thresholds)."""

import random
from datetime import date, datetime, time, timedelta

from tracker.model import Block, CheckIn, Interruption
from tracker.settings import load_zone
from tracker.types import Phase

ZONE = "Europe/Amsterdam"
BUSY = ((9, 11), (14, 15))
"""The hours the shaped history crowds its interruptions into."""


def busy_rate(hour: int) -> float:
    """Interruptions an hour: five in the busy hours, one every three hours or so else."""
    return 5.0 if any(a <= hour < b for a, b in BUSY) else 0.3


def workdays(rate_at: dict[int, float], seed: int, weeks: list[date]) -> list[Block]:
    """A block 08:00-18:00 on each weekday of the weeks of ``weeks`` (Mondays);
    interruptions at ``rate_at[hour]`` an hour."""
    rnd = random.Random(seed)
    zone = load_zone(ZONE)
    blocks = []
    for monday in weeks:
        for offset in range(5):
            day = monday + timedelta(days=offset)
            start = datetime.combine(day, time(8), zone)
            end = datetime.combine(day, time(18), zone)
            moments = []
            cursor = start
            while cursor < end:
                rate = rate_at[cursor.astimezone(zone).hour]
                cursor += timedelta(minutes=1)
                if cursor < end and rnd.random() < rate / 60:
                    moments.append(Interruption(cursor, None, source="chat"))
            blocks.append(Block(start, end, "work", (), tuple(moments)))
    return blocks


LEVELS = (2.0, 3.2, 4.3)
"""Mean absorption in ramp-up, deep focus and flow, for the generated check-ins."""


def answers(
    seed: int, ramp_up: float, flow_after: float, days: int = 6, per_day: int = 8
) -> list[CheckIn]:
    """Check-ins from a person whose absorption steps up at ``ramp_up`` and ``flow_after``
    minutes into a stretch, answered with noise (1-5, rounded), on weekdays from
    2026-11-02, 100 minutes apart, at stretch ages spread over 0-90 minutes."""
    rnd = random.Random(seed)
    zone = load_zone(ZONE)
    made = []
    for day in range(days):
        morning = datetime.combine(date(2026, 11, 2) + timedelta(days=day), time(9), zone)
        for k in range(per_day):
            age = rnd.uniform(0, 90)
            level = LEVELS[(age >= ramp_up) + (age >= flow_after)]
            answer = min(5, max(1, round(level + rnd.gauss(0, 0.7))))
            phase = (Phase.RAMP_UP, Phase.DEEP, Phase.FLOW)[(age >= 15) + (age >= 30)]
            made.append(CheckIn(morning + timedelta(minutes=100 * k), answer, round(age, 2), phase))
    return made


def answered_blocks(checkins: list[CheckIn]) -> list[Block]:
    """A block around each check-in, long enough to hold it at its age."""
    return [
        Block(c.at - timedelta(minutes=c.stretch_min), c.at + timedelta(minutes=1), checkins=(c,))
        for c in checkins
    ]

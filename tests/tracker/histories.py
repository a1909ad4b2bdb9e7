"""Histories generated with a known shape, for the forecast's tests: weekdays of work with
interruptions that arrive as a Poisson process whose rate depends on the hour."""

import random
from datetime import date, datetime, time, timedelta

from tracker.model import Block, Interruption
from tracker.settings import load_zone

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

"""A week's view built from a few blocks, as the dashboard and the reports get it: the chart
and card tests draw these."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from tracker.dashboard import WeekView, week_view
from tracker.model import Block, Interruption
from tracker.report import week_reports
from tracker.settings import ModelParams

MONDAY = date(2026, 11, 16)
AFTER = datetime(2026, 11, 23, tzinfo=UTC)


def week_of(blocks: Sequence[Block], now: datetime = AFTER) -> WeekView:
    """The week of :data:`MONDAY`, with the eleven before it for the trend, in UTC."""
    params = ModelParams()
    trend = week_reports(blocks, params, "UTC", MONDAY - timedelta(weeks=11), 12, now)
    return week_view(blocks, trend, params, "UTC", MONDAY, now)


def block_with_sources(
    sources: Sequence[str], hours: float, every_min: float, task: str | None = None
) -> Block:
    """A block on :data:`MONDAY` from 08:00 with one interruption per source, ``every_min``
    apart."""
    start = datetime(MONDAY.year, MONDAY.month, MONDAY.day, 8, tzinfo=UTC)
    return Block(
        start,
        start + timedelta(hours=hours),
        task,
        interruptions=tuple(
            Interruption(start + timedelta(minutes=every_min * (i + 1)), source=source)
            for i, source in enumerate(sources)
        ),
        timezone="UTC",
    )

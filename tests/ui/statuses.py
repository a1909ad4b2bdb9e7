"""Real statuses, computed by ``tracker`` from blocks, for the widgets to show."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tracker.days import DayClock
from tracker.model import Block, Interruption, Pause
from tracker.settings import ModelParams
from tracker.status import Status, live_status

NOW = datetime(2026, 11, 16, 11, 0, tzinfo=UTC)
PARAMS = ModelParams()
CLOCK = DayClock(ZoneInfo("Europe/Amsterdam"))


def status_of(block: Block | None) -> Status:
    return live_status(block, [block] if block else [], PARAMS, CLOCK, NOW)


def running(minutes: float, task: str | None = "API design") -> Status:
    return status_of(Block(NOW - timedelta(minutes=minutes), None, task))


def idle() -> Status:
    return status_of(None)


def paused() -> Status:
    start = NOW - timedelta(minutes=50)
    return status_of(Block(start, None, "API design", (Pause(NOW - timedelta(minutes=5)),)))


def interrupted() -> Status:
    start = NOW - timedelta(minutes=50)
    lasting = Interruption(NOW - timedelta(minutes=2), NOW + timedelta(minutes=5), id=1)
    return status_of(Block(start, None, "API design", (), (lasting,)))

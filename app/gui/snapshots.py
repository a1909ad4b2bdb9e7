"""The last :class:`Snapshot` the GUI was sent, kept current without reading the database
where that can be avoided: the day's read grows with its interruptions, and each press of a
burst would otherwise wait for it."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from app.gui.store_protocol import Snapshot
from data.store import Store
from tracker.availability import HISTORY, stretch_lengths
from tracker.days import DayClock
from tracker.model import Block, Interruption
from tracker.settings import ModelParams
from tracker.undo import Action, Step

PAST_READ_AGAIN = timedelta(hours=1)


class Snapshots:
    def __init__(self, send: Callable[[Snapshot], None], pending: Callable[[], int]) -> None:
        """``send`` gives a snapshot to the GUI; ``pending`` counts the presses that wait."""
        self._send = send
        self._pending = pending
        self.last: Snapshot | None = None
        self._past: tuple[tuple[object, ...], datetime, tuple[float, ...]] | None = None

    @property
    def running(self) -> Block | None:
        return self.last.running if self.last is not None else None

    def read(self, store: Store, clock: DayClock, now: datetime) -> None:
        """Read the day and send it (a :class:`~tracker.errors.FlowtallyError` if it cannot)."""
        running, today = store.day(clock, now)
        recent = tuple(store.recent_tasks(8))
        step = store.last_step()
        past = self._past_minutes(store, running, now)
        self._publish(Snapshot(running, tuple(today), recent, self._pending(), step, past))

    def _past_minutes(
        self, store: Store, running: Block | None, now: datetime
    ) -> tuple[float, ...]:
        """Read again when a block started or stopped, or an hour passed: the weeks behind
        change little while one block runs."""
        key = (running.start if running else None, now.date())
        if self._past is None or self._past[0] != key or now - self._past[1] > PAST_READ_AGAIN:
            blocks = store.blocks_between(now - HISTORY, now)
            lengths = tuple(stretch_lengths(blocks, ModelParams(), now))
            self._past = (key, now, lengths)
        return self._past[2]

    def publish_pending(self) -> None:
        """The last snapshot with the exact number of waiting presses, read from nothing."""
        last = self.last or Snapshot(None, (), (), 0)
        if last.pending != self._pending() or self.last is None:
            self._publish(replace(last, pending=self._pending()))

    def with_stored(self, stored: list[Interruption], done: datetime) -> bool:
        """The last snapshot with just-pressed interruptions added (the last one is what undo
        would take back); false when there is no running block to add them to (then the day
        must be read)."""
        last = self.last
        if last is None or last.running is None or not stored:
            return False
        running = replace(last.running, interruptions=(*last.running.interruptions, *stored))
        today = tuple(running if block.id == running.id else block for block in last.today)
        newest = stored[-1]
        step = Step(Action.PRESS, newest.at, done, running.id, newest.id)
        self._publish(
            Snapshot(running, today, last.recent_tasks, self._pending(), step, last.past_minutes)
        )
        return True

    def _publish(self, snapshot: Snapshot) -> None:
        self.last = snapshot
        self._send(snapshot)

"""When the tray asks for a flow check-in, and where the answer goes (#28).

The rules are :mod:`tracker.checkins`'; this keeps what they need between snapshots: the
moments already asked about, the answers sent but not yet read back, and when the next
random moment falls. Today's count comes from the stored check-ins in each snapshot, so a
restart neither resets the day's limit nor asks about a stretch that ended before it.
"""

import random
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject

from app.gui import store_protocol as msg
from app.gui.checkin_asker import CheckInAsker
from app.gui.live_settings import LiveSettings
from tracker import checkins
from tracker.clock import now
from tracker.days import DayClock
from tracker.model import Block, CheckIn
from ui.checkin_window import CheckInWindow


class CheckInFlow(QObject):
    def __init__(
        self, live: LiveSettings, send: Callable[[msg.StoreRequest], None], clock: DayClock
    ) -> None:
        super().__init__()
        self.live = live
        self.send = send
        self.clock = clock
        self.asker = CheckInAsker()
        self.asker.answered.connect(self._answered)
        self.rng = random.Random()
        self._snapshot: msg.Snapshot | None = None
        self._asked_after = now()
        """Stretch ends up to here are asked about already (or ended before the app ran)."""
        self._due: datetime | None = None
        self._asking: checkins.Moment | None = None
        self._sent: list[CheckIn] = []

    @property
    def window(self) -> CheckInWindow:
        return self.asker.window

    def show(self, snapshot: msg.Snapshot, at: datetime | None = None) -> None:
        """A new snapshot; ``at``: the instant it is considered at (now)."""
        self._snapshot = snapshot
        self.consider(at or now())

    def tick(self) -> None:
        self.consider(now())

    def consider(self, at: datetime) -> None:
        """Ask now if a moment is due and the limits allow it."""
        settings = self.live.value
        per_day, params = settings.checkins_per_day, settings.model
        snapshot = self._snapshot
        if per_day <= 0 or snapshot is None or self.asker.asking:
            self._due = None
            return
        blocks = _blocks(snapshot)
        recent = checkins.recent(blocks, self.clock, at)
        stored = {c.at for c in recent}
        recent += [c for c in self._sent if c.at not in stored]
        if not checkins.may_ask(recent, per_day, self.clock, at):
            return
        ended = checkins.ended_to_ask(blocks, params, at, self._asked_after)
        if ended is not None:
            self._asked_after = ended.at
            self._ask(ended, at)
            return
        if self._due is None:
            self._due = checkins.next_random(at, per_day, self.rng)
        if at >= self._due:
            self._due = checkins.next_random(at, per_day, self.rng)
            moment = checkins.random_to_ask(snapshot.running, params, at)
            if moment is not None:
                self._ask(moment, at)

    def volunteer(self) -> None:
        """The tray menu's check-in: about now, whenever a stretch runs (in its ramp-up too,
        and beyond the day's limit: the person offers it, nobody is disturbed)."""
        running = self._snapshot.running if self._snapshot is not None else None
        at = now()
        if running is None or running.end is not None or self.asker.asking:
            return
        moment = checkins.moment_at(running, self.live.value.model, at)
        if moment is not None:
            self._ask(moment, at)

    def _ask(self, moment: checkins.Moment, at: datetime) -> None:
        self._asking = moment
        time = moment.at.astimezone(self.clock.zone).strftime("%H:%M")
        if at - moment.at > checkins.ASKED_NOW:
            self.asker.ask_about_end(time)
        else:
            self.asker.ask_now(time)

    def _answered(self, answer: int | None) -> None:
        moment, self._asking = self._asking, None
        if moment is None:
            return
        self._sent.append(CheckIn(moment.at, answer, moment.stretch_min, moment.phase))
        self.send(msg.CheckInAt(moment.at, answer))


def _blocks(snapshot: msg.Snapshot) -> list[Block]:
    """Today's blocks with the running one, each once."""
    found = {b.start: b for b in snapshot.today}
    if snapshot.running is not None:
        found[snapshot.running.start] = snapshot.running
    return list(found.values())

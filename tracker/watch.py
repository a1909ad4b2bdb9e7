"""The running block's time rules: which gaps to ask about, and which milestones to announce.

The tray app feeds this, on the GUI thread, with what it sees: a tick every few seconds (the
wall clock, the monotonic clock, the idle seconds of the input, the block's state), logind's
"going to sleep" and "woke up", and the heartbeat found after a start. It answers with the
gaps to record and ask about, and the milestones to announce. No clock is read here.

A gap is time the app could not see the user working:

- **sleep**: the wall clock jumped ahead of the monotonic one by more than
  :attr:`Thresholds.sleep_jump` (a suspend stops the monotonic clock), or logind announced the
  suspend and its end. Whichever comes first reports it; the other finds nothing left. logind's
  moment of going to sleep is the exact start, the tick before the jump only an estimate.
- **away**: no input for ``away_after`` while the block runs. It starts when the input
  stopped, and ends at the first input again (not at the tick that notices it).
- **crash**: the app was not running: from the last heartbeat to the start, if longer than
  :attr:`Thresholds.crash_gap`.

Nothing is reported while the block is paused (a pause is not tracked time anyway), and
nothing while no block runs. Each milestone is announced once.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from tracker.edits import Gap, GapReason
from tracker.i18n import _
from tracker.model import Block
from tracker.running import State
from tracker.status import Status


@dataclass(frozen=True, slots=True)
class Thresholds:
    sleep_jump: timedelta = timedelta(seconds=60)
    """A smaller jump may be the clock being corrected (NTP), not a suspend."""
    sleep_reported: timedelta = timedelta(seconds=10)
    """logind says it slept: asked about unless it was a blink."""
    back_within: timedelta = timedelta(seconds=10)
    """Input this recent means the person is back."""
    crash_gap: timedelta = timedelta(seconds=90)
    """Three heartbeats missed: the app was not running."""


class MilestoneKind(StrEnum):
    PLANNED = "planned"
    """The block reached its planned length."""
    BREAK = "break"
    """A stretch this long deserves a break."""


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: MilestoneKind
    minutes: float

    @property
    def text(self) -> str:
        minutes = f"{self.minutes:g}"
        if self.kind is MilestoneKind.PLANNED:
            return _("Your planned {minutes}-minute block is done.").format(minutes=minutes)
        return _(
            "{minutes} minutes without a break: a short pause now keeps the next stretch good."
        ).format(minutes=minutes)


@dataclass
class BlockWatch:
    thresholds: Thresholds = field(default_factory=Thresholds)
    _last: tuple[datetime, float] | None = None
    _sleep_started: datetime | None = None
    _woken_from: datetime | None = None
    """logind's announcement, when its wake-up came before the wall clock showed the jump:
    good for the next tick only."""
    _away_since: datetime | None = None
    _announced: set[tuple[MilestoneKind, datetime]] = field(default_factory=set)

    def begin(self, wall: datetime, monotonic: float) -> None:
        """The clocks when the app starts: a suspend before the first tick counts too."""
        self._last = (wall, monotonic)

    def opened(self, running: Block | None, heartbeat: datetime | None, now: datetime) -> list[Gap]:
        """After a start: the time since the last heartbeat, if the app was not running."""
        if running is None or heartbeat is None or running.open_pause is not None:
            return []
        if now - heartbeat > self.thresholds.crash_gap:
            return [Gap(heartbeat, now, GapReason.CRASH)]
        return []

    def tick(
        self,
        wall: datetime,
        monotonic: float,
        state: State | None,
        idle_seconds: float | None = None,
        away_after: timedelta | None = None,
    ) -> list[Gap]:
        """One look at the clocks. ``state``: the block's, ``None`` while not known yet;
        ``idle_seconds``: since the last input (``None`` when away detection is off);
        ``away_after``: the user's threshold."""
        gaps: list[Gap] = []
        last, self._last = self._last, (wall, monotonic)
        if last is not None:
            jump = (wall - last[0]) - timedelta(seconds=monotonic - last[1])
            if jump > self.thresholds.sleep_jump:
                start = self._sleep_started or self._woken_from or last[0]
                self._sleep_started = None
                gaps.append(Gap(start, wall, GapReason.SLEEP))
        self._woken_from = None
        if idle_seconds is not None and away_after is not None:
            gaps += self._away(wall, state, timedelta(seconds=idle_seconds), away_after)
        return self._reportable(gaps, state)

    def going_to_sleep(self, wall: datetime) -> None:
        self._sleep_started = wall

    def woke(self, wall: datetime, monotonic: float, state: State | None) -> list[Gap]:
        """logind's "woke up": reports the sleep unless the clock jump did already (or the
        announcement came before the app listened; the jump reports that one)."""
        start, self._sleep_started = self._sleep_started, None
        if start is None:
            return []
        self._last = (wall, monotonic)  # the next tick must not see the jump again
        if wall - start < self.thresholds.sleep_reported:
            # A short nap, or the wall clock not jumped yet (a clock set by NTP after the
            # wake-up): should the next tick see the jump, it dates it from the announcement.
            self._woken_from = start
            return []
        return self._reportable([Gap(start, wall, GapReason.SLEEP)], state)

    def milestones(
        self, status: Status, planned_min: float, break_after_min: float
    ) -> list[Milestone]:
        """What to announce now: each planned length and each long stretch once."""
        block = status.block
        if block is None or status.state is not State.RUNNING:
            return []
        due: list[Milestone] = []
        if planned_min and status.tracked >= timedelta(minutes=planned_min):
            due += self._once(MilestoneKind.PLANNED, block.start, planned_min)
        if break_after_min and status.stretch >= timedelta(minutes=break_after_min):
            due += self._once(MilestoneKind.BREAK, status.now - status.stretch, break_after_min)
        return due

    def _once(self, kind: MilestoneKind, key: datetime, minutes: float) -> list[Milestone]:
        if (kind, key) in self._announced:
            return []
        self._announced.add((kind, key))
        return [Milestone(kind, minutes)]

    def _away(
        self, wall: datetime, state: State | None, idle: timedelta, limit: timedelta
    ) -> list[Gap]:
        if self._away_since is None:
            if state is State.RUNNING and idle >= limit:
                self._away_since = wall - idle
            return []
        if idle >= self.thresholds.back_within:
            return []
        gap = Gap(self._away_since, wall - idle, GapReason.AWAY)
        self._away_since = None
        return [gap]

    @staticmethod
    def _reportable(gaps: list[Gap], state: State | None) -> list[Gap]:
        """A paused block records no gap, nor does a day with no block running."""
        return [] if state in (State.PAUSED, State.IDLE) else gaps

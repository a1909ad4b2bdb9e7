"""The status the app shows: drawn in memory from the store worker's last snapshot, on the
tray icon (or the timer window), with the undo on offer and the milestones said as they
come. The GUI thread never reads the database for it."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer

from app.gui.desktop_notices import ActionKey, action
from app.gui.focus_flow import FocusFlow
from app.gui.live_settings import LiveSettings
from app.gui.presence import Presence
from app.gui.store_protocol import Snapshot
from tracker import clock
from tracker.days import DayClock
from tracker.i18n import _
from tracker.model import Block
from tracker.running import State
from tracker.settings import Settings
from tracker.status import Status, live_status
from tracker.watch import BlockWatch, MilestoneKind
from ui.timer_window import TimerWindow
from ui.tray import TrayView

log = logging.getLogger("app.gui.controller")
RENDER_AFTER_SNAPSHOT_MS = 50
TICK_FALLBACK_MS = 5_000


class StatusFlow(QObject):
    def __init__(
        self,
        tray: TrayView,
        live: LiveSettings,
        zone: ZoneInfo,
        watch: BlockWatch,
        connect: Callable[[TrayView | TimerWindow], None],
    ) -> None:
        """``connect``: wires the requests of a view (the tray, or the timer window)."""
        super().__init__()
        self.snapshot: Snapshot | None = None
        self.status: Status | None = None
        self.presence = Presence(tray, self.current, live, connect)
        self.focus = FocusFlow(live, zone, self.presence.notify, self)
        self._tray = tray
        self._live = live
        self._days = DayClock(zone)
        self._watch = watch
        self._render_soon = QTimer(self)
        self._render_soon.setSingleShot(True)
        self._render_soon.setInterval(RENDER_AFTER_SNAPSHOT_MS)
        self._render_soon.timeout.connect(self.render)
        self._next_change = QTimer(self)
        self._next_change.setSingleShot(True)
        self._next_change.timeout.connect(self.render)
        self._turn: tuple[datetime | None, bool, bool] = (None, False, False)
        self._running = False
        """The status is followed to the next change only between start and stop (a
        controller made and never started, as in a test, arms nothing)."""
        self._tray.goal_min = live.value.daily_goal_min
        live.changed.connect(self._settings_changed)

    def start(self) -> None:
        self._running = True
        self.focus.start()

    def stop(self) -> None:
        self._running = False
        self._render_soon.stop()
        self._next_change.stop()
        self.focus.stop()

    def show(self, snapshot: Snapshot) -> None:
        """Drawn at most every :data:`RENDER_AFTER_SNAPSHOT_MS`: a burst of presses brings a
        snapshot each, and drawing each would keep the GUI thread busy for nothing. A block
        started, paused, resumed, interrupted, back or stopped is drawn at once: two of those
        within one wait would reach the hooks and ``status --follow`` as one (a resume before
        a stop, lost; quiet notifications ending after "back" instead of with the
        interruption). The presses of a burst after the first still wait."""
        self.snapshot = snapshot
        self.focus.past_minutes = snapshot.past_minutes
        self._tray.set_recent_tasks(list(snapshot.recent_tasks))
        turn = _turn(snapshot.running)
        if turn != self._turn:
            self._turn = turn
            self._render_soon.stop()
            self.render()
        elif not self._render_soon.isActive():
            self._render_soon.start()

    def current(self) -> Status:
        snapshot = self.snapshot
        running = snapshot.running if snapshot else None
        today = snapshot.today if snapshot else ()
        params = self._live.value.model
        return live_status(running, today, params, self._days, clock.now())

    def state(self) -> State | None:
        return self.status.state if self.status is not None else None

    def render(self) -> None:
        status = self.current()
        self.status = status
        self.presence.show_status(status)
        self.presence.set_undo(self._undo_offer(status.now))
        self.focus.show(status)
        if self._running:
            self._next_change.start(next_change_ms(status))
        settings = self._live.value
        for milestone in self._watch.milestones(
            status, settings.planned_block_min, settings.break_after_min
        ):
            key: ActionKey = "stop" if milestone.kind is MilestoneKind.PLANNED else "pause"
            self.focus.notify(milestone.text, [action(key)])

    def _undo_offer(self, now: datetime) -> str | None:
        step = self.snapshot.last_step if self.snapshot is not None else None
        if step is None or not step.offered(now):
            return None
        return step.describe(step.at.astimezone(self._days.zone).strftime("%H:%M"))

    def say_still_running(self) -> None:
        """Quitting the app is not stopping the block: a person who quits to end their day
        must learn that the time still counts (and how to end it)."""
        running = self.snapshot.running if self.snapshot is not None else None
        if running is None:
            return
        task = f' "{running.task}"' if running.task else ""
        line = _(
            "Flowtally has quit; the block{task} keeps running. "
            "'flowtally stop' ends it, 'flowtally' brings the icon back."
        ).format(task=task)
        log.info("%s", line)
        print(line)

    def _settings_changed(self, settings: Settings) -> None:
        self._tray.set_params(settings.model)
        self._tray.goal_min = settings.daily_goal_min
        self.render()


def _turn(running: Block | None) -> tuple[datetime | None, bool, bool]:
    """Which block runs, whether it is paused, and whether the person is interrupted."""
    if running is None:
        return (None, False, False)
    return (running.start, running.open_pause is not None, running.open_interruption is not None)


def next_change_ms(status: Status) -> int:
    """Until the shown minute or the phase changes (a status bar and the hooks hear of a
    phase within a moment, not at the next tick); a tick's length when nothing runs."""
    if status.state is not State.RUNNING or status.interrupted:
        return TICK_FALLBACK_MS
    minute = timedelta(minutes=1)
    wait = minute - status.stretch % minute
    if status.next_phase_in is not None:
        wait = min(wait, status.next_phase_in)
    return max(20, int(wait / timedelta(milliseconds=1)) + 20)

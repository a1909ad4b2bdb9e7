"""Wires the tray app: store worker, tray (or timer window), popup, review, input services.

Start-up order matters for how quickly the icon appears: the tray icon is shown first, then
the store worker opens the database and pynput starts (a quarter of a second to import).
The GUI thread only ever computes a status from the last :class:`Snapshot` in memory.
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, assert_never, cast

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.commands.app_facts import AppFacts
from app.config import load_settings, settings_stamp
from app.gui import store_protocol as msg
from app.gui.about_box import about_facts
from app.gui.background_sync import BackgroundSync
from app.gui.gap_reviews import GapReviews
from app.gui.inputs import InputServices
from app.gui.instance_server import InstanceServer
from app.gui.loop_lag import LoopLag
from app.gui.popup_flow import PopupFlow
from app.gui.presence import Presence
from app.gui.settings_flow import SettingsFlow
from app.gui.store_link import StoreLink
from app.gui.store_protocol import Snapshot, StoreAnswer, StoreRequest
from app.gui.welcome_flow import WelcomeFlow
from app.instance import InstanceLock
from app.language import requests as rq
from app.language.requests import Invocation
from tracker import clock
from tracker.days import DayClock, parse_week
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block
from tracker.running import State
from tracker.settings import Settings, load_zone
from tracker.status import Status, live_status
from tracker.team import Lens
from tracker.watch import BlockWatch
from ui import app_icon
from ui.about import AboutDialog
from ui.timer_window import TimerWindow
from ui.tray import TrayView

if TYPE_CHECKING:  # the dashboard (and matplotlib) load when it is first opened
    from app.gui.dashboard import Dashboard

log = logging.getLogger(__name__)
TICK_MS = 5_000
RENDER_AFTER_SNAPSHOT_MS = 50
HEARTBEAT_MS = 30_000
REFRESH_MS = 60_000


class AppController(QObject):
    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        database: str | None,
        zone_name: str,
        tray: TrayView | None = None,
        lock: InstanceLock | None = None,
    ) -> None:
        """``tray`` and ``lock``: the icon already shown and the lock already held by
        ``app.main``, which puts the icon up before this module is imported."""
        super().__init__()
        self.app = app
        self.settings = settings
        self.zone_name = zone_name
        self.clock = DayClock(load_zone(zone_name))
        self.lock = lock or InstanceLock(database)
        self.snapshot: Snapshot | None = None
        self.status: Status | None = None

        self.database = database
        self.store = StoreLink(database, zone_name)

        self.tray = tray or TrayView(settings.model)
        self.quick_log = PopupFlow(self._send, self.clock.zone)
        self.reviews = GapReviews(self._send, self.clock.zone)
        self.settings_flow = SettingsFlow(
            lambda: self.settings, lambda: self.inputs.describe(), self._apply_settings
        )
        self.about: AboutDialog | None = None

        self.inputs = InputServices(settings.hotkey, self)
        self.inputs.bridge.pressed.connect(self.quick_log.pressed)  # queued to the GUI thread
        self.inputs.bridge.service_changed.connect(self._on_hotkey_service_changed)
        self.welcome = WelcomeFlow(
            self.inputs.bridge,
            lambda: self.settings,
            lambda: self.inputs.hotkey_problem,
            self._apply_settings,
            self._where_data_lives,
        )
        self.inputs.sleep.going_to_sleep.connect(self._on_going_to_sleep)
        self.inputs.sleep.woke.connect(self._on_woke)

        self.server = InstanceServer(database)
        self.server.command_received.connect(self._on_command)
        self.server.activation_token.connect(self.quick_log.remember_token)
        self.dashboard: Dashboard | None = None

        self.loop_lag = LoopLag(self)
        self._render_soon = QTimer(self)
        self._render_soon.setSingleShot(True)
        self._render_soon.setInterval(RENDER_AFTER_SNAPSHOT_MS)
        self._render_soon.timeout.connect(self._render)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(lambda: self._send(msg.Heartbeat()))
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(lambda: self._send(msg.Refresh()))
        self.watch = BlockWatch()
        self._settings_stamp = settings_stamp()
        self.presence = Presence(
            self.tray, self._current_status, lambda: self.settings.model, self._connect_views
        )
        self.server.raise_requested.connect(self.presence.raise_)
        self.tray.goal_min = settings.daily_goal_min
        self.background_sync = BackgroundSync(
            database,
            lambda: self.settings.sync_url,
            self.presence.notify,
            self,
            name=lambda: (
                self.settings.device_name,
                self.settings.person_name,
                Lens(self.settings.model, self.zone_name),
            ),
        )
        self.background_sync.synced.connect(
            lambda result: self._send(msg.Refresh()) if result.pulled else None
        )

    # ---------------------------------------------------------------- start and stop

    def start(self) -> bool:
        """Take the instance lock and show the icon; ``False`` if another app has the lock."""
        if not self.lock.held and not self.lock.acquire():
            return False
        if not self.server.listen():
            log.warning("cannot listen on %s: CLI commands will not be forwarded", self.server.path)
        self.presence.start()
        self.watch.begin(clock.now(), time.monotonic())
        self._tick.start()
        self._heartbeat.start()
        self._refresh.start()
        self._backend_deadline = time.monotonic() + 1.0
        QTimer.singleShot(0, self._start_backend_when_shown)
        return True

    def _start_backend_when_shown(self) -> None:
        """The database and pynput load once the icon is embedded (or after a second):
        importing SQLAlchemy and pynput takes longer than showing the icon."""
        if not self.presence.shown and time.monotonic() < self._backend_deadline:
            QTimer.singleShot(10, self._start_backend_when_shown)
            return
        self._start_backend()

    def _start_backend(self) -> None:
        worker = self.store.start(self._on_answer)
        self.inputs.bridge.pressed.connect(worker.handle)  # queued to the worker thread
        QTimer.singleShot(0, self._start_input_services)
        self.background_sync.start()

    def _send(self, request: StoreRequest) -> None:
        self.store.send(request)

    def _on_answer(self, answer: StoreAnswer) -> None:
        match answer:
            case msg.Snapshot():
                self._on_snapshot(answer)
            case msg.Opened(running, heartbeat):
                self._on_opened(running, heartbeat)
            case msg.Stored(pressed):
                self.quick_log.stored(pressed)
            case msg.Failed(message):
                self._on_failed(message)
            case msg.Notice(message):
                self._on_notice(message)
            case msg.CommandDone(request_id, code, out, err):
                self.server.reply(request_id, code, out, err)
                self._follow_settings_file()  # a forwarded 'settings' is in force at once
            case _:
                assert_never(answer)

    def _connect_views(self, view: TrayView | TimerWindow) -> None:
        view.start_requested.connect(lambda task: self._send(rq.Start(task)))
        view.pause_requested.connect(lambda: self._send(rq.Pause()))
        view.resume_requested.connect(lambda: self._send(rq.Resume()))
        view.stop_requested.connect(lambda: self._send(rq.Stop()))
        view.interruption_requested.connect(self.quick_log.from_menu)
        view.back_requested.connect(lambda: self._send(rq.Back()))
        view.undo_requested.connect(lambda: self._send(rq.Undo()))
        view.dashboard_requested.connect(self.open_dashboard)
        view.settings_requested.connect(self.open_settings)
        view.about_requested.connect(self.open_about)
        view.quit_requested.connect(self.app.quit)

    def _start_input_services(self) -> None:
        self.inputs.start()
        if self.inputs.hotkey_problem:
            self._on_failed(self.inputs.hotkey_problem)
        self.app.setWindowIcon(app_icon.icon())  # ~10 ms: after the tray, before any window
        self.welcome.first_run()

    def _on_hotkey_service_changed(self) -> None:
        """The portal answered late (the user approved or declined its dialog)."""
        problem = self.inputs.hotkey_problem
        if problem:
            self._on_failed(problem)
        self.settings_flow.refresh()

    def _where_data_lives(self) -> tuple[str, str]:
        facts = about_facts(self.database)
        return facts.database, facts.log_folder

    def open_about(self) -> None:
        if self.about is None:
            self.about = AboutDialog(about_facts(self.database))
            self.about.welcome_requested.connect(self.welcome.open)
        self.about.show()
        self.about.raise_()

    def shutdown(self) -> None:
        for timer in (self._tick, self._heartbeat, self._refresh, self._render_soon):
            timer.stop()
        self.background_sync.stop()
        self.inputs.stop()
        self.server.close()
        if self.dashboard is not None:
            self.dashboard.close(quitting=True)
        self.store.stop()
        self.tray.tray.hide()
        self.lock.release()
        self._say_the_block_keeps_running()

    def _say_the_block_keeps_running(self) -> None:
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

    def still_drawing(self) -> bool:
        """Whether the dashboard's worker was still drawing when the app quit (it is then
        left to the process's end)."""
        return self.dashboard is not None and self.dashboard.still_drawing()

    def dispose(self) -> None:
        """Delete the Qt objects this controller made, children before parents."""
        objects: list[QObject | None] = [
            *(self.dashboard.objects() if self.dashboard is not None else ()),
            self.quick_log.popup,
            self.reviews.dialog,
            self.welcome.window,
            self.about,
            self.presence.window,
            self.tray.menu,
            self.tray.tray,
            self.server,
            self.tray,
            *self.store.objects(),
            self.inputs.bridge,
        ]
        for obj in objects:
            if obj is not None:
                shiboken6.delete(cast(Any, obj))

    # ---------------------------------------------------------------- what happened

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        """Drawn at most every :data:`RENDER_AFTER_SNAPSHOT_MS`: a burst of presses brings a
        snapshot each, and drawing each would keep the GUI thread busy for nothing."""
        self.snapshot = snapshot
        self.background_sync.changed()  # pushed soon, if anything waits to be
        self.tray.set_recent_tasks(list(snapshot.recent_tasks))
        if not self._render_soon.isActive():
            self._render_soon.start()
        if self.dashboard is not None:
            self.dashboard.refresh()

    def _on_command(self, request_id: int, invocation: Invocation) -> None:
        """A command forwarded by another ``flowtally``: the dashboard opens here, on the GUI
        thread; every other command runs in the store worker."""
        request = invocation.request
        if not isinstance(request, rq.Dashboard):
            self._send(msg.Forwarded(request_id, invocation, self.app_facts()))
            return
        try:
            week = parse_week(request.week) if request.week else None
        except FlowtallyError as exc:
            line = _("flowtally: error: {problem}").format(problem=exc)
            self.server.reply(request_id, 1, "", line + "\n")
            return
        self.open_dashboard(week)
        self.server.reply(request_id, 0, _("The dashboard is open.") + "\n", "")

    def open_dashboard(self, week: date | None = None) -> None:
        """Show the dashboard (made, with its worker thread, the first time it is asked for)."""
        if self.dashboard is None:
            from app.gui.dashboard import Dashboard

            self.dashboard = Dashboard(
                self.database, self.settings.model, self.zone_name, lambda: self.settings.sync_url
            )
            self.dashboard.data_changed.connect(lambda: self._send(msg.Refresh()))
        self.dashboard.show(week)

    def _current_status(self) -> Status:
        snapshot = self.snapshot
        running = snapshot.running if snapshot else None
        today = snapshot.today if snapshot else ()
        return live_status(running, today, self.settings.model, self.clock, clock.now())

    def app_facts(self) -> AppFacts:
        """What the running app says about itself to a forwarded command (``status``)."""
        details = {
            **self.presence.facts(),
            "model": self.settings.model.as_json(),
            **self.inputs.facts(),
            "reviews_waiting": [gap.reason.value for gap in self.reviews.waiting],
            "popup_visible": self.quick_log.popup.isVisible(),
            "popup_has_keyboard": self.quick_log.popup.isActiveWindow(),
            "welcome": self.welcome.facts(),
            "dashboard_open": self.dashboard is not None and self.dashboard.window.isVisible(),
            "charts_loaded": "matplotlib" in sys.modules,
            "event_loop_lag_ms": self.loop_lag.summary(),
        }
        return AppFacts(
            self.inputs.hotkey_facts(self.settings.hotkey),
            self.snapshot.pending if self.snapshot else 0,
            details,
        )

    def _render(self) -> None:
        status = self._current_status()
        self.status = status
        self.presence.show_status(status)
        self.presence.set_undo(self._undo_offer(status.now))
        self._notify_milestones(status)

    def _undo_offer(self, now: datetime) -> str | None:
        step = self.snapshot.last_step if self.snapshot is not None else None
        if step is None or not step.offered(now):
            return None
        return step.describe(step.at.astimezone(self.clock.zone).strftime("%H:%M"))

    def _on_notice(self, message: str) -> None:
        log.info("%s", message)
        self.presence.notify(message)

    def _on_failed(self, message: str) -> None:
        log.warning("%s", message)
        self.presence.notify(message)

    # ---------------------------------------------------------------- gaps

    def _on_opened(self, running: Block | None, heartbeat: datetime | None) -> None:
        """After a crash, the time since the last heartbeat is a gap to ask about."""
        self.reviews.notice(self.watch.opened(running, heartbeat, clock.now()))

    def _follow_settings_file(self) -> None:
        """The settings file changed (``flowtally settings``, another editor): follow it."""
        stamp = settings_stamp()
        if stamp == self._settings_stamp:
            return
        self._settings_stamp = stamp
        fresh = load_settings()
        if fresh != self.settings:
            log.info("the settings file changed; the app follows it")
            self._apply_settings(fresh)

    def _on_tick(self) -> None:
        self._follow_settings_file()
        idle, away_after = self.inputs.idle_seconds(), self.settings.away_after
        self.reviews.notice(
            self.watch.tick(clock.now(), time.monotonic(), self._state(), idle, away_after)
        )
        self.inputs.watch()
        self._render()

    def _state(self) -> State | None:
        return self.status.state if self.status is not None else None

    def _on_going_to_sleep(self) -> None:
        self.watch.going_to_sleep(clock.now())
        self._send(msg.Heartbeat())

    def _on_woke(self) -> None:
        self.reviews.notice(self.watch.woke(clock.now(), time.monotonic(), self._state()))

    # ---------------------------------------------------------------- settings

    def open_settings(self) -> None:
        self.settings_flow.open()

    def _apply_settings(self, updated: Settings) -> None:
        """Put settings just saved in force, live."""
        hotkey_changed = updated.hotkey != self.settings.hotkey
        self.settings = updated
        self.tray.set_params(updated.model)
        self.tray.goal_min = updated.daily_goal_min
        if self.dashboard is not None:
            self.dashboard.apply_settings(updated.model, self.zone_name)
        if hotkey_changed:
            self.inputs.change_hotkey(updated.hotkey)
        self._render()

    def _notify_milestones(self, status: Status) -> None:
        settings = self.settings
        for milestone in self.watch.milestones(
            status, settings.planned_block_min, settings.break_after_min
        ):
            self.tray.notify("Flowtally", milestone.text)

"""Wires the tray app: store worker, tray (or timer window), popup, review, input services.

Start-up order matters for how quickly the icon appears: the tray icon is shown first, then
the store worker opens the database and pynput starts (a quarter of a second to import).
Each service says how it stops as it starts (:class:`~app.gui.lifetimes.Lifetimes`), and
they stop in reverse order; the settings in force live in one
:class:`~app.gui.live_settings.LiveSettings` that each part follows by itself.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.commands.app_facts import AppFacts
from app.gui import store_protocol as msg
from app.gui.about_box import about_facts
from app.gui.background_sync import BackgroundSync
from app.gui.checkin_flow import CheckInFlow
from app.gui.desktop_notices import HOTKEY_NOTICE, KEYS, DesktopNotices, action
from app.gui.gap_reviews import GapReviews
from app.gui.gap_watch import GapWatch
from app.gui.input_services import InputServices
from app.gui.instance_server import InstanceServer
from app.gui.lifetimes import Lifetimes
from app.gui.live_settings import LiveSettings
from app.gui.loop_lag import LoopLag
from app.gui.popup_flow import PopupFlow
from app.gui.settings_flow import SettingsFlow
from app.gui.status_answers import answer_from_memory
from app.gui.status_flow import StatusFlow
from app.gui.store_link import StoreLink
from app.gui.store_protocol import StoreAnswer, StoreRequest
from app.gui.welcome_flow import WelcomeFlow
from app.instance import InstanceLock
from app.language import requests as rq
from app.language.requests import Invocation
from tracker.days import DayClock, parse_week
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.settings import Settings, load_zone
from tracker.watch import BlockWatch
from ui import app_icon
from ui.timer_window import TimerWindow
from ui.tray import TrayView

if TYPE_CHECKING:  # the dashboard (and matplotlib), About: loaded when first opened
    from app.gui.dashboard import Dashboard
    from ui.about import AboutDialog

log = logging.getLogger(__name__)
TICK_MS = 5_000
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
        self.database = database
        self.zone_name = zone_name
        zone = load_zone(zone_name)
        self.lock = lock or InstanceLock(database)
        self.lifetimes = Lifetimes()
        self.live = LiveSettings(settings, zone_name, self)
        self.store = StoreLink(database, zone_name)
        self.tray = tray or TrayView(settings.model)
        self.lifetimes.own(self.tray, self.tray.tray, self.tray.menu)
        self.quick_log = PopupFlow(self._send, zone)
        self.reviews = GapReviews(self._send, zone)
        self.inputs = self._input_services(settings.hotkey)
        self.checkins = CheckInFlow(self.live, self._send, DayClock(zone))
        self.lifetimes.own(self.inputs.bridge, self.quick_log.popup, self.reviews.dialog)
        self.lifetimes.own_at_end(self.checkins.asker.objects)
        self.welcome = WelcomeFlow(self.inputs, self.live, self.database, self._say)
        self.about: AboutDialog | None = None
        self.dashboard: Dashboard | None = None
        self.watch = BlockWatch()
        self.status_flow = StatusFlow(self.tray, self.live, zone, self.watch, self._connect_views)
        self.presence = self.status_flow.presence
        focus = self.status_flow.focus
        self.settings_flow = SettingsFlow(self.live, self.inputs.describe, focus, database)
        self._connect_views(self.presence.notices)  # a notice's buttons ask as the menu does
        self.gaps = GapWatch(
            self.watch, self.reviews, self.inputs, self.live, self.status_flow.state, self._send
        )
        self.server = InstanceServer(database)
        self.server.command_received.connect(self._on_command)
        self.server.activation_token.connect(self.quick_log.remember_token)
        self.server.raise_requested.connect(self.presence.raise_)
        self.lifetimes.own(self.server, self.presence.notices)
        self.loop_lag = LoopLag(self)
        self.background_sync = BackgroundSync(
            database, self.live.sync_url, self.presence.notify, self, name=self.live.sync_as
        )
        self.background_sync.synced.connect(
            lambda result: self._send(msg.Refresh()) if result.pulled else None
        )
        self._timers = (
            self._every(TICK_MS, self._on_tick),
            self._every(HEARTBEAT_MS, lambda: self._send(msg.Heartbeat())),
            self._every(REFRESH_MS, lambda: self._send(msg.Refresh())),
        )

    def _input_services(self, hotkey: str) -> InputServices:
        """The hotkey and away detection, following the settings, feeding the popup."""
        inputs = InputServices(hotkey, self)
        inputs.follow(self.live)  # a new hotkey starts listening: stopped at the end
        self.lifetimes.started("the input services", inputs.stop)
        inputs.bridge.pressed.connect(self.quick_log.pressed)  # queued to the GUI thread
        inputs.bridge.service_changed.connect(self._on_hotkey_service_changed)
        return inputs

    @property
    def settings(self) -> Settings:
        return self.live.value

    @property
    def snapshot(self) -> msg.Snapshot | None:
        return self.status_flow.snapshot

    def _every(self, interval_ms: int, call: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.timeout.connect(call)
        return timer

    # ---------------------------------------------------------------- start and stop

    def start(self) -> bool:
        """Take the instance lock and show the icon; ``False`` if another app has the lock."""
        if not self.lock.held and not self.lock.acquire():
            return False
        lifetimes = self.lifetimes
        lifetimes.started("the instance lock", self.lock.release)
        lifetimes.started("the tray icon", self.tray.tray.hide)
        lifetimes.started("the note that the block runs on", self.status_flow.say_still_running)
        if not self.server.listen():
            log.warning("cannot listen on %s: CLI commands will not be forwarded", self.server.path)
        lifetimes.started("the command socket, the timers", self._stop_feeding_the_store)
        self.presence.start()
        lifetimes.started("desktop notices", self.presence.notices.stop)
        self.status_flow.start()  # its timer, quiet notifications, the status, the hooks
        lifetimes.started("the status, quiet notifications, hooks", self.status_flow.stop)
        lifetimes.own_at_end(lambda: [self.presence.window])
        self.gaps.begin()
        for timer in self._timers:
            timer.start()
        self._backend_deadline = time.monotonic() + 1.0
        QTimer.singleShot(0, self._start_backend_when_shown)
        return True

    def _stop_feeding_the_store(self) -> None:
        """Nothing more for the store worker once it stops: no press it would never store,
        no command whose client would wait for an answer that never comes."""
        self.inputs.stop()
        for timer in self._timers:
            timer.stop()
        self.server.close()

    def _start_backend_when_shown(self) -> None:
        """The database and pynput load once the icon is embedded (or after a second):
        importing SQLAlchemy and pynput takes longer than showing the icon."""
        if not self.presence.shown and time.monotonic() < self._backend_deadline:
            QTimer.singleShot(10, self._start_backend_when_shown)
            return
        self._start_backend()

    def _start_backend(self) -> None:
        worker = self.store.start(self._on_answer)
        self.lifetimes.started("the store worker", self.store.stop)
        self.lifetimes.started("what feeds the store worker", self._stop_feeding_the_store)
        self.lifetimes.own_at_end(self.store.objects)
        self.inputs.bridge.pressed.connect(worker.handle)  # queued to the worker thread
        QTimer.singleShot(0, self._start_input_services)
        self.background_sync.start()
        self.lifetimes.started("background sync", self.background_sync.stop)

    def _send(self, request: StoreRequest) -> None:
        self.store.send(request)

    def _on_answer(self, answer: StoreAnswer) -> None:
        match answer:
            case msg.Snapshot():
                self.status_flow.show(answer)
                self.checkins.show(answer)
                self.background_sync.changed()  # pushed soon, if anything waits to be
                if self.dashboard is not None:
                    self.dashboard.refresh()
            case msg.Opened(running, heartbeat):
                self.gaps.opened(running, heartbeat)
            case msg.Stored(pressed):
                self.quick_log.stored(pressed)
            case msg.Failed(message):
                log.warning("%s", message)
                self.presence.notify(message)
            case msg.Notice(message, actions):
                log.info("%s", message)
                self.presence.notify(message, [action(key) for key in actions if key in KEYS])
            case msg.CommandDone(request_id, code, out, err):
                self.server.reply(request_id, code, out, err)
                self.live.follow_file()  # a forwarded 'settings' is in force at once
            case _:
                assert_never(answer)

    def _connect_views(self, view: TrayView | TimerWindow | DesktopNotices) -> None:
        asked = view.requests
        asked.start_requested.connect(lambda task: self._send(rq.Start(task)))
        asked.pause_requested.connect(lambda: self._send(rq.Pause()))
        asked.resume_requested.connect(lambda: self._send(rq.Resume()))
        asked.stop_requested.connect(lambda: self._send(rq.Stop()))
        asked.interruption_requested.connect(self.quick_log.from_menu)
        asked.back_requested.connect(lambda: self._send(rq.Back()))
        asked.undo_requested.connect(lambda: self._send(rq.Undo()))
        asked.dashboard_requested.connect(self.open_dashboard)
        asked.forecast_requested.connect(lambda: self.open_dashboard(tab="forecast"))
        asked.checkin_requested.connect(self.checkins.volunteer)
        asked.settings_requested.connect(self.open_settings)
        asked.about_requested.connect(self.open_about)
        asked.quit_requested.connect(self.app.quit)

    def _start_input_services(self) -> None:
        self.inputs.start()
        self._say_hotkey_problem()
        self.app.setWindowIcon(app_icon.icon())  # ~10 ms: after the tray, before any window
        self.welcome.first_run()
        self.lifetimes.own_at_end(lambda: [self.welcome.window])

    def _on_hotkey_service_changed(self) -> None:
        """The portal answered late (the user approved or declined its dialog)."""
        self._say_hotkey_problem()
        self.settings_flow.refresh()

    def _say(self, line: str) -> None:
        self.presence.notify(line)

    def _say_hotkey_problem(self) -> None:
        """Why the hotkey cannot work here: in the log, and a notice once (status says it)."""
        if problem := self.inputs.hotkey_problem:
            log.warning("%s", problem)
            self.presence.notify_once(HOTKEY_NOTICE, problem)

    def open_about(self) -> None:
        if self.about is None:
            from ui.about import AboutDialog

            self.about = AboutDialog(about_facts(self.database))
            self.about.welcome_requested.connect(self.welcome.open)
            self.lifetimes.own(self.about)
        self.about.show()
        self.about.raise_()

    def shutdown(self) -> None:
        self.lifetimes.stop()

    def still_drawing(self) -> bool:
        """Whether the dashboard's worker was still drawing when the app quit (it is then
        left to the process's end)."""
        return self.dashboard is not None and self.dashboard.still_drawing()

    def dispose(self) -> None:
        """Delete the Qt objects made here, the last made first."""
        self.lifetimes.dispose()

    # ---------------------------------------------------------------- what happened

    def _on_command(self, request_id: int, invocation: Invocation) -> None:
        """A command forwarded by another ``flowtally``: the dashboard opens here, on the GUI
        thread; every other command runs in the store worker."""
        request = invocation.request
        if isinstance(request, rq.Status) and answer_from_memory(
            self.status_flow.focus, self.server, request_id, request
        ):
            return
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

    def open_dashboard(self, week: date | None = None, tab: str | None = None) -> None:
        """Show the dashboard (made, with its worker thread, the first time it is asked for)."""
        if self.dashboard is None:
            from app.gui.dashboard import Dashboard

            live = self.live
            dashboard = Dashboard(self.database, live.value.model, self.zone_name, live.sync_url)
            dashboard.follow(live)
            dashboard.data_changed.connect(lambda: self._send(msg.Refresh()))
            self.lifetimes.started("the dashboard", lambda: dashboard.close(quitting=True))
            self.lifetimes.own_at_end(dashboard.objects)
            self.dashboard = dashboard
        self.dashboard.show(week, tab)

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
            **self.status_flow.focus.facts(),
        }
        return AppFacts(
            self.inputs.hotkey_facts(self.settings.hotkey),
            self.snapshot.pending if self.snapshot else 0,
            details,
        )

    def _on_tick(self) -> None:
        self.live.follow_file()
        self.gaps.tick()
        self.checkins.tick()
        self.inputs.watch()
        self.status_flow.render()

    def open_settings(self) -> None:
        self.settings_flow.open()

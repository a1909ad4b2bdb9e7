"""Wires the dashboard window to its worker thread; made the first time the dashboard opens.

Nothing here runs before the user asks for the dashboard, so the tray app starts without
matplotlib, and without a second database connection.
"""

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal

from app.gui import dashboard_protocol as msg
from app.gui.dashboard_protocol import DashboardAnswer, DashboardRequest
from app.gui.dashboard_worker import DashboardWorker
from app.gui.live_settings import LiveSettings
from app.gui.store_worker import stop_worker
from tracker.history import Part
from tracker.settings import ModelParams
from ui.checkins_page import CheckInsPage
from ui.checkins_page import tab_title as checkins_title
from ui.dashboard import DashboardWindow
from ui.forecast_page import ForecastPage, tab_title

if TYPE_CHECKING:
    from app.gui.import_flow import ImportFlow

log = logging.getLogger(__name__)

REFRESH_AT_MOST_MS = 1000
QUIT_WAIT_MS = 200


class Dashboard(QObject):
    data_changed = Signal()
    """The history was edited here: the tray's status must be read again."""

    def __init__(
        self,
        database: str | None,
        params: ModelParams,
        zone_name: str,
        sync_url: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.window = DashboardWindow()
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("dashboard-worker")
        self.worker = DashboardWorker(database, params, zone_name, sync_url=sync_url)
        self.worker.moveToThread(self.worker_thread)
        window, ask = self.window, self._ask
        window.week_requested.connect(lambda day: ask(msg.LoadWeek(day)))
        window.reload_requested.connect(lambda forget: ask(msg.Reload(forget)))
        window.edit_requested.connect(
            lambda block, part, index, field, text: ask(
                msg.Edit(block, Part(part), index, field, text)
            )
        )
        window.block_add_requested.connect(lambda *fields: ask(msg.AddBlock(*fields)))
        window.interruption_add_requested.connect(lambda *fields: ask(msg.AddInterruption(*fields)))
        window.remove_requested.connect(
            lambda block, part, index: ask(msg.Remove(block, Part(part), index))
        )
        window.undo_requested.connect(lambda: ask(msg.Undo()))
        window.redo_requested.connect(lambda: ask(msg.Redo()))
        window.export_requested.connect(lambda path: ask(msg.Export(path)))
        window.render_requested.connect(lambda spec: ask(msg.Render(spec)))
        window.team_requested.connect(lambda monday: ask(msg.LoadTeam(monday)))
        self.database, self.zone_name = database, zone_name
        self.importing: ImportFlow | None = None
        window.import_requested.connect(self.open_import)
        self.forecast = ForecastPage()
        self.forecast.setObjectName("forecast")
        window.tabs.insertTab(window.tabs.indexOf(window.history_tab), self.forecast, tab_title())
        self.checkins = CheckInsPage()
        self.checkins.setObjectName("checkins")
        window.tabs.insertTab(
            window.tabs.indexOf(window.history_tab), self.checkins, checkins_title()
        )
        window.tabs.currentChanged.connect(self._forecast_shown)
        self.forecast.calendar_requested.connect(lambda path: ask(msg.LoadForecast(path)))
        self.worker.answered.connect(self._on_answer)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_AT_MOST_MS)
        self._refresh.timeout.connect(self._reload)
        self.worker_thread.start()

    def _ask(self, request: DashboardRequest) -> None:
        self.worker.requested.emit(request)

    def _on_answer(self, answer: DashboardAnswer) -> None:
        window = self.window
        match answer:
            case msg.WeekReady(view, team):
                window.set_team(team)
                window.show_view(view)
            case msg.TrendReady(view):
                window.show_trend(view)
            case msg.TeamReady(team, week):
                window.show_team(team, week)
            case msg.TeamFailed(message):
                window.show_team_problem(message)
            case msg.Rendered(page):
                window.show_rendered(page)
            case msg.Failed(message):
                window.show_error(message)
            case msg.Changed(message, focus, undone):
                window.show_change(message, focus, undone)
                self.data_changed.emit()
                self._forecast_stale()
            case msg.Exported(message):
                window.show_message(message)
            case msg.HistoryChanged(undo, redo):
                window.set_history_state(undo, redo)
            case msg.ForecastReady(forecast, period_min):
                self.forecast.show_forecast(forecast, period_min)
            case msg.CheckInsReady(points, means, thresholds, skipped, calibration):
                self.checkins.show_checkins(points, means, thresholds, skipped, calibration)
            case _:
                assert_never(answer)

    def _forecast_shown(self, index: int) -> None:
        """The forecast and the check-ins are worked out when their tab is first opened, and
        again after a change (:meth:`refresh`, the settings)."""
        shown = self.window.tabs.widget(index)
        if (shown is self.forecast and self.forecast.forecast is None) or (
            shown is self.checkins and not self.checkins.loaded
        ):
            self._ask(msg.LoadForecast())

    def show(self, day: date | None = None, tab: str | None = None) -> None:
        """Show the window (raised) on the week of ``day``, or this week; on the focus
        forecast when ``tab`` is ``"forecast"`` (the tray menu's entry)."""
        first = self.window.view is None
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        if first or day is not None:
            self._ask(msg.LoadWeek(day))
        if tab in ("forecast", "checkins"):
            self.window.tabs.setCurrentWidget(self.checkins if tab == "checkins" else self.forecast)
            self._forecast_shown(self.window.tabs.currentIndex())

    def refresh(self) -> None:
        """Something was logged elsewhere (the tray, a forwarded command): show it, at most
        once a second (a burst of presses must not keep the dashboard's worker redrawing)."""
        if self.window.isVisible() and not self._refresh.isActive():
            self._refresh.start()

    def _reload(self) -> None:
        self._ask(msg.Reload(False))
        self._forecast_stale()

    def open_import(self) -> None:
        """The import dialog (with its worker, made the first time)."""
        from app.gui.import_flow import ImportFlow

        if self.importing is None:
            self.importing = ImportFlow(self.database, lambda: self.zone_name)
            self.importing.changed.connect(self._imported)
        self.importing.open(self.window)

    def _imported(self) -> None:
        self._ask(msg.Reload(True))
        self.data_changed.emit()
        self._forecast_stale()

    def apply_settings(self, params: ModelParams, zone_name: str) -> None:
        self.zone_name = zone_name
        self._ask(msg.ApplySettings(params, zone_name))
        self._forecast_stale()

    def _forecast_stale(self) -> None:
        """The history or the settings changed: worked out again, now if it is on screen."""
        self.forecast.forecast = None
        self.checkins.loaded = False
        self._forecast_shown(self.window.tabs.currentIndex())

    def follow(self, live: LiveSettings) -> None:
        """Count with the settings in force, whichever way they change."""
        live.changed.connect(lambda settings: self.apply_settings(settings.model, live.zone_name))

    def still_drawing(self) -> bool:
        """Whether the worker was still drawing when the app quit (it is then left to the
        process's end: deleting it under its thread would crash)."""
        return self.worker_thread.isRunning()

    def objects(self) -> list[QObject]:
        """What to delete at the end, children first (not a worker still drawing)."""
        if self.still_drawing():
            return [self.window]
        return [self.window, self.worker, self.worker_thread, self]

    def close(self, quitting: bool = False) -> None:
        """Close the window and stop the worker. When the app quits, the worker is waited
        for only a moment: it only reads, a chart half drawn is worth nothing, and
        matplotlib cannot be stopped mid-drawing (the first drawing with a fresh font cache
        takes seconds)."""
        self._refresh.stop()
        self.window.close()
        if not quitting or not self.worker_thread.isRunning():
            stop_worker(self.worker, self.worker_thread)
            return
        QMetaObject.invokeMethod(self.worker, "close", Qt.ConnectionType.QueuedConnection)
        self.worker_thread.quit()
        if not self.worker_thread.wait(QUIT_WAIT_MS):
            log.info("the dashboard was still drawing at quit; not waited for")

"""Wires the dashboard window to its worker thread; made the first time the dashboard opens.

Nothing here runs before the user asks for the dashboard, so the tray app starts without
matplotlib, and without a second database connection.
"""

from datetime import date

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from app.gui.dashboard_worker import DashboardWorker
from app.gui.store_worker import stop_worker
from tracker.settings import ModelParams
from ui.dashboard import DashboardWindow, chart_tr

REFRESH_AT_MOST_MS = 1000


class Dashboard(QObject):
    data_changed = Signal()
    """The history was edited here: the tray's status must be read again."""

    def __init__(self, database: str | None, params: ModelParams, zone_name: str) -> None:
        super().__init__()
        self.window = DashboardWindow()
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("dashboard-worker")
        self.worker = DashboardWorker(database, params, zone_name, chart_tr)
        self.worker.moveToThread(self.worker_thread)
        window, worker = self.window, self.worker
        for request in (
            "week_requested",
            "reload_requested",
            "edit_requested",
            "block_add_requested",
            "interruption_add_requested",
            "remove_requested",
            "undo_requested",
            "redo_requested",
            "export_requested",
            "render_requested",
        ):
            getattr(window, request).connect(getattr(worker, request))
        worker.week_ready.connect(window.show_view)
        worker.page_rendered.connect(window.show_rendered)
        worker.failed.connect(window.show_error)
        worker.changed.connect(window.show_message)
        worker.changed.connect(self.data_changed)
        worker.exported.connect(window.show_message)
        worker.history_changed.connect(window.set_history_state)
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_AT_MOST_MS)
        self._refresh.timeout.connect(self._reload)
        self.worker_thread.start()

    def show(self, day: date | None = None) -> None:
        """Show the window (raised) on the week of ``day``, or this week."""
        first = self.window.view is None
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        if first or day is not None:
            self.worker.week_requested.emit(day)

    def refresh(self) -> None:
        """Something was logged elsewhere (the tray, a forwarded command): show it, at most
        once a second (a burst of presses must not keep the dashboard's worker redrawing)."""
        if self.window.isVisible() and not self._refresh.isActive():
            self._refresh.start()

    def _reload(self) -> None:
        self.worker.reload_requested.emit(False)

    def apply_settings(self, params: ModelParams, zone_name: str) -> None:
        self.worker.settings_changed.emit(params, zone_name)

    def close(self) -> None:
        self._refresh.stop()
        self.window.close()
        stop_worker(self.worker, self.worker_thread)

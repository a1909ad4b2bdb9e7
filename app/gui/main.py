"""The tray app's entry point: builds the QApplication, shows the icon, then the controller.

The icon comes first: the instance lock and an idle icon need only Qt and the tray's own
module, while the controller (its dialogs, the popup, the socket server, the model) is a
further ~150 ms of imports and set-up that now happens after the icon is on screen.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn

import platformdirs
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.config import effective_database, effective_zone
from app.gui.first_icon import first_icon
from app.gui.signal_waker import SignalWaker
from app.instance import InstanceLock
from app.version import APP_ID
from tracker import clock
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.redaction import redact_url
from tracker.settings import Settings, load_zone
from tracker.status import live_status
from ui import translations
from ui.tray import TrayView

if TYPE_CHECKING:
    from app.gui.controller import AppController

log = logging.getLogger("flowtally")


def _log_to_file() -> None:
    folder = platformdirs.user_log_path("flowtally", appauthor=False, ensure_exists=True)
    folder.chmod(0o700)
    logging.basicConfig(
        filename=folder / "flowtally.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # The log is the app's record; a library's chatter (matplotlib announces its font cache
    # and unit guesses at INFO) would bury it. Their warnings still come through.
    logging.getLogger("matplotlib").setLevel(logging.WARNING)


def _guard_slots() -> None:
    """An exception escaping a slot is logged; it never takes the app (and a block) down."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))

    sys.excepthook = hook


def _no_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(
    db_option: str | None,
    tz_option: str | None,
    settings: Settings,
    dashboard: bool = False,
    week: date | None = None,
) -> int:
    if _no_display():
        print(
            _(
                "flowtally: error: no graphical display for the tray app; the commands "
                "(flowtally start, interrupt, status, report …) work without one"
            ),
            file=sys.stderr,
        )
        return 1
    _log_to_file()
    try:
        zone_name = effective_zone(tz_option, settings)
    except FlowtallyError as exc:
        print(_("flowtally: error: {problem}").format(problem=exc), file=sys.stderr)
        return 1
    database = effective_database(db_option, settings)
    app = _application()
    lock = InstanceLock(database)
    if not lock.acquire():
        print(_("Flowtally is already running."))
        return 0
    tray = _tray_first(settings, zone_name)
    started: list[AppController] = []

    def start_controller() -> None:
        try:
            from app.gui.controller import AppController

            controller = AppController(app, settings, database, zone_name, tray=tray, lock=lock)
            started.append(controller)
            controller.start()
        except Exception:  # logged: an icon that can do nothing must not stay up
            log.exception("the app could not start")
            print(_("flowtally: error: the app could not start; see the log"), file=sys.stderr)
            app.exit(1)
            return
        if dashboard:
            controller.open_dashboard(week)
        controller.loop_lag.start()
        log.info("started (database %s, zone %s)", redact_url(database or "default"), zone_name)

    QTimer.singleShot(0, start_controller)
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    waker = SignalWaker(app)
    code = 1
    try:
        code = app.exec()
    finally:
        waker.close()
        _tear_down(app, tray, started)
    _exit_at_once(code)


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Flowtally")
    # Ties windows to the installed desktop entry (its icon and name on Wayland docks).
    app.setDesktopFileName(APP_ID)
    app.setQuitOnLastWindowClosed(False)
    translations.install(app)
    _guard_slots()
    return app


def _tear_down(app: QApplication, tray: TrayView, started: list[AppController]) -> None:
    """Qt objects must go before the QApplication, in a known order: left to the
    interpreter's teardown, they are freed in any order and Qt can crash on exit."""
    drawing = False
    for controller in started:
        controller.loop_lag.stop()
        controller.shutdown()
        drawing = drawing or controller.still_drawing()  # before dispose deletes it
        controller.dispose()
    if not started:
        shiboken6.delete(tray.menu)
        shiboken6.delete(tray)
    started.clear()
    log.info("stopped")
    if not drawing:  # deleting the application would delete the drawing worker's thread
        shiboken6.delete(app)


def _exit_at_once(code: int) -> NoReturn:
    """Leave without the interpreter's teardown. Everything is stored and closed by now (the
    workers stopped, the journal and the database closed, the lock released); what is left
    is taking matplotlib, SQLAlchemy and Qt's modules apart object by object, which costs
    half a second of a quit that should feel instant."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _tray_first(settings: Settings, zone_name: str) -> TrayView:
    """The icon, idle, as soon as there is a tray to put it in; the controller takes it over
    (and shows the running block, or the timer window when there is no tray)."""
    tray = TrayView(settings.model)
    if QSystemTrayIcon.isSystemTrayAvailable():
        days = DayClock(load_zone(zone_name))
        status = live_status(None, (), settings.model, days, clock.now())
        saved = platformdirs.user_cache_path("flowtally", appauthor=False) / "icons"
        tray.show_tray(status, first_icon(saved))
    return tray

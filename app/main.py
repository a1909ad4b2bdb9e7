"""The tray app's entry point: builds the QApplication and the controller, runs the loop."""

import logging
import os
import signal
import sys
from datetime import date
from types import TracebackType

import platformdirs
import shiboken6
from PySide6.QtWidgets import QApplication

from app.config import effective_database, effective_zone, load_settings
from app.controller import AppController
from tracker.errors import FlowtallyError
from ui import translations

log = logging.getLogger("flowtally")


def _log_to_file() -> None:
    folder = platformdirs.user_log_path("flowtally", appauthor=False, ensure_exists=True)
    folder.chmod(0o700)
    logging.basicConfig(
        filename=folder / "flowtally.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


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
    dashboard: bool = False,
    week: date | None = None,
) -> int:
    if _no_display():
        print(
            "flowtally: error: no graphical display for the tray app; the commands "
            "(flowtally start, interrupt, status, report …) work without one",
            file=sys.stderr,
        )
        return 1
    _log_to_file()
    settings = load_settings()
    try:
        zone_name = effective_zone(tz_option, settings)
    except FlowtallyError as exc:
        print(f"flowtally: error: {exc}", file=sys.stderr)
        return 1
    database = effective_database(db_option, settings)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Flowtally")
    # Ties windows to the installed desktop entry (its icon and name on Wayland docks).
    app.setDesktopFileName("io.github.flowtally.Flowtally")
    app.setQuitOnLastWindowClosed(False)
    translations.install(app)
    _guard_slots()
    controller = AppController(app, settings, database, zone_name)
    if not controller.start():
        print("Flowtally is already running.")
        return 0
    if dashboard:
        controller.open_dashboard(week)
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    controller.loop_lag.start()  # also lets Python run its signal handlers while Qt waits
    log.info("started (database %s, zone %s)", database or "default", zone_name)
    try:
        return app.exec()
    finally:
        controller.loop_lag.stop()
        controller.shutdown()
        log.info("stopped")
        # Qt objects must go before the QApplication, in a known order: left to the
        # interpreter's teardown, they are freed in any order and Qt can crash on exit.
        controller.dispose()
        del controller
        shiboken6.delete(app)

"""The tray app's input services, started, watched and stopped together: the global hotkey,
the activity clock (away detection) and logind's sleep signals."""

import logging

from PySide6.QtCore import QObject

from app.gui.input_services import ActivityClock, HotkeyBridge, HotkeyService, stop_listeners
from app.gui.sleep_signals import SleepSignals

log = logging.getLogger(__name__)


class InputServices:
    def __init__(self, hotkey: str, parent: QObject) -> None:
        self.bridge = HotkeyBridge()
        self.hotkey = HotkeyService(hotkey, self.bridge)
        self.activity = ActivityClock()
        self.sleep = SleepSignals(parent)
        self.hotkey_problem: str | None = None
        """Why the hotkey does not work here, in one sentence (``None`` while it does)."""

    def start(self) -> None:
        """Start them all; a service that cannot run says why in the log (the hotkey's
        reason is kept for status and the settings dialog)."""
        self.hotkey_problem = self.hotkey.start()
        away_problem = self.activity.start()
        if away_problem:
            log.warning(away_problem)
        sleep_problem = self.sleep.start()
        if sleep_problem:
            log.info("%s: suspends are found by the clock jump only", sleep_problem)

    def change_hotkey(self, hotkey: str) -> None:
        self.hotkey.stop()
        self.hotkey = HotkeyService(hotkey, self.bridge)
        self.hotkey_problem = self.hotkey.start()

    def watch(self) -> None:
        """Restart a listener that died (pynput threads can end with the X connection)."""
        if self.hotkey_problem is None and not self.hotkey.is_alive():
            log.warning("the hotkey listener stopped; restarting it")
            self.change_hotkey(self.hotkey.hotkey)

    def idle_seconds(self) -> float | None:
        """Since the last input, or ``None`` when away detection is off."""
        return self.activity.idle_seconds() if self.activity.is_alive() else None

    def facts(self) -> dict[str, object]:
        """For ``status --json``: which services run, and why the hotkey does not."""
        return {
            "hotkey_active": self.hotkey.is_alive(),
            "hotkey_problem": self.hotkey_problem,
            "away_detection": self.activity.is_alive(),
            "sleep_signals": self.sleep.connected,
        }

    def stop(self) -> None:
        """All listeners stopped together, within one short wait (quitting takes < 1 s)."""
        stop_listeners([*self.hotkey.release(), *self.activity.release()])

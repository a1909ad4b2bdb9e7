"""The tray app's input services, started, watched and stopped together: the global hotkey,
the idle clock (away detection) and logind's sleep signals."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.commands.app_facts import HotkeyFacts
from app.gui.desktop_session import session_kind, x11_input_refused
from app.gui.idle_clocks import IdleClock, start_idle_clock
from app.gui.live_settings import LiveSettings
from app.gui.pynput_listeners import HotkeyBridge, HotkeyService, stop_listeners
from app.gui.sleep_signals import SleepSignals
from tracker.i18n import _

if TYPE_CHECKING:  # the portal's module loads on Wayland only (#27)
    from app.gui.portal_hotkey import PortalHotkey

log = logging.getLogger(__name__)


IDLE_SOURCES = {
    "mutter": "GNOME's own idle clock (IdleMonitor), no key listener",
    "screensaver": "the desktop's idle clock (org.freedesktop.ScreenSaver), no key listener",
    "xscreensaver": "the X server's idle counter, no key listener",
    "pynput": "pynput's input listeners, which keep the time of the last input only",
}


def hotkey_service(hotkey: str, bridge: HotkeyBridge) -> HotkeyService | PortalHotkey:
    """The desktop's GlobalShortcuts portal on a Wayland session (where no program hears
    keys typed in other windows); pynput everywhere else."""
    if session_kind() == "wayland":
        from app.gui.portal_hotkey import PortalHotkey

        service = PortalHotkey(hotkey, bridge.heard)
        service.changed = bridge.service_changed.emit
        return service
    return HotkeyService(hotkey, bridge)


class InputServices:
    def __init__(self, hotkey: str, parent: QObject) -> None:
        self.bridge = HotkeyBridge()
        self.hotkey = hotkey_service(hotkey, self.bridge)
        self.idle: IdleClock | None = None
        self.away_problem: str | None = None
        """Why away detection is off here (``None`` while it works)."""
        self.sleep = SleepSignals(parent)
        self._start_problem: str | None = None

    @property
    def hotkey_problem(self) -> str | None:
        """Why the hotkey does not work here, in one sentence (``None`` while it does, or
        while the desktop still asks the user)."""
        return self._start_problem or self.hotkey.problem()

    def start(self) -> None:
        """Start them all; a service that cannot run says why in the log (the hotkey's
        reason is kept for status and the settings dialog)."""
        self._start_problem = self.hotkey.start()
        self.idle, self.away_problem = start_idle_clock()
        sleep_problem = self.sleep.start()
        if sleep_problem:
            log.info("%s: suspends are found by the clock jump only", sleep_problem)

    def follow(self, live: LiveSettings) -> None:
        """Listen for the hotkey in force, whichever way it changes."""
        live.changed.connect(
            lambda settings: (
                None
                if settings.hotkey == live.before.hotkey
                else self.change_hotkey(settings.hotkey)
            )
        )

    def change_hotkey(self, hotkey: str) -> None:
        self.hotkey.stop()
        self.hotkey = hotkey_service(hotkey, self.bridge)
        self._start_problem = self.hotkey.start()

    def watch(self) -> None:
        """Restart a listener that died (pynput threads can end with the X connection)."""
        if self.hotkey_problem is None and not self.hotkey.is_alive():
            log.warning("the hotkey listener stopped; restarting it")
            self.change_hotkey(self.hotkey.hotkey)

    def idle_seconds(self) -> float | None:
        """Since the last input, or ``None`` when away detection is off."""
        idle = self.idle
        return idle.idle_seconds() if idle is not None and idle.is_alive() else None

    def hotkey_facts(self, key: str) -> HotkeyFacts:
        """For ``status``: whether the hotkey listens, and why it does not."""
        hotkey = self.hotkey
        listening = hotkey.listening()
        return HotkeyFacts(
            key=key,
            active=listening,
            waiting=hotkey.is_alive() and not listening,
            problem=self.hotkey_problem,
            trigger=hotkey.trigger,
            backend=hotkey.backend if listening else None,
        )

    def facts(self) -> dict[str, object]:
        """For ``status --json``: which other services run, and why not."""
        return {
            "away_detection": self.idle is not None and self.idle.is_alive(),
            "away_backend": self.idle.backend if self.idle is not None else None,
            "away_problem": self.away_problem,
            "sleep_signals": self.sleep.connected,
        }

    def describe(self) -> str:
        """Which source each service uses here, or why it is off: what the settings dialog
        says, in one sentence each."""
        service = self.hotkey
        if service.backend == "portal" and service.listening():
            hotkey = _(
                "Hotkey: the desktop's global shortcut {trigger} (GlobalShortcuts portal); "
                "change the key in the desktop's keyboard settings."
            ).format(trigger=service.trigger or service.hotkey)
        elif service.listening():
            hotkey = _("Hotkey: heard by pynput (X11, Windows or macOS).")
        elif service.is_alive():
            hotkey = _("Hotkey: waiting for you to approve the shortcut in the desktop's dialog.")
        else:
            why = self.hotkey_problem or x11_input_refused() or _("starting")
            hotkey = _("Hotkey: off, {why}.").format(why=why)
        idle = self.idle
        if idle is not None and idle.is_alive():
            away = _("Away detection: {source}.").format(source=_(IDLE_SOURCES[idle.backend]))
        else:
            away = _("Away detection: off, {why}.").format(why=self.away_problem or _("starting"))
        return f"{hotkey} {away}"

    def stop(self) -> None:
        """All listeners stopped together, within one short wait (quitting takes < 1 s)."""
        idle = self.idle.release() if self.idle is not None else []
        stop_listeners([*self.hotkey.release(), *idle])

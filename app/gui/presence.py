"""Where the app shows itself: the tray icon, or, while there is no tray (GNOME without the
AppIndicator extension, a panel that starts late), a small always-on-top timer window that
says why, at once: a person who started the app must never wonder where it went.

Most panels (KDE, GNOME's AppIndicator extension, XFCE, every Wayland panel) take the icon
over D-Bus, as a StatusNotifierItem registered with ``org.kde.StatusNotifierWatcher``. Qt
registers an icon once, when it is shown: a panel that starts after the app (a login where
the shell loads its extensions late, a panel restarted) would never hear of it. So the app
watches for the watcher and registers again each time one appears, and a timer window shown
for want of a tray gives way to the icon.
"""

import contextlib
import logging
import os
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher
from PySide6.QtWidgets import QSystemTrayIcon

from app.gui.desktop_notices import Action, DesktopNotices, said_before
from app.gui.live_settings import LiveSettings
from tracker.i18n import _
from tracker.status import Status
from ui import icons
from ui.timer_window import TimerWindow
from ui.tray import TrayView

log = logging.getLogger(__name__)
WATCHER = "org.kde.StatusNotifierWatcher"


def tray_wait_seconds() -> float:
    """How long a tray may take at login (a shell loads its extensions late) before the timer
    window stops saying it waits for one and says that none was found."""
    return float(os.environ.get("FLOWTALLY_TRAY_WAIT_S", "30"))


def waiting_reason() -> str:
    return _(
        "Waiting for a panel to show Flowtally's icon. Until one appears (on GNOME, the "
        "AppIndicator extension adds one), this small window shows the timer."
    )


def no_tray_reason() -> str:
    return _(
        "No system tray was found (on GNOME, the AppIndicator extension adds one), so "
        "Flowtally shows this small window instead."
    )


def say(line: str) -> None:
    """One line for a person who started the app from a terminal: where it is, since a tray
    icon can appear anywhere and a window may open behind the terminal."""
    with contextlib.suppress(OSError, ValueError):  # output closed: started from a menu
        print(line, flush=True)


class Presence:
    def __init__(
        self,
        tray: TrayView,
        status: Callable[[], Status],
        live: LiveSettings,
        connect: Callable[[TrayView | TimerWindow], None],
    ) -> None:
        """``status``: the status to draw now; ``connect``: wires a view's requests."""
        self.tray = tray
        self.window: TimerWindow | None = None
        self._status = status
        self._live = live
        self._connect = connect
        self._deadline = 0.0
        self._panels: QDBusServiceWatcher | None = None
        self.notices = DesktopNotices()
        self.notices.unsent.connect(self._balloon)
        connect(tray)

    def start(self) -> None:
        self.notices.start()
        self._deadline = time.monotonic() + tray_wait_seconds()
        bus = QDBusConnection.sessionBus()
        if bus.isConnected():
            self._panels = QDBusServiceWatcher(
                WATCHER, bus, QDBusServiceWatcher.WatchModeFlag.WatchForRegistration
            )
            self._panels.serviceRegistered.connect(self._panel_appeared)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show_tray(self._status())
            say(_("Flowtally is running: its icon is in the panel; click it for the menu."))
            return
        self._show_window(waiting_reason())
        say(_("Flowtally is running in a small timer window until a panel shows its icon."))
        self._look_for_tray()

    def _panel_appeared(self, _name: str) -> None:
        """A StatusNotifier watcher came on the bus after the icon was shown, or while the
        timer window stood in for it: the icon goes to it."""
        if self.window is not None:
            self._give_way_to_a_tray()
        elif self.tray.tray.isVisible():
            log.info("a system tray appeared: the icon registers with it")
            self.tray.register_again()

    def _look_for_tray(self) -> None:
        """While the timer window stands in, ask every second whether a tray has come: an
        XEmbed tray (trayer, XFCE's panel) says so on no bus, only in the X server."""
        if self.window is None or self._give_way_to_a_tray():
            return
        if time.monotonic() >= self._deadline:
            self.window.reason.setText(no_tray_reason())
        QTimer.singleShot(1000, self._look_for_tray)

    def _give_way_to_a_tray(self) -> bool:
        """The timer window makes way for the icon, if a tray is there now."""
        if self.window is None or not QSystemTrayIcon.isSystemTrayAvailable():
            return False
        log.info("a system tray appeared: the timer window gives way to the icon")
        window, self.window = self.window, None
        window.hide()  # not close(): closing the timer window asks whether to quit
        window.deleteLater()
        self.tray.show_tray(self._status())
        say(_("A panel appeared: Flowtally's icon is there now; click it for the menu."))
        return True

    @property
    def shown(self) -> bool:
        """The icon is embedded (its geometry is real), or the window is up."""
        return self.tray.tray.geometry().width() > 0 or self.window is not None

    def _show_window(self, reason: str) -> None:
        window = TimerWindow(reason)
        self._connect(window)
        self.window = window
        self.show_status(self._status())
        window.show()

    def show_status(self, status: Status) -> None:
        if self.tray.tray.isVisible() or self.window is None:
            self.tray.show_status(status)
        if self.window is not None:
            look = icons.look_of(status, self._live.value.model)
            self.window.show_status(status, look, self.tray.goal_min)

    def set_undo(self, what: str | None) -> None:
        self.tray.set_undo(what)
        if self.window is not None:
            self.window.set_undo(what)

    def notify(self, message: str, actions: Sequence[Action] = ()) -> None:
        """A notice through the desktop's notification server, or, where none answers, a
        balloon from the tray (the timer window shows its state already)."""
        self.notices.show(message, actions)

    def notify_once(self, topic: str, message: str) -> None:
        """A notice unless it is what was said last about ``topic``, at this start or an
        earlier one: the same reason at every start is no news."""
        if not said_before(topic, message):
            self.notify(message)

    def _balloon(self, message: str) -> None:
        if self.tray.tray.isVisible():
            self.tray.notify("Flowtally", message)

    def raise_(self) -> None:
        """A second ``flowtally``: show where the app is."""
        if self.window is not None:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
        else:
            self.notify(self.tray.tray.toolTip())

    def facts(self) -> dict[str, object]:
        geometry = self.tray.tray.geometry()
        return {
            "tray": self.tray.tray.isVisible() and self.window is None,
            "tray_geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
            "timer_window": self.window is not None and self.window.isVisible(),
            **self.notices.facts(),
        }

"""How long the user has not touched keyboard or mouse, from the system's own idle clock
wherever there is one, so that away detection needs no key listener at all.

- On Wayland, the compositor: GNOME's ``org.gnome.Mutter.IdleMonitor``, or
  ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE and others). An X11 source there
  would only see input to XWayland windows and call real typing "away".
- On X11, the X server's own counter (the MIT-SCREEN-SAVER extension), then the D-Bus
  ones, and pynput's input listeners only where none of these exists (and on Windows and
  macOS, where pynput reads the system's input natively).
- Where nothing can tell, away detection is off and says why. It never guesses.

Each clock answers one number, the idle seconds, and holds nothing else: no key, no
position, no window.
"""

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusPendingCallWatcher

from app.gui.desktop_session import session_kind
from app.gui.pynput_listeners import ActivityClock
from tracker.i18n import _

log = logging.getLogger(__name__)

POLL_MS = 1000
"""How often a D-Bus idle clock is asked (an answer is at most this stale: away is found at
most a second late, never early)."""
ANSWER_MS = 1000
"""The longest a D-Bus idle clock may take to answer (a local call takes well under 1 ms)."""
STALE_S = 5.0
"""An answer older than this means the service went away: idle is then unknown, not long."""


class IdleClock(Protocol):
    backend: str
    """Which source answers: ``mutter``, ``screensaver``, ``xscreensaver`` or ``pynput``."""

    def start(self) -> str | None:
        """Begin; why it cannot work here, or ``None``."""

    def idle_seconds(self) -> float | None:
        """Since the last input, or ``None`` while that is not known."""

    def is_alive(self) -> bool: ...

    def release(self) -> list[Any]:
        """pynput listeners to stop (the others stop themselves here)."""


class DBusIdleClock:
    """A compositor's or screen saver's idle time over the session bus, asked every second
    without blocking the GUI thread (the answer arrives as a signal)."""

    def __init__(
        self, backend: str, service: str, path: str, method: str, seconds_per_unit: float
    ) -> None:
        self.backend = backend
        self._service, self._path, self._method = service, path, method
        self._unit = seconds_per_unit
        self._idle: float | None = None
        self._answered = 0.0
        self._bus = QDBusConnection.sessionBus()
        self._interface: QDBusInterface | None = None
        self._timer: QTimer | None = None
        self._waiting: QDBusPendingCallWatcher | None = None

    def start(self) -> str | None:
        names = self._bus.interface() if self._bus.isConnected() else None
        if names is None or not names.isServiceRegistered(self._service).value():
            return _("{service} is not on the session bus").format(service=self._service)
        interface = QDBusInterface(self._service, self._path, self._service, self._bus)
        interface.setTimeout(ANSWER_MS)
        reply = interface.call(self._method)  # once, to know it answers at all
        if reply.errorMessage():
            return _("{service} does not answer: {problem}").format(
                service=self._service, problem=reply.errorMessage()
            )
        self._interface = interface
        self._take(reply.arguments())
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._ask)
        self._timer.start()
        return None

    def _ask(self) -> None:
        if self._interface is None or self._waiting is not None:
            return
        watcher = QDBusPendingCallWatcher(self._interface.asyncCall(self._method))
        watcher.finished.connect(self._answered_by)
        self._waiting = watcher

    def _answered_by(self, watcher: QDBusPendingCallWatcher) -> None:
        self._waiting = None
        if watcher.isError():
            log.warning("%s: %s", self._service, watcher.error().message())
        else:
            self._take(watcher.reply().arguments())
        watcher.deleteLater()

    def _take(self, arguments: list[Any]) -> None:
        if arguments and isinstance(arguments[0], int):
            self._idle = arguments[0] * self._unit
            self._answered = time.monotonic()

    def idle_seconds(self) -> float | None:
        return self._idle if self.is_alive() else None

    def is_alive(self) -> bool:
        return self._idle is not None and time.monotonic() - self._answered < STALE_S

    def release(self) -> list[Any]:
        if self._timer is not None:
            self._timer.stop()
        self._interface = None
        return []


def mutter_idle() -> DBusIdleClock:
    return DBusIdleClock(
        "mutter",
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "GetIdletime",
        0.001,  # milliseconds
    )


def screensaver_idle() -> DBusIdleClock:
    # Not in the freedesktop specification; KDE, its main provider, answers milliseconds
    # (KIdleTime's idle time).
    return DBusIdleClock(
        "screensaver",
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "GetSessionIdleTime",
        0.001,
    )


class XServerIdleClock:
    """The X server's own idle counter (MIT-SCREEN-SAVER): reset by any input the server
    receives, read without listening to a single key."""

    backend = "xscreensaver"

    def __init__(self) -> None:
        self._display: Any = None
        self._root: Any = None

    def start(self) -> str | None:
        try:
            from Xlib import display as xdisplay
            from Xlib.ext import screensaver  # noqa: F401 - registers the extension's calls

            connection = xdisplay.Display()
        except Exception as exc:  # noqa: BLE001 - Xlib raises its own errors for a bad display
            return _("the X server cannot be reached ({problem})").format(problem=exc)
        if not connection.has_extension("MIT-SCREEN-SAVER"):
            connection.close()
            return _("the X server has no idle counter (MIT-SCREEN-SAVER)")
        self._display, self._root = connection, connection.screen().root
        return None

    def idle_seconds(self) -> float | None:
        if self._root is None:
            return None
        try:
            return float(self._root.screensaver_query_info().idle) / 1000
        except Exception as exc:  # noqa: BLE001 - a closed display raises Xlib's errors
            log.warning("the X idle counter cannot be read: %s", exc)
            return None

    def is_alive(self) -> bool:
        return self._root is not None

    def release(self) -> list[Any]:
        if self._display is not None:
            try:
                self._display.close()
            except Exception as exc:  # noqa: BLE001 - shutting down goes on regardless
                log.warning("the X idle counter did not close cleanly: %s", exc)
        self._display = self._root = None
        return []


def _pynput() -> ActivityClock:
    return ActivityClock()


CHOICES: dict[str, tuple[Callable[[], IdleClock], ...]] = {
    "wayland": (mutter_idle, screensaver_idle),
    "x11": (XServerIdleClock, mutter_idle, screensaver_idle, _pynput),
    "other": (_pynput,),
    "none": (),
}
"""The idle clocks worth trying in each kind of session, best first."""


def start_idle_clock() -> tuple[IdleClock | None, str | None]:
    """The first idle clock that works in this session, or why away detection is off."""
    problems = []
    for make in CHOICES[session_kind()]:
        clock = make()
        problem = clock.start()
        if problem is None:
            log.info("away detection reads the idle time from %s", clock.backend)
            return clock, None
        problems.append(f"{clock.backend}: {problem}")
    if session_kind() == "wayland":
        reason = _(
            "this Wayland desktop offers no idle time (GNOME's IdleMonitor or "
            "org.freedesktop.ScreenSaver)"
        )
    else:
        reason = _("no idle time can be read here")
    log.warning("away detection is off: %s (%s)", reason, "; ".join(problems) or "nothing to try")
    return None, reason

"""pynput, in one place: the global hotkey and the last-input clock for away detection.

Privacy: the hotkey listener only matches the configured combination; the activity listeners
ignore which key or button it was and keep one number, the monotonic time of the last input.
Callbacks touch no widget: the hotkey emits a signal on a QObject living on the GUI thread
(Qt queues it to the store worker); activity is a plain float the GUI polls.
"""

import logging
import re
import time
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.gui.desktop_session import x11_input_refused
from app.gui.store_protocol import Press
from tracker import clock
from tracker.i18n import _

log = logging.getLogger(__name__)


class HotkeyBridge(QObject):
    pressed = Signal(object)
    """A :class:`~app.gui.store_protocol.Press`, emitted on pynput's thread."""
    tried = Signal()
    """The hotkey, pressed while the first-run window tries it: heard, not logged."""
    service_changed = Signal()
    """The hotkey's service was bound, or gave up (the portal's answer comes late)."""

    def __init__(self) -> None:
        super().__init__()
        self.trying = False
        """Set on the GUI thread, read on the listener's (a bool is read and written whole)."""

    def heard(self, activation_token: str | None = None) -> None:
        """The hotkey, on the listener's thread: a press, or the first-run window's try."""
        if self.trying:
            self.tried.emit()
        else:
            self.pressed.emit(Press(clock.now(), activation_token))


def short_reason(problem: BaseException, most: int = 120) -> str:
    """One short line from a library's error. pynput's, for an X server it cannot reach, is
    a multi-line dump of a tuple with advice appended; the X library's own reason inside it
    is what a person needs ("Can't connect to display ":1": [Errno 111] Connection refused")."""
    text = str(problem)
    found = re.search(r"failed to acquire X connection: (.+?)['\"],", text)
    line = found[1] if found else (text.splitlines() or [type(problem).__name__])[0]
    line = line.replace("\\'", "'")
    return line if len(line) <= most else line[: most - 1] + "…"


class HotkeyService:
    """A pynput GlobalHotKeys listener that can be checked and restarted."""

    backend = "pynput"
    trigger: str | None = None
    """The desktop's own name for the shortcut: a portal's only."""

    def __init__(self, hotkey: str, bridge: HotkeyBridge) -> None:
        self.hotkey = hotkey
        self.bridge = bridge
        self._listener: Any = None

    def start(self) -> str | None:
        """Start listening; returns why it cannot, or ``None``."""
        reason = x11_input_refused()
        if reason:
            return reason
        try:
            from pynput import keyboard

            keyboard.HotKey.parse(self.hotkey)
            self._listener = keyboard.GlobalHotKeys({self.hotkey: self.bridge.heard})
            self._listener.daemon = True
            self._listener.start()
        except (ImportError, ValueError, OSError) as exc:
            self._listener = None
            return _("the hotkey {hotkey} could not be set up: {why}").format(
                hotkey=self.hotkey, why=short_reason(exc)
            )
        return None

    def problem(self) -> str | None:
        """Why it stopped working after a good start: never, for pynput (``start`` says)."""
        return None

    def is_alive(self) -> bool:
        return self._listener is not None and self._listener.is_alive()

    def listening(self) -> bool:
        return self.is_alive()

    def release(self) -> list[Any]:
        """The running listener, forgotten here, for the caller to stop."""
        listener, self._listener = self._listener, None
        return [] if listener is None else [listener]

    def stop(self) -> None:
        stop_listeners(self.release())


class ActivityClock:
    """Knows when the user last touched keyboard or mouse, and nothing else: pynput's input
    listeners, for where the system offers no idle clock of its own (Windows, macOS, an X
    server without its idle counter)."""

    backend = "pynput"

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._listeners: list[Any] = []

    def touch(self, *_: object) -> None:
        self.last_input = time.monotonic()

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input

    def start(self) -> str | None:
        reason = x11_input_refused()
        if reason:
            return reason
        try:
            from pynput import keyboard, mouse

            self._listeners = [
                keyboard.Listener(on_press=self.touch),
                mouse.Listener(on_move=self.touch, on_click=self.touch, on_scroll=self.touch),
            ]
            for listener in self._listeners:
                listener.daemon = True
                listener.start()
        except (ImportError, OSError) as exc:
            self._listeners = []
            return f"away detection is off: {exc}"
        return None

    def is_alive(self) -> bool:
        return bool(self._listeners) and all(listener.is_alive() for listener in self._listeners)

    def release(self) -> list[Any]:
        """The running listeners, forgotten here, for the caller to stop."""
        listeners, self._listeners = self._listeners, []
        return listeners


STOP_WAIT_S = 0.1
"""How long quitting waits for the listeners' threads, all together. pynput's X11 listeners
only notice a stop at their next X event, which may be seconds away; they are daemon threads
holding no data, so quitting need not wait for them longer."""


def stop_listeners(listeners: list[Any]) -> None:
    """Stop pynput listeners: all are told first, then waited for within one short budget.
    A listener whose X connection is already gone raises from ``stop``; shutting down must go
    on regardless (the store is closed after this), so that is logged, not raised."""
    for listener in listeners:
        try:
            listener.stop()
        except Exception as exc:  # noqa: BLE001 - Xlib raises its own errors for a closed display
            log.warning("an input listener did not stop cleanly: %s", exc)
    deadline = time.monotonic() + STOP_WAIT_S
    for listener in listeners:
        listener.join(max(deadline - time.monotonic(), 0))

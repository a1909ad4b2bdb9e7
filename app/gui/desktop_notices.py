"""Notices through the desktop's notification server (``org.freedesktop.Notifications``),
with the app's name, its icon and buttons that act ("Stop", "Pause", "Start").

Qt's ``QSystemTrayIcon.showMessage`` over StatusNotifierItem also switches the item to
NeedsAttention with a generic "dialog-information" icon for the balloon's time: in GNOME's
AppIndicator panel, Flowtally's icon became a light bulb for 8 s at every notice. Where a
notification server answers, notices go to it directly and the tray icon is left alone;
where none does (an XEmbed tray without one, Windows, macOS), the tray's balloon stays.

The server is spoken to with jeepney on a thread of its own, as the shortcuts portal is
(:mod:`app.gui.portal_hotkey` says why QtDBus cannot marshal these calls from Python): the
``Notify`` call's ``u`` and ``a{sv}`` are typed exactly, and the GUI thread never waits for a
server that is slow to answer.
"""

import contextlib
import logging
import queue
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args

from PySide6.QtCore import QObject, Signal

from app.config import state_path
from app.files import write_atomically
from app.version import APP_ID
from tracker.errors import FlowtallyError
from tracker.i18n import _
from ui.view_requests import ViewRequests

log = logging.getLogger(__name__)

SERVER = "org.freedesktop.Notifications"
SERVER_PATH = "/org/freedesktop/Notifications"
ANSWER_S = 5.0
"""The longest the server may take to answer a call."""
WAKE_S = 0.2
"""How often the thread looks for a notice to send between the server's signals."""
SHOWN_MS = 8000


ActionKey = Literal["start", "stop", "pause"]
KEYS: tuple[ActionKey, ...] = get_args(ActionKey)


@dataclass(frozen=True, slots=True)
class Action:
    key: ActionKey
    """What the app does when it is clicked."""
    label: str


@dataclass(frozen=True, slots=True)
class Notice:
    body: str
    actions: tuple[Action, ...] = ()


def action(key: ActionKey) -> Action:
    """A button in the reader's language."""
    labels = {"start": _("Start focus"), "stop": _("Stop"), "pause": _("Pause")}
    return Action(key, labels[key])


HOTKEY_NOTICE = "hotkey-notice"


def said_before(topic: str, text: str) -> bool:
    """Whether ``text`` is what was said last about ``topic`` (across restarts), and
    remember it: a reason that holds at every start is said once, and again when it changes."""
    mark = state_path(topic)
    with contextlib.suppress(OSError):
        if mark.read_text(encoding="utf-8") == text:
            return True
    with contextlib.suppress(FlowtallyError):  # not remembered: said again next time
        write_atomically(mark, text, private=True)
    return False


class DesktopNotices(QObject):
    """Sends notices to the notification server while one answers. A notice's button asks
    through ``requests``, as the tray's menu does; ``unsent`` carries a notice's text when no
    server took it (the tray shows it instead). Both arrive on the GUI thread."""

    unsent = Signal(str)
    _acted = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests = ViewRequests(self)
        self._acted.connect(self._ask)  # queued: emitted on the notices' thread
        self._outbox: queue.Queue[Notice | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self._actions: dict[int, tuple[Action, ...]] = {}
        self.server = ""
        """The server's name and version once it answered (``gnome-shell 43.9``)."""
        self.sent = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="desktop-notices", daemon=True)
        self._thread.start()

    def _ask(self, key: str) -> None:
        asked = self.requests
        {
            "start": lambda: asked.start_requested.emit(""),
            "stop": asked.stop_requested.emit,
            "pause": asked.pause_requested.emit,
        }[key]()

    def show(self, body: str, actions: Sequence[Action] = ()) -> None:
        self._outbox.put(Notice(body, tuple(actions)))

    def stop(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._outbox.put(None)
        connection = self._connection
        if connection is not None:
            with contextlib.suppress(OSError):  # already closed
                connection.sock.shutdown(socket.SHUT_RDWR)
        thread.join(2)

    def facts(self) -> dict[str, object]:
        return {"notification_server": self.server or None, "notices_sent": self.sent}

    # ------------------------------------------------------------ the notices' own thread

    def _run(self) -> None:
        try:
            signals = self._connect()
        except (ImportError, OSError, KeyError, ValueError, TimeoutError) as exc:
            log.info("no notification server (%s): the tray shows notices", exc or type(exc))
            if self._connection is not None:  # a bus, but no server on it
                self._connection.close()
            self._give_up()
            return
        try:
            with signals as heard:
                self._serve(heard)
        except (OSError, ValueError, KeyError, TypeError, IndexError, TimeoutError) as exc:
            log.info("the notification server stopped answering (%s)", exc or type(exc))
            self.server = ""
            self._give_up()
        finally:
            self._connection.close()

    def _connect(self) -> Any:
        """Open the bus and ask the server who it is (which starts one that is installed
        but not running); the filter the server's signals arrive through."""
        from app.session_bus import open_session_bus

        self._connection = open_session_bus()
        from jeepney import DBusAddress, MatchRule, MessageType, new_method_call
        from jeepney.bus_messages import message_bus

        address = DBusAddress(SERVER_PATH, bus_name=SERVER, interface=SERVER)
        reply = self._connection.send_and_get_reply(
            new_method_call(address, "GetServerInformation"), timeout=ANSWER_S
        )
        if reply.header.message_type == MessageType.error:
            raise OSError(reply.body[0] if reply.body else "no server")
        name, _vendor, version, _spec = reply.body
        self.server = f"{name} {version}"
        rule = MatchRule(type="signal", interface=SERVER, path=SERVER_PATH)
        self._connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=ANSWER_S)
        return self._connection.filter(rule, bufsize=64)

    def _serve(self, heard: Any) -> None:
        """Send what waits, then listen to the server for a moment, until told to stop."""
        while True:
            while not self._outbox.empty():
                notice = self._outbox.get_nowait()
                if notice is None:
                    return
                self._send(notice)
            try:
                self._hear(self._connection.recv_until_filtered(heard, timeout=WAKE_S))
            except TimeoutError:
                continue

    def _send(self, notice: Notice) -> None:
        from jeepney import DBusAddress, MessageType, new_method_call

        address = DBusAddress(SERVER_PATH, bus_name=SERVER, interface=SERVER)
        actions = [part for action in notice.actions for part in (action.key, action.label)]
        hints = {"desktop-entry": ("s", APP_ID), "urgency": ("y", 1)}
        call = new_method_call(
            address,
            "Notify",
            "susssasa{sv}i",
            ("Flowtally", 0, APP_ID, "Flowtally", notice.body, actions, hints, SHOWN_MS),
        )
        reply = self._connection.send_and_get_reply(call, timeout=ANSWER_S)
        if reply.header.message_type == MessageType.error:
            log.info("the notification server refused a notice: %s", reply.body)
            self.unsent.emit(notice.body)
            return
        self.sent += 1
        if notice.actions:
            self._actions[int(reply.body[0])] = notice.actions

    def _hear(self, signal: Any) -> None:
        """A clicked button, or a notice gone."""
        from jeepney import HeaderFields

        member = signal.header.fields.get(HeaderFields.member)
        if member == "ActionInvoked":
            notice_id, key = signal.body
            if any(action.key == key for action in self._actions.get(notice_id, ())):
                self._acted.emit(key)
        elif member == "NotificationClosed":
            self._actions.pop(signal.body[0], None)

    def _give_up(self) -> None:
        """No server: what waits, and whatever comes later, goes to the tray."""
        while True:
            notice = self._outbox.get()
            if notice is None:
                return
            self.unsent.emit(notice.body)

"""The three ways a desktop lets Flowtally quiet its notifications, and which one is here.

- GNOME: the ``org.gnome.desktop.notifications show-banners`` key (what gnome-pomodoro's
  extension and GNOME's own "Do Not Disturb" switch set). A person who turned banners off
  themselves keeps them off: Flowtally never turns them on.
- dunst (sway, i3, Hyprland): its ``org.dunstproject.cmd0`` ``paused`` property; paused by
  the person already, it is left alone too.
- KDE Plasma and other servers with ``inhibitions``: ``Inhibit`` gives a cookie, and the
  inhibition lasts while the connection that asked does (a crash ends it).

Each call here may wait for a server or a ``gsettings`` process: they run on the quiet
keeper's thread, never on the GUI thread.
"""

import os
from typing import Any

from app.focus import quiet_record
from app.focus.quiet_record import GNOME_KEY, GNOME_SCHEMA, gsettings
from tracker.errors import FlowtallyError
from tracker.i18n import _

SERVER = "org.freedesktop.Notifications"
SERVER_PATH = "/org/freedesktop/Notifications"
ANSWER_S = 5.0


class Backend:
    """Silences and restores; ``changed`` is false while the person's own setting already
    had notifications off (then nothing is restored either)."""

    name = ""

    def __init__(self) -> None:
        self.changed = False

    def silence(self) -> None:
        raise NotImplementedError

    def restore(self) -> None:
        raise NotImplementedError


class Switch(Backend):
    """A desktop's own on/off switch: read first, and left alone when the person had
    already turned notifications off (then theirs to turn on)."""

    def is_quiet(self) -> bool:
        raise NotImplementedError

    def set_quiet(self, quiet: bool) -> None:
        raise NotImplementedError

    def silence(self) -> None:
        if self.is_quiet():
            self.changed = False
            return
        quiet_record.remember(self.name)  # before the change: a crash can be undone
        self.set_quiet(True)
        self.changed = True

    def restore(self) -> None:
        if self.changed:
            self.set_quiet(False)
            self.changed = False
        quiet_record.forget()


class GnomeBanners(Switch):
    name = "gnome"

    def is_quiet(self) -> bool:
        return gsettings("get", GNOME_SCHEMA, GNOME_KEY) != "true"

    def set_quiet(self, quiet: bool) -> None:
        gsettings("set", GNOME_SCHEMA, GNOME_KEY, "false" if quiet else "true")


class DunstPause(Switch):
    name = "dunst"

    def __init__(self, connection: Any) -> None:
        super().__init__()
        self._connection = connection

    def is_quiet(self) -> bool:
        return quiet_record.dunst_pause(self._connection)

    def set_quiet(self, quiet: bool) -> None:
        quiet_record.dunst_pause(self._connection, quiet)


class Inhibition(Backend):
    name = "inhibit"

    def __init__(self, connection: Any) -> None:
        super().__init__()
        self._connection = connection
        self._cookie: int | None = None

    def silence(self) -> None:
        from app.version import APP_ID

        reason = _("Flowtally: in deep focus")
        body = _call(self._connection, "Inhibit", "ssa{sv}", (APP_ID, reason, {}))
        self._cookie = int(body[0])
        self.changed = True

    def restore(self) -> None:
        if self._cookie is not None:
            _call(self._connection, "UnInhibit", "u", (self._cookie,))
        self._cookie = None
        self.changed = False


def detect(connection: Any | None) -> Backend | str:
    """The backend for this desktop, or one sentence saying why there is none."""
    server = _server_name(connection) if connection is not None else None
    desktops = os.environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    if server == "gnome-shell" or "GNOME" in desktops:
        try:
            gsettings("get", GNOME_SCHEMA, GNOME_KEY)
            return GnomeBanners()
        except FlowtallyError:
            if server == "gnome-shell":
                return _("GNOME's notification settings cannot be read (gsettings failed)")
    if connection is None or server is None:
        return _("no notification server answers on the session bus")
    if server == "dunst":
        return DunstPause(connection)
    if _inhibits(connection):
        return Inhibition(connection)
    return _(
        "the notification server ({server}) offers no way to pause it; a hook can (see README)"
    ).format(server=server)


def _server_name(connection: Any) -> str | None:
    try:
        name, *_rest = _call(connection, "GetServerInformation", "", ())
    except (OSError, ValueError, TimeoutError):
        return None
    return str(name)


def _inhibits(connection: Any) -> bool:
    """Whether the server takes ``Inhibit`` (Plasma lists ``inhibitions`` among its
    capabilities; the method in the server's introspection says the same)."""
    try:
        capabilities = _call(connection, "GetCapabilities", "", ())[0]
        if "inhibitions" in capabilities:
            return True
        from jeepney import DBusAddress, Introspectable

        reply = connection.send_and_get_reply(
            Introspectable(DBusAddress(SERVER_PATH, bus_name=SERVER)).Introspect(),
            timeout=ANSWER_S,
        )
        return '"Inhibit"' in str(reply.body[0])
    except (OSError, ValueError, TimeoutError, IndexError):
        return False


def _call(connection: Any, method: str, signature: str, body: tuple[Any, ...]) -> Any:
    from jeepney import DBusAddress, MessageType, new_method_call

    address = DBusAddress(SERVER_PATH, bus_name=SERVER, interface=SERVER)
    message = new_method_call(address, method, signature or None, body)
    reply = connection.send_and_get_reply(message, timeout=ANSWER_S)
    if reply.header.message_type == MessageType.error:
        raise OSError(f"{method}: {reply.body[0] if reply.body else 'refused'}")
    return reply.body

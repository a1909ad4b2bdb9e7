"""A stand-in xdg-desktop-portal with the GlobalShortcuts interface, for a session bus on
which no real portal can run (GNOME 43 has none; the real one needs a desktop's backend).
It behaves as xdg-desktop-portal does where the app can tell:

- each call returns a request object's path at once, ``/org/freedesktop/portal/desktop/
  request/SENDER/TOKEN`` from the caller's ``handle_token``, and the ``Response`` signal
  comes from that object *after* the method has returned;
- sessions live at ``.../session/SENDER/TOKEN``; ``BindShortcuts`` answers with the shortcuts
  bound and their ``trigger_description``; ``Activated``/``Deactivated`` name the session;
- the signatures are the portal's (``oa(sa{sv})sa{sv}`` for ``BindShortcuts``): dbus-python
  refuses a call of any other signature;
- ``org.freedesktop.host.portal.Registry.Register`` is accepted, and said when it came;
- ``org.freedesktop.portal.Settings.ReadAll``, which Qt asks every portal, holds nothing.

Run with Debian's python3 (python3-dbus, python3-gi). The first argument chooses how the
"user" answers the approval dialog: ``approve`` or ``decline``. It prints one JSON line per
event on stdout (``registered``, ``bound``), and reads commands on stdin: ``press`` emits
``Activated`` then ``Deactivated`` for the bound shortcut (with an activation token), and
``quit`` ends it.
"""

import json
import sys
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
REGISTRY = "org.freedesktop.host.portal.Registry"
SETTINGS = "org.freedesktop.portal.Settings"


def say(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


def described(trigger: str) -> str:
    """A trigger as a desktop shows it: ``CTRL+ALT+i`` is "Ctrl+Alt+I"."""
    names = {"CTRL": "Ctrl", "ALT": "Alt", "SHIFT": "Shift", "LOGO": "Meta"}
    return "+".join(names.get(part, part.upper()) for part in trigger.split("+") if part)


def sender_part(sender: str) -> str:
    return sender.removeprefix(":").replace(".", "_")


class Request(dbus.service.Object):  # type: ignore[misc]  # dbus has no stubs
    """One request object: it sends its Response once, then goes."""

    def __init__(self, bus: dbus.Bus, path: str) -> None:
        super().__init__(bus, path)

    @dbus.service.signal(REQUEST, signature="ua{sv}")
    def Response(self, response: int, results: dict[str, object]) -> None:
        pass

    @dbus.service.method(REQUEST, in_signature="", out_signature="")
    def Close(self) -> None:
        self.remove_from_connection()


class Portal(dbus.service.Object):  # type: ignore[misc]
    def __init__(self, bus: dbus.Bus, answer: str) -> None:
        super().__init__(bus, PATH)
        self.bus = bus
        self.answer = answer
        self.sessions: dict[str, list[str]] = {}
        self.tokens = 0

    def _respond_later(
        self, sender: str, options: dict[str, object], code: int, results: dict[str, object]
    ) -> str:
        path = f"{PATH}/request/{sender_part(sender)}/{options['handle_token']}"
        request = Request(self.bus, path)

        def respond() -> bool:
            request.Response(dbus.UInt32(code), dbus.Dictionary(results, signature="sv"))
            request.remove_from_connection()
            return False

        GLib.idle_add(respond)  # after this method's reply is on its way, as the portal does
        return path

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface: str, name: str) -> object:
        if interface == SHORTCUTS and name == "version":
            return dbus.UInt32(1)
        raise dbus.exceptions.DBusException(
            f"no property {name}", name="org.freedesktop.DBus.Error.UnknownProperty"
        )

    @dbus.service.method(SETTINGS, in_signature="as", out_signature="a{sa{sv}}")
    def ReadAll(self, _namespaces: list[str]) -> object:
        """Every portal has Settings; Qt's GNOME theme asks it. This one holds none."""
        return dbus.Dictionary({}, signature="sa{sv}")

    @dbus.service.method(REGISTRY, in_signature="sa{sv}", out_signature="", sender_keyword="sender")
    def Register(self, app_id: str, _options: dict[str, object], sender: str) -> None:
        say("registered", app_id=str(app_id), sender=str(sender), sessions=len(self.sessions))

    @dbus.service.method(
        SHORTCUTS, in_signature="a{sv}", out_signature="o", sender_keyword="sender"
    )
    def CreateSession(self, options: dict[str, object], sender: str) -> str:
        session = f"{PATH}/session/{sender_part(sender)}/{options['session_handle_token']}"
        self.sessions[session] = []
        return self._respond_later(sender, options, 0, {"session_handle": dbus.String(session)})

    @dbus.service.method(
        SHORTCUTS, in_signature="oa(sa{sv})sa{sv}", out_signature="o", sender_keyword="sender"
    )
    def BindShortcuts(
        self,
        session: str,
        shortcuts: list[tuple[str, dict[str, object]]],
        _parent: str,
        options: dict[str, object],
        sender: str,
    ) -> str:
        wanted = [
            {"id": str(sid), **{str(k): str(v) for k, v in details.items()}}
            for sid, details in shortcuts
        ]
        say("bind", sender=str(sender), shortcuts=wanted, answer=self.answer)
        if self.answer != "approve" or str(session) not in self.sessions:
            return self._respond_later(sender, options, 1, {})
        bound = [
            dbus.Struct(
                (
                    dbus.String(item["id"]),
                    dbus.Dictionary(
                        {
                            "description": dbus.String(item.get("description", "")),
                            "trigger_description": dbus.String(
                                described(item.get("preferred_trigger", ""))
                            ),
                        },
                        signature="sv",
                    ),
                ),
                signature="sa{sv}",
            )
            for item in wanted
        ]
        self.sessions[str(session)] = [item["id"] for item in wanted]
        return self._respond_later(
            sender, options, 0, {"shortcuts": dbus.Array(bound, signature="(sa{sv})")}
        )

    @dbus.service.signal(SHORTCUTS, signature="osta{sv}")
    def Activated(
        self, session: str, shortcut: str, timestamp: int, options: dict[str, object]
    ) -> None:
        pass

    @dbus.service.signal(SHORTCUTS, signature="osta{sv}")
    def Deactivated(
        self, session: str, shortcut: str, timestamp: int, options: dict[str, object]
    ) -> None:
        pass

    def press(self) -> None:
        for session, ids in self.sessions.items():
            for shortcut in ids:
                self.tokens += 1
                stamp = dbus.UInt64(int(time.monotonic() * 1000))
                token = {"activation_token": dbus.String(f"stand-in-token-{self.tokens}")}
                self.Activated(session, shortcut, stamp, dbus.Dictionary(token, signature="sv"))
                self.Deactivated(session, shortcut, stamp, dbus.Dictionary({}, signature="sv"))
                say("pressed", session=session, shortcut=shortcut)


def main() -> None:
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    portal = Portal(bus, sys.argv[1] if len(sys.argv) > 1 else "approve")
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    loop = GLib.MainLoop()

    def command(channel: GLib.IOChannel, _condition: int) -> bool:
        line = channel.readline()
        if not line or line.strip() == "quit":
            loop.quit()
            return False
        if line.strip() == "press":
            portal.press()
        return True

    GLib.io_add_watch(
        GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.IO_IN | GLib.IO_HUP, command
    )
    say("ready", name=str(name.get_name()))
    loop.run()


if __name__ == "__main__":
    main()

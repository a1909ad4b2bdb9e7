"""A stand-in notification server with ``Inhibit``/``UnInhibit``, as KDE Plasma's has, for a
private session bus (Plasma cannot run here). It behaves as Plasma's does where the app
can tell: ``inhibitions`` among its capabilities, ``Inhibit(ssa{sv}) -> u`` a cookie,
``UnInhibit(u)``, and an inhibition ends when the connection that asked goes away.

Run with Debian's python3 (python3-dbus, python3-gi). It prints one JSON line per event on
stdout: ``ready``, ``inhibited`` (sender, cookie), ``uninhibited`` (cookie), ``dropped``
(sender: its connection closed while it held an inhibition) and ``notified`` (body).
"""

import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def say(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


class Server(dbus.service.Object):  # type: ignore[misc]  # dbus has no stubs
    def __init__(self, bus: dbus.Bus) -> None:
        super().__init__(bus, PATH)
        self.bus = bus
        self.cookies: dict[int, str] = {}
        self.next_id = 1
        bus.add_signal_receiver(
            self.owner_changed,
            "NameOwnerChanged",
            "org.freedesktop.DBus",
            path="/org/freedesktop/DBus",
        )

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self) -> tuple[str, str, str, str]:
        return ("stand-in-plasma", "flowtally tests", "1.0", "1.2")

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self) -> list[str]:
        return ["body", "actions", "inhibitions"]

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):  # type: ignore[no-untyped-def]
        self.next_id += 1
        say("notified", body=str(body))
        return dbus.UInt32(self.next_id)

    @dbus.service.method(NAME, in_signature="ssa{sv}", out_signature="u", sender_keyword="sender")
    def Inhibit(self, desktop_entry, reason, hints, sender=None):  # type: ignore[no-untyped-def]
        self.next_id += 1
        self.cookies[self.next_id] = str(sender)
        say("inhibited", sender=str(sender), cookie=self.next_id, entry=str(desktop_entry))
        return dbus.UInt32(self.next_id)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def UnInhibit(self, cookie):  # type: ignore[no-untyped-def]
        if self.cookies.pop(int(cookie), None) is not None:
            say("uninhibited", cookie=int(cookie))

    def owner_changed(self, name: str, old: str, new: str) -> None:
        if new or not old:
            return
        gone = [cookie for cookie, sender in self.cookies.items() if sender == old]
        for cookie in gone:
            del self.cookies[cookie]
        if gone:
            say("dropped", sender=old)


def main() -> None:
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    _name = dbus.service.BusName(NAME, bus)
    _server = Server(bus)
    say("ready")
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
    sys.exit(0)

"""A stand-in StatusNotifier watcher and host, as a panel is one (KDE's, GNOME's AppIndicator
extension, waybar): it owns ``org.kde.StatusNotifierWatcher``, takes the items that register,
and reads them over D-Bus the way a panel draws them, through the item's properties and its
``com.canonical.dbusmenu`` menu. For a session bus where no real panel can run.

Run with Debian's python3 (python3-dbus, python3-gi). Commands on stdin, one JSON answer per
line on stdout:

- ``item``: the registered item's properties (id, title, status, tool tip) and its largest
  icon pixmap, written as raw ARGB32 to the path given after the command;
- ``menu``: the menu's top-level entries (id, label, enabled, visible);
- ``click ID``: the entry clicked, as a panel sends it (``Event(id, "clicked", …)``);
- ``quit``.
Events it says by itself: ``ready``, ``registered`` (an item arrived), ``changed`` (an item
signalled a new icon, tool tip or status).
"""

import json
import sys
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

WATCHER = "org.kde.StatusNotifierWatcher"
ITEM = "org.kde.StatusNotifierItem"
MENU = "com.canonical.dbusmenu"


def say(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


class Watcher(dbus.service.Object):  # type: ignore[misc]  # dbus has no stubs
    def __init__(self, bus: dbus.Bus) -> None:
        super().__init__(bus, "/StatusNotifierWatcher")
        self.bus = bus
        self.items: list[tuple[str, str]] = []  # (bus name, object path)

    @dbus.service.method(WATCHER, in_signature="s", out_signature="", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service: str, sender: str) -> None:
        # Qt passes its service name; others pass an object path on their own connection.
        name, path = (
            (sender, service) if service.startswith("/") else (service, "/StatusNotifierItem")
        )
        self.items.append((str(name), str(path)))
        self.StatusNotifierItemRegistered(f"{name}{path}")
        for signal in ("NewIcon", "NewToolTip", "NewStatus", "NewTitle"):
            self.bus.add_signal_receiver(
                lambda *_a, s=signal: say("changed", signal=s),
                signal_name=signal,
                dbus_interface=ITEM,
                bus_name=str(name),
            )
        say("registered", service=str(service))

    @dbus.service.method(WATCHER, in_signature="s", out_signature="")
    def RegisterStatusNotifierHost(self, _service: str) -> None:
        pass

    @dbus.service.signal(WATCHER, signature="s")
    def StatusNotifierItemRegistered(self, service: str) -> None:
        pass

    @dbus.service.signal(WATCHER, signature="")
    def StatusNotifierHostRegistered(self) -> None:
        pass

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface: str, name: str) -> object:
        return self.GetAll(interface)[name]

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, _interface: str) -> dict[str, object]:
        return {
            "RegisteredStatusNotifierItems": dbus.Array(
                [f"{n}{p}" for n, p in self.items], signature="s"
            ),
            "IsStatusNotifierHostRegistered": dbus.Boolean(True),
            "ProtocolVersion": dbus.Int32(0),
        }

    # ------------------------------------------------------------ reading, as a panel does

    def item(self, pixmap_file: str) -> dict[str, object]:
        name, path = self.items[-1]
        props = self.bus.get_object(name, path).GetAll(ITEM, dbus_interface=dbus.PROPERTIES_IFACE)
        pixmaps = sorted(props.get("IconPixmap", []), key=lambda p: int(p[0]) * int(p[1]))
        width, height = (int(pixmaps[-1][0]), int(pixmaps[-1][1])) if pixmaps else (0, 0)
        if pixmaps:
            with open(pixmap_file, "wb") as out:
                out.write(bytes(pixmaps[-1][2]))
        tip = props.get("ToolTip", ("", [], "", ""))
        return {
            "id": str(props.get("Id", "")),
            "title": str(props.get("Title", "")),
            "status": str(props.get("Status", "")),
            "category": str(props.get("Category", "")),
            "icon_name": str(props.get("IconName", "")),
            "tooltip_title": str(tip[2]),
            "tooltip_text": str(tip[3]),
            "pixmap": [width, height],
            "menu": str(props.get("Menu", "")),
        }

    def _menu(self) -> dbus.Interface:
        name, path = self.items[-1]
        menu_path = self.bus.get_object(name, path).Get(
            ITEM, "Menu", dbus_interface=dbus.PROPERTIES_IFACE
        )
        return dbus.Interface(self.bus.get_object(name, menu_path), MENU)

    def menu(self) -> list[dict[str, object]]:
        menu = self._menu()
        menu.AboutToShow(dbus.Int32(0))
        _revision, layout = menu.GetLayout(
            dbus.Int32(0), dbus.Int32(1), dbus.Array([], signature="s")
        )
        entries = []
        for child in layout[2]:
            entry_id, props, _children = child
            entries.append(
                {
                    "id": int(entry_id),
                    "label": str(props.get("label", "")),
                    "enabled": bool(props.get("enabled", True)),
                    "visible": bool(props.get("visible", True)),
                    "type": str(props.get("type", "standard")),
                }
            )
        return entries

    def click(self, entry_id: int) -> None:
        self._menu().Event(
            dbus.Int32(entry_id),
            "clicked",
            dbus.Int32(0, variant_level=1),
            dbus.UInt32(int(time.time()) & 0xFFFFFFFF),
        )


def main() -> None:
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    name = dbus.service.BusName(WATCHER, bus, do_not_queue=True)  # held: released when freed
    loop = GLib.MainLoop()

    def command(channel: GLib.IOChannel, _condition: int) -> bool:
        words = channel.readline().split()
        if not words or words[0] == "quit":
            loop.quit()
            return False
        try:
            if words[0] == "item":
                say("item", **watcher.item(words[1]))
            elif words[0] == "menu":
                say("menu", entries=watcher.menu())
            elif words[0] == "click":
                watcher.click(int(words[1]))
                say("clicked", id=int(words[1]))
        except (dbus.exceptions.DBusException, IndexError) as exc:
            say("error", problem=str(exc))
        return True

    GLib.io_add_watch(
        GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.IO_IN | GLib.IO_HUP, command
    )
    watcher.StatusNotifierHostRegistered()
    say("ready", name=str(name.get_name()))
    loop.run()


if __name__ == "__main__":
    main()

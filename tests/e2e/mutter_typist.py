"""Types into a GNOME session through org.gnome.Mutter.RemoteDesktop, one key per "tap"
line on stdin. Run with Debian's python3 and python3-dbus: no main loop is needed, and the
remote-desktop session lives as long as this one connection."""

import sys

import dbus

KEYCODE = 30  # evdev KEY_A

bus = dbus.SessionBus()
desktop = bus.get_object("org.gnome.Mutter.RemoteDesktop", "/org/gnome/Mutter/RemoteDesktop")
path = desktop.CreateSession(dbus_interface="org.gnome.Mutter.RemoteDesktop")
session = dbus.Interface(
    bus.get_object("org.gnome.Mutter.RemoteDesktop", path),
    "org.gnome.Mutter.RemoteDesktop.Session",
)
session.Start()
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "tap":
        session.NotifyKeyboardKeycode(dbus.UInt32(KEYCODE), True)
        session.NotifyKeyboardKeycode(dbus.UInt32(KEYCODE), False)
        print("ok", flush=True)
session.Stop()

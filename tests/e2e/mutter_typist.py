"""Types into a GNOME session through org.gnome.Mutter.RemoteDesktop, one key per "tap
[KEYCODE]" line on stdin (an evdev keycode, "a" by default). Run with Debian's python3 and
python3-dbus: no main loop is needed, and the remote-desktop session lives as long as this
one connection."""

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
    words = line.split()
    if words and words[0] == "tap":
        code = dbus.UInt32(int(words[1]) if len(words) > 1 else KEYCODE)
        session.NotifyKeyboardKeycode(code, True)
        session.NotifyKeyboardKeycode(code, False)
        print("ok", flush=True)
session.Stop()

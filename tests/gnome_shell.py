"""A real GNOME Shell (43, headless, Wayland) with Debian's AppIndicator extension, for the
tests that must see what a GNOME user sees: the panel's own pixels, its menus, real pointer
clicks, and the shell's notification server.

Everything runs on private buses, in a private HOME: the shell insists on a system bus (its
login manager code finds ``/run/systemd/seats``), and an empty private one is enough. The
shell is driven through ``org.gnome.Shell.Eval`` (allowed with ``--unsafe-mode``), and its
screenshots through ``org.gnome.Shell.Screenshot``, both spoken to with jeepney.
"""

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, MessageType, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

EXTENSION = "ubuntu-appindicators@ubuntu.com"
SHELL = DBusAddress("/org/gnome/Shell", bus_name="org.gnome.Shell", interface="org.gnome.Shell")
SCREENSHOT = DBusAddress(
    "/org/gnome/Shell/Screenshot",
    bus_name="org.gnome.Shell.Screenshot",
    interface="org.gnome.Shell.Screenshot",
)
PANEL_ITEM = """(() => {
    const key = Object.keys(Main.panel.statusArea).find(k => k.startsWith("appindicator-"));
    return key ? Main.panel.statusArea[key] : null;
})()"""


def available() -> bool:
    return (
        all(shutil.which(tool) for tool in ("gnome-shell", "gjs", "dbus-daemon"))
        and Path(f"/usr/share/gnome-shell/extensions/{EXTENSION}").is_dir()
    )


class Shell:
    def __init__(self, env: dict[str, str], connection: DBusConnection) -> None:
        self.env = env
        """What a program started in the session needs (its bus, its Wayland display)."""
        self._bus = connection

    def eval(self, script: str) -> Any:
        """Run JavaScript in the shell; its value (the shell answers it as JSON; ``None`` for
        undefined)."""
        call = new_method_call(SHELL, "Eval", "s", (script,))
        reply = self._bus.send_and_get_reply(call, timeout=20)
        assert reply.header.message_type != MessageType.error, reply.body
        ok, value = reply.body
        assert ok, f"the shell refused {script!r}: {value}"
        return json.loads(value) if value else None

    def until(self, script: str, what: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.eval(script)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"the shell never showed {what}")

    def item(self) -> dict[str, Any] | None:
        """Flowtally's button in the panel, as the extension made it."""
        found: dict[str, Any] | None = self.eval(
            f"""(() => {{
                const b = {PANEL_ITEM};
                if (!b) return null;
                const [x, y] = b.get_transformed_position();
                const [w, h] = b.get_transformed_size();
                return {{id: b._indicator.id, status: b._indicator.status,
                         x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(h),
                         menuOpen: b.menu.isOpen}};
            }})()"""
        )
        return found

    def menu_items(self) -> list[dict[str, Any]]:
        """The open menu's visible items: their text and where they are on the screen."""
        items: list[dict[str, Any]] = self.eval(
            f"""{PANEL_ITEM}.menu._getMenuItems().filter(i => i.visible && i.label).map(i => {{
                const [x, y] = i.get_transformed_position();
                const [w, h] = i.get_transformed_size();
                return {{text: i.label.text, x: Math.round(x + w / 2), y: Math.round(y + h / 2),
                         sensitive: i.reactive}};
            }})"""
        )
        return items

    def click(self, x: float, y: float) -> None:
        """A real click of the primary button, from a virtual pointer the shell reads as
        any mouse (it moves the pointer, picks the actor and sends it the events)."""
        pointer = """(global._ftPointer ??= imports.gi.Clutter.get_default_backend()
            .get_default_seat().create_virtual_device(
                imports.gi.Clutter.InputDeviceType.POINTER_DEVICE))"""
        now = "imports.gi.GLib.get_monotonic_time()"
        self.eval(f"{pointer}.notify_absolute_motion({now}, {x}, {y})")
        time.sleep(0.06)
        pressed = "imports.gi.Clutter.ButtonState.PRESSED"
        self.eval(f"{pointer}.notify_button({now}, imports.gi.Clutter.BUTTON_PRIMARY, {pressed})")
        time.sleep(0.06)
        released = "imports.gi.Clutter.ButtonState.RELEASED"
        self.eval(f"{pointer}.notify_button({now}, imports.gi.Clutter.BUTTON_PRIMARY, {released})")

    def key(self, name: str) -> None:
        """A real key press and release (``Return``, ``1``, ``b``) from a virtual keyboard,
        to whichever window has the focus."""
        keyboard = """(global._ftKeyboard ??= imports.gi.Clutter.get_default_backend()
            .get_default_seat().create_virtual_device(
                imports.gi.Clutter.InputDeviceType.KEYBOARD_DEVICE))"""
        now = "imports.gi.GLib.get_monotonic_time()"
        keyval = f"imports.gi.Clutter.KEY_{name}"
        for state in ("PRESSED", "RELEASED"):
            self.eval(
                f"{keyboard}.notify_keyval({now}, {keyval}, imports.gi.Clutter.KeyState.{state})"
            )
            time.sleep(0.05)

    def screenshot_area(self, target: Path, x: int, y: int, w: int, h: int) -> Path:
        """The shell's own pixels of an area of the screen, as a PNG."""
        target.parent.mkdir(parents=True, exist_ok=True)
        call = new_method_call(
            SCREENSHOT, "ScreenshotArea", "iiiibs", (x, y, w, h, False, str(target))
        )
        reply = self._bus.send_and_get_reply(call, timeout=20)
        assert reply.header.message_type != MessageType.error, reply.body
        assert reply.body[0], "the shell took no screenshot"
        return target

    def screenshot(self, target: Path) -> Path:
        return self.screenshot_area(target, 0, 0, 1280, 800)

    def notifications(self) -> list[dict[str, Any]]:
        """What the shell's message tray holds: each notification's source, title, text and
        buttons, newest last."""
        found: list[dict[str, Any]] = self.eval(
            """Main.messageTray.getSources().flatMap(s => s.notifications.map(n => ({
                source: s.title, title: n.title, body: n.bannerBodyText,
                actions: (n.actions ?? []).map(a => a.label),
                icon: s.app?.get_id() ?? null})))"""
        )
        return found

    def act_on_notification(self, label: str) -> None:
        """Click a notification's button, as its banner's button does."""
        done = self.eval(
            f"""(() => {{
                for (const s of Main.messageTray.getSources())
                    for (const n of s.notifications)
                        for (const a of n.actions ?? [])
                            if (a.label === {json.dumps(label)}) {{ a.callback(); return true; }}
                return false;
            }})()"""
        )
        assert done, f"no notification offers {label!r}"


@contextmanager
def gnome_shell(data_home: Path | None = None) -> Iterator[Shell]:
    """``data_home``: the user's data folder the shell reads applications from (its own
    private one by default)."""
    home = Path(tempfile.mkdtemp(prefix="ft-shell-"))
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(data_home or home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        # The session bus starts dconf in this HOME: the extension is enabled there.
        session = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        processes.append(session)
        assert session.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = session.stdout.readline().decode().strip()
        system = f"unix:path={runtime}/system_bus_socket"
        processes.append(
            subprocess.Popen(
                ["dbus-daemon", "--session", f"--address={system}", "--nofork"],
                env=env,
                stderr=subprocess.DEVNULL,
            )
        )
        for key, value in (
            ("enabled-extensions", f"['{EXTENSION}']"),
            ("disable-user-extensions", "false"),
        ):
            subprocess.run(["gsettings", "set", "org.gnome.shell", key, value], env=env, check=True)
        with (home / "shell.log").open("wb") as log:  # the shell keeps its own copy
            processes.append(
                subprocess.Popen(
                    [
                        *("gnome-shell", "--headless", "--wayland", "--unsafe-mode"),
                        *("--virtual-monitor", "1280x800", "--wayland-display", "ft-shell"),
                    ],
                    env={**env, "DBUS_SYSTEM_BUS_ADDRESS": system},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        connection = _connect(env["DBUS_SESSION_BUS_ADDRESS"])
        shell = Shell(
            {
                "DBUS_SESSION_BUS_ADDRESS": env["DBUS_SESSION_BUS_ADDRESS"],
                "XDG_RUNTIME_DIR": str(runtime),
                "WAYLAND_DISPLAY": "ft-shell",
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "GNOME",
                "QT_QPA_PLATFORM": "wayland",
            },
            connection,
        )
        try:
            _wait_until_up(shell, processes[-1], home / "shell.log")
            yield shell
        finally:
            with _ignoring_a_gone_shell():
                shell.eval("global.context.terminate()")
            connection.close()
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                if process is processes[-1]:
                    try:
                        process.wait(10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                else:
                    process.terminate()
                process.wait(10)
            if process.stdout is not None:
                process.stdout.close()
        shutil.rmtree(home, ignore_errors=True)


def _connect(address: str) -> DBusConnection:
    """A connection to the private bus (jeepney takes an address in place of a bus name)."""
    return open_dbus_connection(bus=address)


def _wait_until_up(shell: Shell, process: subprocess.Popen[bytes], log: Path) -> None:
    """The shell answers Eval about a second after it starts, in its overview: hidden here,
    as a login shows the desktop."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gnome-shell exited: {log.read_text()[-3000:]}")
        with _ignoring_a_gone_shell():
            if shell.eval("Main.layoutManager._startingUp === false") is True:
                shell.eval("Main.overview.hide()")
                shell.until("!Main.overview.visible", "the desktop without its overview")
                return
        time.sleep(0.3)
    raise AssertionError(f"gnome-shell did not come up: {log.read_text()[-3000:]}")


def _ignoring_a_gone_shell() -> contextlib.suppress:
    return contextlib.suppress(AssertionError, OSError, TimeoutError)

"""A real GNOME Wayland session for end-to-end tests: a private session bus, mutter
headless with a virtual monitor (and XWayland beside it), and a way to type into it as a
user does, through mutter's own RemoteDesktop input (which X11 programs never see)."""

import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
TYPIST = Path(__file__).resolve().parent / "e2e" / "mutter_typist.py"
KEY_A, KEY_3, KEY_ENTER = 30, 4, 28
"""evdev keycodes, as mutter's RemoteDesktop takes them."""


def available() -> bool:
    if not all(shutil.which(tool) for tool in ("mutter", "Xwayland", "dbus-daemon")):
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import dbus"], capture_output=True, check=False)
    return probe.returncode == 0


BARE_BUS = """<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>
<policy context="default"><allow send_destination="*" eavesdrop="true"/>
<allow eavesdrop="true"/><allow own="*"/></policy></busconfig>"""
"""A session bus that starts no service when a name is asked for (the machine's dunst is
installed as the activatable notification server)."""


@contextmanager
def session_bus(activating: bool = True) -> Iterator[str]:
    """A private D-Bus session bus, its address: nothing of the machine's own is on it.
    ``activating``: the installed services start when called, as on a desktop."""
    config = ["--session"]
    if not activating:
        folder = Path(tempfile.mkdtemp(prefix="ft-bus-"))
        (folder / "bus.conf").write_text(BARE_BUS)
        config = [f"--config-file={folder / 'bus.conf'}"]
    bus = subprocess.Popen(
        ["dbus-daemon", *config, "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    try:
        yield bus.stdout.readline().strip()
    finally:
        bus.terminate()
        bus.wait(5)
        bus.stdout.close()


@contextmanager
def gnome_wayland_session() -> Iterator[dict[str, str]]:
    """The environment of a program started in the session (``WAYLAND_DISPLAY`` as a path,
    so the program keeps its own ``XDG_RUNTIME_DIR``; ``DISPLAY`` is XWayland's)."""
    with session_bus() as address, _gnome_on(address) as session:
        yield session


@contextmanager
def _gnome_on(address: str) -> Iterator[dict[str, str]]:
    runtime = Path(tempfile.mkdtemp(prefix="ft-gnome-"))
    runtime.chmod(0o700)
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    log = runtime / "mutter.log"
    with log.open("w") as output:
        mutter = subprocess.Popen(
            [
                "mutter",
                "--headless",
                "--wayland",
                "--virtual-monitor",
                "1280x800",
                "--wayland-display",
                "wayland-ft",
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        display = _wait_for_xwayland(log, runtime / "wayland-ft", mutter)
        authority = next(runtime.glob(".mutter-Xwaylandauth.*"), None)
        yield {
            "DBUS_SESSION_BUS_ADDRESS": address,
            "WAYLAND_DISPLAY": str(runtime / "wayland-ft"),
            "XDG_SESSION_TYPE": "wayland",
            "XDG_CURRENT_DESKTOP": "GNOME",
            "DISPLAY": display,
            **({"XAUTHORITY": str(authority)} if authority else {}),
        }
    finally:
        mutter.terminate()
        try:
            mutter.wait(10)
        except subprocess.TimeoutExpired:
            mutter.kill()
        shutil.rmtree(runtime, ignore_errors=True)


def _wait_for_xwayland(log: Path, socket: Path, mutter: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = re.search(r"Using public X11 display (:\d+)", log.read_text())
        if found and socket.exists():
            return found[1]
        if mutter.poll() is not None:
            raise AssertionError(f"mutter exited: {log.read_text()[-2000:]}")
        time.sleep(0.1)
    raise AssertionError(f"mutter did not come up: {log.read_text()[-2000:]}")


class Typist:
    """Keys typed into the session as a user types them: mutter's RemoteDesktop input, held
    on one D-Bus connection (the remote-desktop session ends with its connection)."""

    def __init__(self, session: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(TYPIST)],
            env={**os.environ, **session},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._answer() == "ready"

    def tap(self, keycode: int = KEY_A) -> None:
        """One key pressed and released (an evdev keycode)."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"tap {keycode}\n")
        self.process.stdin.flush()
        assert self._answer() == "ok"

    def _answer(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()
        self.process.wait(10)


E2E = Path(__file__).resolve().parent / "e2e"


class StandIn:
    """A stand-in D-Bus service of tests/e2e (Debian's python3, python3-dbus) on a session's
    bus: what it says, one JSON event at a time, and commands for it, one line each."""

    def __init__(self, script: str, bus_address: str, *args: str) -> None:
        self.script = script
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(E2E / script), *args],
            env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus_address},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_event()["event"] == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._events.put(json.loads(line))

    def next_event(self, timeout: float = 20) -> dict[str, Any]:
        try:
            return self._events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"{self.script} said nothing") from None

    def until(self, event: str, timeout: float = 20) -> dict[str, Any]:
        """The next event named ``event``, skipping others."""
        deadline = time.monotonic() + timeout
        while True:
            said = self.next_event(max(deadline - time.monotonic(), 0.01))
            if said["event"] == event:
                return said

    def send(self, command: str, answer: str) -> dict[str, Any]:
        """A command, and the answer to it: the next ``answer`` event (or ``error``)."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        while (said := self.next_event())["event"] not in (answer, "error"):
            pass
        assert said["event"] == answer, said
        return said

    def close(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(10)
        self.process.stdout.close()


class StandInPortal(StandIn):
    """tests/e2e/stand_in_portal.py: ``answer`` is how the user answers its dialog."""

    def __init__(self, bus_address: str, answer: str = "approve") -> None:
        super().__init__("stand_in_portal.py", bus_address, answer)

    def press(self) -> dict[str, Any]:
        """The user presses the bound shortcut: ``Activated``, then ``Deactivated``."""
        return self.send("press", "pressed")


class StandInPanel(StandIn):
    """tests/e2e/stand_in_tray_host.py: a StatusNotifier watcher and host."""

    def __init__(self, bus_address: str) -> None:
        super().__init__("stand_in_tray_host.py", bus_address)

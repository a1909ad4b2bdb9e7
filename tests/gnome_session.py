"""A real GNOME Wayland session for end-to-end tests: a private session bus, mutter
headless with a virtual monitor (and XWayland beside it), and a way to type into it as a
user does, through mutter's own RemoteDesktop input (which X11 programs never see)."""

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
TYPIST = Path(__file__).resolve().parent / "e2e" / "mutter_typist.py"
KEY_A, KEY_3, KEY_ENTER = 30, 4, 28
"""evdev keycodes, as mutter's RemoteDesktop takes them."""


def available() -> bool:
    if not all(shutil.which(tool) for tool in ("mutter", "Xwayland", "dbus-daemon")):
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import dbus"], capture_output=True, check=False)
    return probe.returncode == 0


@contextmanager
def gnome_wayland_session() -> Iterator[dict[str, str]]:
    """The environment of a program started in the session (``WAYLAND_DISPLAY`` as a path,
    so the program keeps its own ``XDG_RUNTIME_DIR``; ``DISPLAY`` is XWayland's)."""
    runtime = Path(tempfile.mkdtemp(prefix="ft-gnome-"))
    runtime.chmod(0o700)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
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
        bus.terminate()
        bus.wait(5)
        bus.stdout.close()
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

"""The desktops' notification switches a test can run for real: GNOME's ``show-banners``
through the real schema (the keyfile GSettings backend in the test's own folder), dunst on
a private session bus, and a stand-in Plasma server that records ``Inhibit``."""

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
STAND_IN = Path(__file__).resolve().parent / "stand_in_notifications.py"
GNOME = {"GSETTINGS_BACKEND": "keyfile", "XDG_CURRENT_DESKTOP": "GNOME"}


def gnome_available() -> bool:
    if shutil.which("gsettings") is None:
        return False
    probe = subprocess.run(
        ["gsettings", "list-keys", "org.gnome.desktop.notifications"],
        capture_output=True,
        env={**os.environ, **GNOME},
        check=False,
    )
    return probe.returncode == 0


def banners(env: dict[str, str]) -> bool:
    """GNOME's ``show-banners`` as the desktop reads it."""
    value = subprocess.run(
        ["gsettings", "get", "org.gnome.desktop.notifications", "show-banners"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    return value == "true"


def set_banners(env: dict[str, str], on: bool) -> None:
    subprocess.run(
        ["gsettings", "set", "org.gnome.desktop.notifications", "show-banners", str(on).lower()],
        env=env,
        check=True,
    )


def until(check: Any, what: str, timeout: float = 10) -> float:
    """Wait for ``check()`` to hold; the moment it did (``time.monotonic``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return time.monotonic()
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def dunst(bus: str, display: str) -> Iterator[dict[str, str]]:
    """The real dunst daemon on ``bus``; the environment that reaches it."""
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus, "DISPLAY": display}
    process = subprocess.Popen(
        ["dunst"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        until(lambda: dunst_paused(env) is not None, "dunst to answer")
        yield env
    finally:
        process.terminate()
        process.wait(5)


def dunst_paused(env: dict[str, str]) -> bool | None:
    done = subprocess.run(
        ["dunstctl", "is-paused"], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        return None
    return done.stdout.strip() == "true"


class StandInServer:
    """The stand-in Plasma server's events, as they come."""

    def __init__(self, bus: str) -> None:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(STAND_IN)], env=env, stdout=subprocess.PIPE, text=True
        )
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next("ready")["event"] == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.events.put(json.loads(line))

    def next(self, event: str, timeout: float = 10) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                got = self.events.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append(got)
            if got["event"] == event:
                return got
        raise AssertionError(f"no {event!r} from the stand-in server; saw {self.seen}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def available_stand_in() -> bool:
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import dbus, gi"], capture_output=True, check=False
    )
    return probe.returncode == 0 and shutil.which("dbus-daemon") is not None

"""The flow check-in on a real GNOME compositor (mutter, Wayland, Xwayland beside it): it
appears while another application's window is being typed into, and the keys typed through
mutter's own input keep going to that window. Mutter gives every new Wayland window the
keyboard, so the tray asks through a second Flowtally process on Xwayland, where "do not
focus" is honoured (:mod:`app.gui.checkin_asker`); its answer (a skip, here: nobody clicks
in 20 s) comes back to the asking process."""

import os
import select
import subprocess
import sys
import time
from typing import IO

import pytest

from tests.app.cli_runner import ROOT


def next_line(out: IO[str], starting: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([out], [], [], left)
        line = out.readline() if ready else ""
        if line.startswith(starting):
            return line.strip()
    raise AssertionError(f"never said {starting!r}")


def said_within(out: IO[str], seconds: float) -> list[str]:
    """Every line said within ``seconds``."""
    lines, deadline = [], time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([out], [], [], left)
        if ready:
            lines.append(out.readline().strip())
    return lines


def run(gnome: dict[str, str], role: str) -> subprocess.Popen[str]:
    env = {**os.environ, **gnome, "QT_QPA_PLATFORM": "wayland", "LANGUAGE": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.checkin_probe", role],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


@pytest.mark.parametrize(("role", "takes"), [("checkin", False), ("here", True)])
def test_the_checkin_never_takes_the_keyboard_from_the_window_typed_into(
    gnome: dict[str, str], role: str, takes: bool
) -> None:
    """``here`` is the control: the same window shown by the Wayland process itself is given
    the keyboard by mutter, which is why the tray asks through Xwayland."""
    typing, asking = run(gnome, "typist"), None
    try:
        assert typing.stdout is not None
        next_line(typing.stdout, "keyboard here")
        asking = run(gnome, role)
        assert asking.stdout is not None
        said = next_line(asking.stdout, "asked")
        assert said == ("asked here" if role == "here" else "asked apart")
        assert ("keyboard gone" in said_within(typing.stdout, 4)) is takes
        if role == "checkin":  # nobody answers: a skip, after 20 s, comes back
            assert next_line(asking.stdout, "answered", timeout=30) == "answered None"
    finally:
        for process in (typing, asking):
            if process is not None:
                process.kill()
                process.wait()
                if process.stdout is not None:
                    process.stdout.close()

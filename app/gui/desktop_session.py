"""Which desktop session the app runs in, decided from what the session says of itself.

On a Wayland session an X11 program runs through XWayland, which only sees input that goes
to X11 windows: a pynput listener there starts happily and then misses every key typed in a
Wayland window. So a Wayland session is recognised by ``XDG_SESSION_TYPE=wayland`` or a
``WAYLAND_DISPLAY``, whether or not XWayland also set ``DISPLAY``, and no X11 input listener
is trusted on it, for the hotkey or for away detection.
"""

import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Literal

from app.desktop import this_installation
from tracker.i18n import _

SessionKind = Literal["wayland", "x11", "none", "other"]
"""``other``: not a Linux desktop (Windows, macOS), where pynput reads input natively."""


def session_kind() -> SessionKind:
    if not sys.platform.startswith("linux"):
        return "other"
    if os.environ.get("XDG_SESSION_TYPE") == "wayland" or os.environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    if os.environ.get("DISPLAY"):
        return "x11"
    return "none"


def fallback() -> str:
    """What to bind to a desktop shortcut where the app cannot hear a global key itself:
    ``flowtally interrupt`` when that command is on PATH, else this installation's own
    command by its full path (README's set-up puts ``flowtally`` in ``.venv/bin`` only, and a
    shortcut running a command that is not there silently does nothing)."""
    if shutil.which("flowtally"):
        return "flowtally interrupt"
    beside = Path(sys.executable).with_name("flowtally")
    if beside.is_file() and os.access(beside, os.X_OK):
        return f"{shlex.quote(str(beside))} interrupt"
    return shlex.join([*this_installation(), "interrupt"])


def x11_input_refused() -> str | None:
    """Why X11 input (pynput's listeners) is not used here, in one sentence; ``None`` where
    it is the right source (an X11 session, Windows, macOS)."""
    kind = session_kind()
    if kind == "wayland":
        return _(
            "this is a Wayland session, where a program cannot hear keys typed in other "
            "windows; bind the command '{command}' to a keyboard shortcut in your desktop's "
            "settings"
        ).format(command=fallback())
    if kind == "none":
        return _(
            "there is no graphical session; bind the command '{command}' to a keyboard shortcut"
        ).format(command=fallback())
    return None

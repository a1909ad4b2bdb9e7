"""What Flowtally changed to quiet notifications, written down before it changes it.

A crash (``kill -9``, a power cut) must never leave a person's notifications silenced: the
next start of the app, or the next ``flowtally`` command, finds the record of a process that
is gone and puts back what it changed. Reading the record costs one ``stat`` when there is
none, so every command can look. The inhibition of ``org.freedesktop.Notifications`` needs
no record: the server ends it with the connection that asked for it.
"""

import contextlib
import json
import logging
import os
import subprocess
from pathlib import Path
from typing import Any

from app.config import QUIET_RECORD, state_path
from app.files import write_atomically
from app.processes import alive, started
from tracker.errors import FlowtallyError

log = logging.getLogger(__name__)
GNOME_SCHEMA = "org.gnome.desktop.notifications"
GNOME_KEY = "show-banners"
DUNST = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.dunstproject.cmd0")
"""The bus name, object and interface of dunst's ``paused`` property."""
GSETTINGS_S = 5.0


def record_path() -> Path:
    return state_path(QUIET_RECORD)


def remember(backend: str) -> None:
    """Before silencing through ``backend``: who did it, so a survivor can undo it."""
    mark = {"backend": backend, "pid": os.getpid(), "started": started(os.getpid())}
    write_atomically(record_path(), json.dumps(mark), private=True)


def forget() -> None:
    with contextlib.suppress(FileNotFoundError):
        record_path().unlink()


def restore_orphaned() -> str | None:
    """Undo what a process that is gone left silenced; the backend put back, if any."""
    path = record_path()
    if not path.exists():
        return None
    try:
        mark = json.loads(path.read_text(encoding="utf-8"))
        backend, pid, start = mark["backend"], int(mark["pid"]), mark.get("started")
    except (OSError, ValueError, KeyError, TypeError):
        backend, pid, start = None, 0, None  # unreadable: nothing to undo but the record
    if pid and alive(pid, start):
        return None
    if backend is not None:
        try:
            undo(str(backend))
        except (OSError, FlowtallyError) as exc:  # the next look tries again
            log.warning("notifications could not be brought back (%s): %s", backend, exc)
            return None
        log.info("notifications left silenced by a Flowtally that stopped are back (%s)", backend)
    forget()
    return str(backend) if backend is not None else None


def undo(backend: str) -> None:
    """Put back what ``backend`` silenced (an unknown name: nothing)."""
    if backend == "gnome":
        gsettings("set", GNOME_SCHEMA, GNOME_KEY, "true")
    elif backend == "dunst":
        from app.session_bus import open_session_bus

        with open_session_bus() as connection:
            dunst_pause(connection, False)


def gsettings(*args: str) -> str:
    """``gsettings ARGS``: the real schema through whatever backend the session uses."""
    try:
        done = subprocess.run(
            ["gsettings", *args], capture_output=True, text=True, timeout=GSETTINGS_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FlowtallyError(f"gsettings: {exc}") from None
    if done.returncode != 0:
        raise FlowtallyError(done.stderr.strip() or f"gsettings exited {done.returncode}")
    return done.stdout.strip()


def dunst_pause(connection: Any, paused: bool | None = None) -> bool:
    """dunst's ``paused``: set it (``paused`` given), and say what it is."""
    from jeepney import DBusAddress, MessageType
    from jeepney.wrappers import Properties

    name, path, interface = DUNST
    properties = Properties(DBusAddress(path, bus_name=name, interface=interface))
    send = connection.send_and_get_reply
    if paused is not None:
        reply = send(properties.set("paused", "b", paused), timeout=GSETTINGS_S)
        if reply.header.message_type == MessageType.error:
            raise OSError(f"dunst refused: {reply.body}")
    reply = send(properties.get("paused"), timeout=GSETTINGS_S)
    if reply.header.message_type == MessageType.error:
        raise OSError(f"dunst refused: {reply.body}")
    return bool(reply.body[0][1])

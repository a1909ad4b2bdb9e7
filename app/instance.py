"""One tray app per database, and the path by which other ``flowtally`` processes reach it.

The app holds an exclusive lock file and listens on a Unix socket beside it (both named after
the database, in the user runtime folder). A tracking command finds the socket, sends its
request as one JSON line (:mod:`app.language.wire`) and prints the answer, so the GUI and
the CLI never disagree. The client side is plain ``socket``: the CLI never imports Qt, and
the path to the socket imports no handler and no database. A socket left by a killed app
is recognised (the lock is free) and replaced.
"""

import contextlib
import json
import os
import socket
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import platformdirs

from app import forwarding
from app.forwarding import WentAway, exchange, private_folder, socket_name
from app.language import grammar, wire
from app.language.requests import Invocation
from tracker.errors import FlowtallyError
from tracker.i18n import _

FOLLOW_AGAIN_S = 1.0


def base_path(database: str | None) -> Path:
    """Lock and socket name for ``database``, in the private per-user runtime folder."""
    return runtime_folder() / socket_name(database).removesuffix(".sock")


def runtime_folder() -> Path:
    """A folder only this user can use, for the lock and the socket.

    The runtime folder (``$XDG_RUNTIME_DIR``) where it is sound; without it platformdirs
    falls back to ``/tmp/runtime-UID``, which another local user can create first (and then
    own, or open to all). Any folder that is not this user's own, 0700 and no symbolic link is
    passed over for one in the user's state folder, inside the home.
    """
    with warnings.catch_warnings():  # the fallbacks are reported by the check below
        warnings.simplefilter("ignore")
        try:
            preferred: Path | None = platformdirs.user_runtime_path("flowtally", appauthor=False)
        except OSError:  # platformdirs refuses a /tmp fallback that another user owns
            preferred = None
    if preferred is not None and private_folder(str(preferred)):
        return preferred
    fallback = platformdirs.user_state_path("flowtally", appauthor=False) / "run"
    if private_folder(str(fallback)):
        return fallback
    raise FlowtallyError(
        _(
            "no private folder for Flowtally's lock and socket ({0} is not yours alone); set "
            "XDG_RUNTIME_DIR to a folder only you can use"
        ).format(fallback)
    )


def socket_path(database: str | None) -> Path:
    return base_path(database).with_suffix(".sock")


def _request(database: str | None, message: dict[str, Any]) -> dict[str, Any] | None:
    """Send ``message`` to the running app; ``None`` when no app answers on that socket (or
    it went away while answering: the command then runs here)."""
    try:
        return exchange(str(socket_path(database)), message)
    except WentAway:
        return None


def answers(database: str | None) -> bool:
    """Whether a tray app listens for ``database`` now (a socket a killed app left does
    not count)."""
    if sys.platform == "win32":
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        try:
            client.connect(str(socket_path(database)))
        except OSError:
            return False
    return True


def follow(database: str | None, invocation: Invocation, out: IO[str]) -> bool:
    """Print what the running app sends for a ``--follow`` request until it goes away;
    false when no app answered at all."""
    if sys.platform == "win32":
        return False
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(socket_path(database)))
        client.sendall(json.dumps(wire.encode(invocation)).encode() + b"\n")
        with client.makefile("rb") as lines:
            answered = False
            for raw in lines:
                answered = True
                try:
                    message = json.loads(raw)
                except ValueError:
                    break
                if not isinstance(message, dict):
                    break
                out.write(str(message.get("out", "")))
                out.flush()
                if "more" in message:
                    continue
                if message.get("code", 0) != 0:  # a refusal: another version, say
                    problem = str(message.get("err", "")).strip()
                    raise FlowtallyError(problem.removeprefix("flowtally: error: "))
                time.sleep(FOLLOW_AGAIN_S)  # answered once: the app had drawn nothing yet
                break
            return answered
    except OSError:
        return False
    finally:
        client.close()


def forward(database: str | None, argv: list[str]) -> tuple[int, str, str] | None:
    """Run a command line in the running app: its exit code, output and errors; ``None`` if
    no app runs for ``database`` (the caller then runs the command itself)."""
    return send(database, grammar.parse(argv))


def send(database: str | None, invocation: Invocation) -> tuple[int, str, str] | None:
    """Run a parsed command in the running app (see :func:`forward`)."""
    try:
        return forwarding.send(str(socket_path(database)), invocation)
    except WentAway:
        return None


def raise_or_run(database: str | None, run: Callable[[], int]) -> int:
    """Show the running app if there is one (a second ``flowtally`` just raises the first)."""
    answer = _request(database, wire.encode(Invocation(None)))
    if answer is None:
        return run()
    code = answer.get("code", 0)
    if code != 0:  # an app of another version: it says so
        sys.stderr.write(str(answer.get("err", "")))
        return int(code)
    print(_("Flowtally is already running; it was shown."))
    return 0


class InstanceLock:
    """An exclusive lock for the life of the app (released by the OS when it dies)."""

    def __init__(self, database: str | None) -> None:
        self.path = base_path(database).with_suffix(".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        handle = open(self.path, "a+")  # noqa: SIM115 - held open for the app's lifetime
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass  # Windows: QLocalServer's named pipe refuses a second listener instead
        except OSError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return True

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None

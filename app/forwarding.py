"""The forwarding client: a command the running app answers, for little more than the
interpreter's own start.

A status bar polls ``flowtally status --line``, and a Wayland desktop's shortcut runs
``flowtally interrupt``: both are forwarded to the running app, and the process should cost
about what ``python -c pass`` does (#27). This path therefore imports only the parser, the
request types, ``json`` and the socket. It looks for the app where it nearly always is: the
database the command line, ``FLOWTALLY_DB`` or the settings file names, in
``$XDG_RUNTIME_DIR/flowtally``. Anything unusual (no such folder, a settings file it cannot
read, no app answering) returns ``None``, and :mod:`app.entry` takes the full path, which
finds the same app or runs the command itself and says what is wrong.
"""

from __future__ import annotations

# The C half of :mod:`socket`. The Python half builds enums of every address family and
# socket type, and imports selectors: 7 ms of a forwarded command, for names this never uses.
import _socket
import json
import os
import stat
import sys

from app.language import wire
from app.processes import alive
from tracker.errors import FlowtallyError
from tracker.i18n import _

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from app.language.requests import Invocation

ANSWER_TIMEOUT_S = 15.0


class NoAnswer(FlowtallyError):
    """The app took the command but did not answer in time: the command may have run, so it
    must not run a second time here."""


def forward_at_once(invocation: Invocation) -> tuple[int, str, str] | None:
    """The app's exit code, output and errors for ``invocation``; ``None`` when this path
    cannot tell where the app is, or no app answers there."""
    folder = _usual_runtime_folder()
    if folder is None:
        return None
    try:
        if _crash_left_quiet():  # the full path puts them back first
            return None
        database = _database(invocation.db)
    except ValueError:
        return None
    return send(os.path.join(folder, socket_name(database)), invocation)


def socket_name(database: str | None) -> str:
    """The socket's file name for ``database`` (the lock is named the same way)."""
    return f"instance-{wire.short_sha256(database or 'default')}.sock"


def send(path: str, invocation: Invocation) -> tuple[int, str, str] | None:
    """Run a parsed command in the app listening on ``path``; ``None`` if none listens."""
    token = os.environ.get("XDG_ACTIVATION_TOKEN")  # a desktop shortcut's launch: the
    # app's popup may then take the keyboard
    answer = exchange(path, wire.encode(invocation, token))
    if answer is None:
        return None
    return int(answer.get("code", 1)), str(answer.get("out", "")), str(answer.get("err", ""))


class WentAway(Exception):
    """The app took the message and went away before its whole answer (it is quitting):
    the command runs in this process instead, without looking for the app again."""


def exchange(path: str, message: dict[str, Any]) -> dict[str, Any] | None:
    """Send ``message`` to the app on ``path``; ``None`` when no app listens there.

    Raises:
        NoAnswer: it took the message and said nothing for :data:`ANSWER_TIMEOUT_S`.
        WentAway: it took the message and closed without a whole answer.
    """
    if sys.platform == "win32":
        return None
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    client.settimeout(ANSWER_TIMEOUT_S)
    try:
        client.connect(path)
    except OSError:  # none, refused, or a socket left by a killed app
        client.close()
        return None
    try:
        client.sendall(json.dumps(message).encode() + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                break
            reply += chunk
    except TimeoutError:
        raise NoAnswer(_("the running Flowtally app did not answer; try again")) from None
    except OSError:
        raise WentAway from None
    finally:
        client.close()
    try:
        answer = json.loads(reply)
    except ValueError:  # nothing, or cut short
        raise WentAway from None
    if not isinstance(answer, dict) or not isinstance(answer.get("code", 0), int):
        raise WentAway
    return answer


def private_folder(folder: str, create: bool = True) -> bool:
    """True if ``folder`` is a real folder of this user's own that no one else can enter or
    swap (made 0700 first when ``create``): only there is a socket the user's own app."""
    if sys.platform == "win32":
        return True
    try:
        if create:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            return False
        if info.st_uid != os.getuid():
            return False
        parent = os.stat(os.path.dirname(folder))  # another user must not swap the folder
        if parent.st_uid not in (0, os.getuid()):
            return False
        if parent.st_mode & 0o002 and not parent.st_mode & stat.S_ISVTX:
            return False
        if info.st_mode & 0o077:
            if not create:
                return False
            os.chmod(folder, 0o700)
    except OSError:
        return False
    return True


def _usual_runtime_folder() -> str | None:
    """``$XDG_RUNTIME_DIR/flowtally``, where platformdirs puts it, if it is private."""
    if not sys.platform.startswith("linux"):
        return None
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(runtime):
        return None
    folder = os.path.join(runtime, "flowtally")
    return folder if private_folder(folder, create=False) else None


def _database(option: str | None) -> str | None:
    """The database as :func:`app.config.effective_database` chooses it, reading only the
    settings file's ``database_url``.

    Raises:
        ValueError: the settings file cannot be read here (the full path warns about it).
    """
    chosen = option or os.environ.get("FLOWTALLY_DB")
    if chosen:
        return chosen
    try:
        with open(settings_file(), encoding="utf-8") as file:
            raw = json.load(file)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as exc:
        raise ValueError(exc) from None
    value = raw.get("database_url") if isinstance(raw, dict) else 0
    if value is None or isinstance(value, str):
        return value or None
    raise ValueError("database_url")


def _crash_left_quiet() -> bool:
    """Whether a Flowtally that is gone left notifications quiet (its record names a
    process that no longer runs): one ``stat`` when there is no record.

    Raises:
        ValueError: there is no home to look in.
    """
    path = quiet_record_file()
    if not os.path.exists(path):
        return False
    try:
        with open(path, encoding="utf-8") as file:
            mark = json.load(file)
        return not alive(int(mark["pid"]), mark.get("started"))
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return True  # unreadable: the full path clears it


def settings_file() -> str:
    """The settings file :func:`app.config.settings_path` names, found without platformdirs
    (a test holds the two together)."""
    return _user_file("XDG_CONFIG_HOME", ".config", "settings.json")


def quiet_record_file() -> str:
    """The record :func:`app.focus.quiet_record.record_path` names, the same way."""
    return _user_file("XDG_STATE_HOME", ".local/state", "quiet.json")


def _user_file(variable: str, default: str, name: str) -> str:
    """``name`` in Flowtally's folder of an XDG base directory, as platformdirs finds it.

    Raises:
        ValueError: neither the variable nor ``HOME`` is an absolute path.
    """
    base = os.environ.get(variable, "")
    if not os.path.isabs(base):
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            raise ValueError("no home")
        base = os.path.join(home, default)
    return os.path.join(base, "flowtally", name)

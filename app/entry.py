"""The ``flowtally`` process entry: forward to the running app, raise it, start it, or run
the command here (:mod:`app.commands.runner`).

The command line is parsed once (:mod:`app.language.grammar`) into a typed request. The
forwarding client (:mod:`app.forwarding`) imports no handler, no database and no settings
checks, so a forwarded command costs little more than argparse itself; a command that
runs here imports its handler then. User errors print one line on stderr and exit 1,
never a traceback; usage errors exit 2. Commands that need no GUI never import Qt or
matplotlib.
"""

from __future__ import annotations

import io
import os
import sys

from app.language import grammar
from app.language import requests as rq
from tracker.errors import FlowtallyError
from tracker.i18n import _

TYPE_CHECKING = False  # a forwarded command imports no more than it needs (#27)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from typing import NoReturn, TextIO

    from tracker.settings import Settings


def run() -> NoReturn:
    """The ``flowtally`` command: the script, ``python -m app`` and the bundle."""
    sys.exit(main(leave=True))


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    leave: bool = False,
) -> int:
    """Run one command line, as typed. With ``leave``, a command the running app answered
    ends the process at once: nothing of it is left open, and the interpreter's teardown
    would add 6 ms to a command that costs 40."""
    out = out or sys.stdout
    err = err or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    if asked := os.environ.get("FLOWTALLY_CHECKIN"):  # the tray's check-in, shown on X11
        from app.gui.checkin_asker import ask_here

        return ask_here(asked)
    try:
        return _main(words, out, err, leave)
    except BrokenPipeError:
        # The reader went away (``| head``): nothing to report, and the interpreter's own
        # flush at exit must not fail again on the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: a bug, never a traceback
        where = _record_crash(words)
        line = _(
            "flowtally: error: internal error ({problem}); nothing more was done. Details: {where}"
        )
        print(line.format(problem=f"{type(exc).__name__}: {exc}", where=where), file=err)
        return 1


def _main(argv: list[str], out: TextIO, err: TextIO, leave: bool) -> int:
    invocation = grammar.parse(argv)
    request = invocation.request
    following = isinstance(request, rq.Status) and request.follow
    if request is not None and rq.forwarded(request) and not following:
        from app.forwarding import WentAway, forward_at_once

        try:
            forwarded = forward_at_once(invocation)
        except FlowtallyError as exc:
            print(_("flowtally: error: {problem}").format(problem=exc), file=err)
            return 1
        except WentAway:  # the app is quitting: the command runs here
            return _main_here(invocation, out, err, look_for_the_app=False)
        if forwarded is not None:
            code = _answered(forwarded, out, err)
            if leave:
                out.flush()
                err.flush()
                os._exit(code)
            return code
    return _main_here(invocation, out, err)


def _answered(forwarded: tuple[int, str, str], out: TextIO, err: TextIO) -> int:
    code, text, error = forwarded
    out.write(text)
    err.write(error)
    return code


def _main_here(
    invocation: rq.Invocation, out: TextIO, err: TextIO, look_for_the_app: bool = True
) -> int:
    """The full path: settings read and checked, the running app found wherever it is, or
    the command run in this process."""
    from app.config import QUIET_RECORD, effective_database, load_settings, state_path
    from tracker.days import parse_week

    request = invocation.request
    settings = load_settings()  # once: a damaged file is warned about once
    if state_path(QUIET_RECORD).exists():  # notifications a crashed app left quiet come back
        from app.focus.quiet_record import restore_orphaned

        restore_orphaned()
    if isinstance(request, rq.Status) and request.follow:
        return _follow(invocation, settings, out, err)
    if request is None or rq.forwarded(request):
        from app import instance

        try:
            database = effective_database(invocation.db, settings)
            if request is None:
                return instance.raise_or_run(database, lambda: _gui(invocation, settings))
            if isinstance(request, rq.Dashboard):
                week = parse_week(request.week) if request.week else None
            forwarded = instance.send(database, invocation) if look_for_the_app else None
            if forwarded is None and isinstance(request, rq.Dashboard):
                return _gui(invocation, settings, dashboard=True, week=week)
        except FlowtallyError as exc:
            print(_("flowtally: error: {problem}").format(problem=exc), file=err)
            return 1
        if forwarded is not None:
            return _answered(forwarded, out, err)
    from app.commands import runner

    return runner.run(invocation, out, err, settings=settings)


def _follow(invocation: rq.Invocation, settings: Settings, out: TextIO, err: TextIO) -> int:
    """``status --follow``: from the running app while there is one, from the database
    while there is none (until one starts), until killed."""
    from typing import TextIO, cast

    from app import instance
    from app.commands import runner
    from app.config import effective_database

    database = effective_database(invocation.db, settings)
    lines = cast(TextIO, _OncePerChange(out))  # the app and the database hand over without a repeat
    try:
        while True:
            if not instance.follow(database, invocation, lines):
                code = runner.run(invocation, lines, err, settings=settings)
                if code != 0:
                    return code
    except FlowtallyError as exc:
        print(_("flowtally: error: {problem}").format(problem=exc), file=err)
        return 1
    except KeyboardInterrupt:
        return 130


class _OncePerChange(io.TextIOBase):
    """Passes each whole line on, but not the same line twice in a row."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self._out = out
        self._last: str | None = None
        self._part = ""

    def write(self, text: str) -> int:
        *whole, self._part = (self._part + text).split("\n")
        for line in whole:
            if line != self._last:
                self._out.write(line + "\n")
                self._last = line
        return len(text)

    def flush(self) -> None:
        self._out.flush()


def _record_crash(argv: list[str]) -> str:
    """The traceback goes to the log file, with the command's first word only (its other
    words may be a note)."""
    import traceback

    import platformdirs

    try:
        folder = platformdirs.user_log_path("flowtally", appauthor=False, ensure_exists=True)
        path = folder / "flowtally.log"
        with path.open("a", encoding="utf-8") as log_file:
            first = next((word for word in argv if not word.startswith("-")), "(none)")
            log_file.write(f"command {first!r} failed:\n{traceback.format_exc()}")
    except OSError:
        return "not recorded (the log folder cannot be written)"
    return str(path)


def _gui(
    invocation: rq.Invocation, settings: Settings, dashboard: bool = False, week: date | None = None
) -> int:
    """The tray app (with the dashboard open when asked); Qt is imported only here."""
    from app.gui.main import run_app

    return run_app(invocation.db, invocation.tz, settings, dashboard, week)

"""The ``flowtally`` process entry: forward to the running app, raise it, start it, or run
the command here (:mod:`app.runner`).

User errors print one line on stderr and exit 1, never a traceback; usage errors exit 2.
Commands that need no GUI never import Qt or matplotlib, so they stay quick.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from app.commands import runner
from app.commands.parser import forwardable
from app.config import effective_database, load_settings
from tracker.days import parse_week
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.settings import Settings


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command line, as typed."""
    out = out or sys.stdout
    err = err or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(words, out, err)
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


def _main(argv: list[str], out: TextIO, err: TextIO) -> int:
    args = runner.parse(argv)
    settings = load_settings()  # once: a damaged file is warned about once
    if getattr(args, "command", None) is None or forwardable(args):
        from app import instance

        try:
            database = effective_database(getattr(args, "db", None), settings)
            if args.command is None:
                return instance.raise_or_run(database, lambda: _gui(args, settings))
            if args.command == "dashboard":
                week = parse_week(args.week) if args.week else None
            forwarded = instance.forward(database, argv)
            if forwarded is None and args.command == "dashboard":
                return _gui(args, settings, dashboard=True, week=week)
        except FlowtallyError as exc:
            print(_("flowtally: error: {problem}").format(problem=exc), file=err)
            return 1
        if forwarded is not None:
            code, text, error = forwarded
            out.write(text)
            err.write(error)
            return code
    return runner.run(args, out, err, settings=settings)


def _record_crash(argv: list[str]) -> str:
    """The traceback goes to the log file, with the command's first word only (its other
    words may be a note)."""
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
    args: argparse.Namespace, settings: Settings, dashboard: bool = False, week: date | None = None
) -> int:
    """The tray app (with the dashboard open when asked); Qt is imported only here."""
    from app.gui.main import run_app

    return run_app(getattr(args, "db", None), getattr(args, "tz", None), settings, dashboard, week)

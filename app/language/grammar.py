"""The ``flowtally`` command line's grammar: argv in, one typed request out.

The parser is built a command at a time, each function adding its words and saying which
request they make. Importing this costs no Qt, no database and no handler: the terminal
parses once, here, before it forwards the request or runs it.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from app.language import requests as rq
from app.language.options import Adder, Make, absolute, json_option, week_option
from app.language.parsers import Parser, Unread
from tracker.types import DEFAULT_SOURCES, Kind


def parse(argv: Sequence[str]) -> rq.Invocation:
    """The parsed command line (argparse exits 2 with its usage on a bad one)."""
    parser = build_parser(_command_word(argv))
    args = parser.parse_args(argv)
    make: Make | None = getattr(args, "make", None)
    try:
        request = make(args) if make is not None else None
    except _UsageError as problem:
        parser.error(str(problem))
    return rq.Invocation(request, getattr(args, "db", None), getattr(args, "tz", None))


class _VersionAction(argparse.Action):
    """Looks the version up only when asked: package metadata costs ~50 ms per start."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from app.version import app_version

        print(f"flowtally {app_version()}")
        parser.exit()


def _command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (``""``: none), when nothing before it asks for the whole
    parser (help, the version, an unknown word): only that command's words are then built,
    a few milliseconds a forwarded command does not spend on the other thirty."""
    words = iter(argv)
    for word in words:
        if word in ("--db", "--tz"):
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
        elif not word.startswith(("--db=", "--tz=")):
            return None
    return ""  # no command: the tray app, whose parser needs none of them


COMMANDS = frozenset(
    (
        *("start", "pause", "resume", "stop", "add", "interrupt", "back", "undo", "status"),
        *("report", "trend", "dashboard", "forecast", "export", "import", "sync", "desktop"),
        *("settings", "checkin", "calibrate"),
        "team",
    )
)
"""Every command's word (a test holds it to the parser's)."""
LEARNING = frozenset(("forecast", "checkin", "calibrate"))
"""The words :mod:`app.language.learning_grammar` adds (built only when one is asked for)."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole grammar, or (``only``) the top level and that one command."""
    common = _common_options()
    parser = Parser(
        prog="flowtally",
        parents=[common],
        description="Measure focus and flow: track focus blocks, log interruptions, "
        "see uninterrupted periods per day.",
        epilog="Times (--at, --end) accept HH:MM (today), 'YYYY-MM-DD HH:MM', ISO 8601 with an "
        "offset, or '25m ago' / '1h ago' (or --at=-25m).",
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the version and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, make: Make) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return Unread()
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(make=make)
        return p

    for commands in (_tracking, _logging, _reading, _moving):
        commands(add)
    if only is None or only in LEARNING:
        from app.language.learning_grammar import learning

        learning(add)
    if only in (None, "team"):
        from app.language.team_grammar import team

        team(sub, common)
    return parser


def _common_options() -> Parser:
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL or SQLite file (default: $FLOWTALLY_DB, the setting, or the "
        "SQLite file in the user data folder)",
    )
    common.add_argument(
        "--tz",
        metavar="ZONE",
        default=argparse.SUPPRESS,
        help="IANA time zone for days and times (default: $FLOWTALLY_TZ, the setting, the system)",
    )
    return common


def _at(p: argparse.ArgumentParser, help_text: str = "when (default: now)") -> None:
    p.add_argument("--at", metavar="TIME", help=help_text)


def _device(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--device",
        metavar="NAME",
        help="only the blocks made on this device (as sync names it: its host name)",
    )


def _status(args: argparse.Namespace) -> rq.Status:
    shape = args.format or ("json" if args.json else "text")
    request = rq.Status(shape == "json", args.line, shape == "waybar", args.follow)
    if request.follow and not request.availability:
        raise _UsageError("--follow needs --line or --format waybar")
    return request


class _UsageError(Exception):
    """A combination argparse cannot express: reported as its own usage errors are."""


def _tracking(add: Adder) -> None:
    p = add(
        "start",
        "start a focus block",
        lambda a: rq.Start(a.task, a.at, a.at_press),
    )
    p.add_argument("--task", "-t", help="what the block is for")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="TIME", help="when it started (default: now)")
    when.add_argument(
        "--at-press",
        action="store_true",
        help="at the last hotkey press made while no block ran (it becomes its interruption)",
    )
    _at(add("pause", "pause the running block (a deliberate break)", lambda a: rq.Pause(a.at)))
    _at(add("resume", "resume the paused block", lambda a: rq.Resume(a.at)))
    p = add("stop", "stop the running block", lambda a: rq.Stop(a.at, a.gap))
    _at(p)
    p.add_argument(
        "--gap",
        choices=["break", "focus"],
        help="what the time since the tray app last watched the block was",
    )
    p = add(
        "add",
        "add a finished block you forgot to track (backfill)",
        lambda a: rq.Add(a.start, a.end, a.task),
    )
    p.add_argument("--from", dest="start", metavar="TIME", required=True, help="when it began")
    p.add_argument("--to", dest="end", metavar="TIME", required=True, help="when it ended")
    p.add_argument("--task", "-t", help="what the block was for")


def _logging(add: Adder) -> None:
    p = add(
        "interrupt",
        "log an interruption in the running block (with --at, in any earlier block)",
        lambda a: rq.Interrupt(Kind(a.kind), a.source, a.note, a.at, a.minutes, a.end),
    )
    p.add_argument(
        "--kind",
        "-k",
        choices=[k.value for k in Kind],
        default=Kind.EXTERNAL.value,
        help="internal (self-caused) or external (default)",
    )
    p.add_argument(
        "--source",
        "-s",
        default="other",
        help=f"what interrupted, e.g. {', '.join(DEFAULT_SOURCES)} (default: other)",
    )
    p.add_argument("--note", "-n", help="a short note")
    _at(p, "when it began (default: now)")
    length = p.add_mutually_exclusive_group()
    length.add_argument(
        "--minutes",
        "-m",
        type=float,
        help="how long it lasted; without --at it is taken to have just ended",
    )
    length.add_argument("--end", metavar="TIME", help="when it ended (or will end)")
    p = add("back", "I'm back: end the interruption going on", lambda a: rq.Back(a.at))
    _at(p, "when it ended (default: now)")
    add(
        "undo",
        "take back the last tracking action (a press, start, pause, stop…)",
        lambda _a: rq.Undo(),
    )


def _reading(add: Adder) -> None:
    p = add("status", "show the running block, its phase, and today", _status)
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="machine-readable output")
    shape.add_argument(
        "--line", action="store_true", help="one line to paste into chat: the phase, until when"
    )
    shape.add_argument(
        "--format",
        choices=("text", "json", "waybar"),
        help="text (the default), json (as --json), or waybar (a custom module's JSON)",
    )
    p.add_argument(
        "--follow",
        action="store_true",
        help="with --line or --format waybar: print a new line at each change until killed",
    )
    p = add(
        "report",
        "the weekly report",
        lambda a: rq.Report(a.week, a.device, a.json, absolute(a.output)),
    )
    week_option(p)
    _device(p)
    json_option(p, "the JSON report of the spec")
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the charts instead: report.png, report.pdf (a page per chart) or "
        "report.html (charts and numbers in one file); needs no display",
    )
    p = add(
        "trend",
        "periods and e-factor over several weeks",
        lambda a: rq.Trend(a.weeks, a.to, a.json, a.device),
    )
    p.add_argument("--weeks", type=int, default=12, help="how many weeks (default: 12)")
    p.add_argument("--to", metavar="YYYY-Www", help="the last week (default: this week)")
    json_option(p)
    _device(p)
    week_option(
        add(
            "dashboard",
            "open the dashboard (in the running tray app, or start the app with it)",
            lambda a: rq.Dashboard(a.week),
        )
    )


def _moving(add: Adder) -> None:
    p = add(
        "export",
        "write every finished block as JSON or CSV, or as calendar events (ICS)",
        lambda a: rq.Export(a.format, absolute(a.output), a.device),
    )
    p.add_argument("--format", "-f", choices=["json", "csv", "ics"], default="json")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")
    _device(p)
    _import_command(add)
    add(
        "sync",
        "push this device's finished blocks to the sync target and pull your other devices'",
        lambda _a: rq.Sync(),
    )
    p = add(
        "desktop",
        "put Flowtally in the applications menu and 'flowtally' on PATH (install), or take "
        "it out (remove)",
        lambda a: rq.Desktop(a.step),
    )
    p.add_argument("step", choices=["install", "remove"])
    p = add(
        "settings",
        "show settings, or set them: flowtally settings ramp_up_min=20 timezone=Europe/Oslo",
        lambda a: rq.Settings(tuple(a.assignments), a.json),
    )
    p.add_argument("assignments", nargs="*", metavar="KEY=VALUE")
    json_option(p)


IMPORT_KINDS = ("flowkeeper", "focus-timer", "toggl", "clockify", "hamster", "flowtally")
"""``import --from``'s choices: :data:`tracker.import_sources.IMPORT_KINDS`, written out
because the forwarding client loads no more of ``tracker`` than it must (a test holds the
two the same)."""


def _import_command(add: Adder) -> None:
    p = add(
        "import",
        "add history from a Flowtally export (JSON, CSV) or from Flowkeeper, Focus Timer, "
        "Toggl Track, Clockify or Hamster (all or nothing)",
        lambda a: rq.Import(
            os.path.abspath(a.file),
            a.format,
            a.source,
            a.dry_run,
            a.date_format,
            a.tags_in_task,
            a.skip_overlaps,
        ),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--from",
        dest="source",
        choices=IMPORT_KINDS,
        help="the tool the file is from (default: recognised from its content)",
    )
    p.add_argument("--format", "-f", choices=["json", "csv"], help="a Flowtally export's format")
    p.add_argument(
        "--dry-run", action="store_true", help="say what would be imported; write nothing"
    )
    p.add_argument(
        "--date-format",
        choices=["day-first", "month-first"],
        help="how to read dates such as 03/04/2026 when the file does not show it",
    )
    p.add_argument(
        "--tags-in-task", action="store_true", help="keep a time entry's tags in its task"
    )
    p.add_argument(
        "--skip-overlaps",
        action="store_true",
        help="leave out (and list) blocks that overlap others, instead of refusing the file",
    )

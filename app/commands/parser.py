"""The ``flowtally`` command line's grammar: every command, its options and its handler.

Shared by the process entry (:mod:`app.cli`), the runner (:mod:`app.runner`) and the tray app
(which asks :func:`dashboard_week` of a forwarded command line). Importing it costs no Qt and
no database.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, Literal

from tracker.days import parse_week
from tracker.types import DEFAULT_SOURCES, Kind

if TYPE_CHECKING:
    from app.commands.context import Context

Command = Callable[["Context", argparse.Namespace], int]


def device_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--device",
        metavar="NAME",
        help="only the blocks made on this device (as sync names it: its host name)",
    )


def resolve(target: str) -> Command:
    """``"module:function"`` imported on use: the tray app starts without loading SQLAlchemy
    (half a second) before its icon is shown."""
    module, name = target.split(":")
    handler: Command = getattr(import_module(f"app.commands.{module}"), name)
    return handler


class _VersionAction(argparse.Action):
    """Looks the version up only when asked: package metadata costs ~50 ms per start."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from app.version import app_version

        print(f"flowtally {app_version()}")
        parser.exit()


def week_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--week", metavar="YYYY-Www", help="ISO week, e.g. 2026-W47 (default: this week)"
    )


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
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
    parser = argparse.ArgumentParser(
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

    def add(name: str, handler: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = add("start", "tracking:start", "start a focus block")
    p.add_argument("--task", "-t", help="what the block is for")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--at", metavar="TIME", help="when it started (default: now)")
    when.add_argument(
        "--at-press",
        action="store_true",
        help="at the last hotkey press made while no block ran (it becomes its interruption)",
    )
    for name, handler, text in (
        ("pause", "tracking:pause", "pause the running block (a deliberate break)"),
        ("resume", "tracking:resume", "resume the paused block"),
        ("stop", "tracking:stop", "stop the running block"),
    ):
        p = add(name, handler, text)
        p.add_argument("--at", metavar="TIME", help="when (default: now)")
        if name == "stop":
            p.add_argument(
                "--gap",
                choices=["break", "focus"],
                help="what the time since the tray app last watched the block was",
            )

    p = add("add", "tracking:add", "add a finished block you forgot to track (backfill)")
    p.add_argument("--from", dest="start", metavar="TIME", required=True, help="when it began")
    p.add_argument("--to", dest="end", metavar="TIME", required=True, help="when it ended")
    p.add_argument("--task", "-t", help="what the block was for")

    p = add(
        "interrupt",
        "tracking:interrupt",
        "log an interruption in the running block (with --at, in any earlier block)",
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
    p.add_argument("--at", metavar="TIME", help="when it began (default: now)")
    length = p.add_mutually_exclusive_group()
    length.add_argument(
        "--minutes",
        "-m",
        type=float,
        help="how long it lasted; without --at it is taken to have just ended",
    )
    length.add_argument("--end", metavar="TIME", help="when it ended (or will end)")

    p = add("back", "undoing:back", "I'm back: end the interruption going on")
    p.add_argument("--at", metavar="TIME", help="when it ended (default: now)")
    add("undo", "undoing:undo", "take back the last tracking action (a press, start, pause, stop…)")

    p = add("status", "tracking:status", "show the running block, its phase, and today")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add("report", "reports:report", "the weekly report")
    week_option(p)
    device_option(p)
    p.add_argument("--json", action="store_true", help="the JSON report of the spec")
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the charts instead: report.png, report.pdf (a page per chart) or "
        "report.html (charts and numbers in one file); needs no display",
    )

    p = add("trend", "reports:trend", "periods and e-factor over several weeks")
    p.add_argument("--weeks", type=int, default=12, help="how many weeks (default: 12)")
    p.add_argument("--to", metavar="YYYY-Www", help="the last week (default: this week)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    device_option(p)

    p = add(
        "export",
        "transfer:export",
        "write every finished block as JSON or CSV, or as calendar events (ICS)",
    )
    p.add_argument("--format", "-f", choices=["json", "csv", "ics"], default="json")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout)")
    device_option(p)

    add(
        "sync",
        "syncing:sync",
        "push this device's finished blocks to the sync target and pull your other devices'",
    )
    p = add(
        "desktop",
        "desktop_entry:desktop_",
        "put Flowtally in the applications menu and 'flowtally' on PATH (install), or take "
        "it out (remove)",
    )
    p.add_argument("step", choices=["install", "remove"])

    _team_commands(sub, common)

    p = add("import", "transfer:import_", "add blocks from a JSON or CSV export (all or nothing)")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--format", "-f", choices=["json", "csv"], help="default: from the file name or its content"
    )

    # No handler: main() forwards it to the running app or starts the app with it.
    text = "open the dashboard (in the running tray app, or start the app with it)"
    week_option(sub.add_parser("dashboard", parents=[common], help=text, description=text))

    p = add(
        "settings",
        "settings:settings",
        "show settings, or set them: flowtally settings ramp_up_min=20 timezone=Europe/Oslo",
    )
    p.add_argument("assignments", nargs="*", metavar="KEY=VALUE")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _team_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    text = "a team's focus, aggregated: an admin prepares the database, members join and share"
    team = sub.add_parser("team", parents=[common], help=text, description=text)
    steps = team.add_subparsers(dest="team_command", metavar="STEP", required=True)

    def step(name: str, handler: str, help_text: str) -> argparse.ArgumentParser:
        p = steps.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(handler=f"team:{handler}")
        return p

    p = step("init", "init", "admin: prepare a PostgreSQL database for a team (again: renew it)")
    p.add_argument("url", metavar="URL", help="the database, with its owner's sign-in")
    p.add_argument(
        "--min-group",
        type=int,
        metavar="N",
        help="the fewest people any shown number may come from (default 5, at least 3)",
    )
    p.add_argument("--name", help="what to call the team (default: the database's name)")
    p = step("add", "add", "admin: add a member; prints the URL they join with (--db ADMIN_URL)")
    p.add_argument("name", metavar="NAME")
    p = step("remove", "remove", "admin: remove a member and all their rows (--db ADMIN_URL)")
    p.add_argument("name", metavar="NAME")
    step("members", "members", "admin: list the members (--db ADMIN_URL)")
    p = step("join", "join", "member: sync this device to the team, with the URL from 'team add'")
    p.add_argument("url", metavar="URL")
    p = step("share", "share", "member: count in the team's numbers (on), or stop (off)")
    p.add_argument("choice", nargs="?", choices=["on", "off"])
    p = step("report", "report", "the team's week: aggregates of the people who share")
    week_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--min-group",
        type=int,
        metavar="N",
        help="hide more: numbers of at least N people (never fewer than the team's own)",
    )


FORWARDED = frozenset(
    {
        *("start", "pause", "resume", "stop", "add", "interrupt", "back", "undo"),
        *("status", "report", "settings", "dashboard"),
    }
)
"""Sent to the running app when there is one: it follows every change at once (its icon, its
popup, its settings), and a report it answers counts what it has not saved yet."""


def forwardable(args: argparse.Namespace) -> bool:
    """Whether the running app should run this command line. Not one naming a file or a
    path (``report -o``, ``settings database_url=``): the app's working folder is not the
    terminal's."""
    command = getattr(args, "command", None)
    if command not in FORWARDED:
        return False
    if command == "report":
        return not args.output
    if command == "settings":
        return not any(a.split("=", 1)[0].strip() == "database_url" for a in args.assignments)
    return True


def dashboard_week(argv: Sequence[str]) -> date | Literal[False] | None:
    """For a forwarded command line: the week to open the dashboard on (``None``: this
    week), or ``False`` when it is another command. Runs on the GUI thread for every forwarded
    command, so the parser is built only when the word is there."""
    if "dashboard" not in argv:
        return False
    try:
        args = build_parser().parse_args(argv)
    except SystemExit:
        return False
    if getattr(args, "command", None) != "dashboard":
        return False
    return parse_week(args.week) if args.week else None

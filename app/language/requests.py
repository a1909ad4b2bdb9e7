"""Every ``flowtally`` command as a typed request: what the terminal parses, what the socket
carries to the running app, what a handler (:mod:`app.commands`) and the tray's store worker
take.

Frozen records of plain values (:mod:`app.language.record`: the forwarding client cannot
afford :mod:`dataclasses`), so that a request can be compared, logged and sent as
JSON (:mod:`app.language.wire`). Times stay as the user typed them (``"14:05"``, ``"25m
ago"``): they are read against the zone the command runs in, when it runs. Paths are
absolute (the grammar makes them so in the terminal), so the app may write where the user
asked whatever its own working folder.
"""

from __future__ import annotations

from app.language.record import Record
from tracker.types import Kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal


class Start(Record):
    task: str | None = None
    at: str | None = None
    at_press: bool = False


class Pause(Record):
    at: str | None = None


class Resume(Record):
    at: str | None = None


class Stop(Record):
    at: str | None = None
    gap: Literal["break", "focus"] | None = None
    """What the time since the tray app last watched the block was (asked without the app)."""


class Add(Record):
    start: str
    end: str
    task: str | None = None


class Interrupt(Record):
    """Without a time (``at``, ``minutes``, ``end``) it is a press, as the hotkey makes."""

    kind: Kind = Kind.EXTERNAL
    source: str = "other"
    note: str | None = None
    at: str | None = None
    minutes: float | None = None
    end: str | None = None

    @property
    def is_press(self) -> bool:
        return self.at is None and self.minutes is None and self.end is None


class Back(Record):
    at: str | None = None


class Undo(Record):
    pass


class Status(Record):
    json: bool = False
    line: bool = False
    """One line to paste into chat (``--line``)."""
    waybar: bool = False
    """The JSON object a waybar ``custom`` module reads (``--format waybar``)."""
    follow: bool = False
    """A line per change until killed (``--follow``)."""

    @property
    def availability(self) -> bool:
        """Answered from the status others read (the tray has it in memory)."""
        return self.line or self.waybar


class Report(Record):
    week: str | None = None
    device: str | None = None
    json: bool = False
    output: str | None = None


class Trend(Record):
    weeks: int = 12
    to: str | None = None
    json: bool = False
    device: str | None = None


class Forecast(Record):
    week: str | None = None
    """``next`` (the default), ``this``, or an ISO week."""
    weeks: int = 8
    json: bool = False
    output: str | None = None


class CheckIn(Record):
    """A flow check-in about now: how absorbed the person was (1 to 5; ``None``: skipped)."""

    answer: int | None


class Calibrate(Record):
    json: bool = False
    accept: bool = False
    """Save the proposed thresholds (the history is counted again with them)."""


class Export(Record):
    format: Literal["json", "csv", "ics"] = "json"
    output: str | None = None
    device: str | None = None


class Import(Record):
    file: str
    format: Literal["json", "csv"] | None = None
    source: str | None = None
    """The tool the file is from (``--from``); ``None``: recognised from its content."""
    dry_run: bool = False
    date_format: Literal["day-first", "month-first"] | None = None
    tags_in_task: bool = False
    skip_overlaps: bool = False


class Sync(Record):
    pass


class Desktop(Record):
    step: Literal["install", "remove"]


class Settings(Record):
    assignments: tuple[str, ...] = ()
    json: bool = False

    @property
    def moves_the_database(self) -> bool:
        """Checked against the file where the terminal is, and not the running app's business."""
        return any(a.split("=", 1)[0].strip() == "database_url" for a in self.assignments)


class Dashboard(Record):
    week: str | None = None


class TeamInit(Record):
    url: str
    min_group: int | None = None
    name: str | None = None


class TeamAdd(Record):
    name: str
    admin_url: str | None = None
    """``--db``: the team's database, with the admin's sign-in."""


class TeamRemove(Record):
    name: str
    admin_url: str | None = None


class TeamMembers(Record):
    admin_url: str | None = None


class TeamJoin(Record):
    url: str


class TeamShare(Record):
    choice: Literal["on", "off"] | None = None


class TeamReport(Record):
    week: str | None = None
    json: bool = False
    min_group: int | None = None


Tracking = Start | Pause | Resume | Stop | Add | Interrupt | Back | Undo | CheckIn
Reading = Status | Report | Trend | Dashboard | Forecast | Calibrate
Moving = Export | Import | Sync | Desktop | Settings
Team = TeamInit | TeamAdd | TeamRemove | TeamMembers | TeamJoin | TeamShare | TeamReport
Request = Tracking | Reading | Moving | Team

KINDS: tuple[type[Request], ...] = (
    *(Start, Pause, Resume, Stop, Add, Interrupt, Back, Undo),
    *(Status, Report, Trend, Dashboard, Forecast),
    *(Export, Import, Sync, Desktop, Settings),
    *(TeamInit, TeamAdd, TeamRemove, TeamMembers, TeamJoin, TeamShare, TeamReport),
    *(CheckIn, Calibrate),
)
"""Every request type, in the order the wire's version is taken over."""

FORWARDED: tuple[type[Request], ...] = (
    *(Start, Pause, Resume, Stop, Add, Interrupt, Back, Undo, CheckIn),
    *(Status, Report, Settings, Dashboard),
)
"""Run by the running app when there is one: it follows every change at once (its icon, its
popup, its settings), and a report it answers counts what it has not saved yet."""


def forwarded(request: Request) -> bool:
    """Whether the running app runs ``request`` (the terminal runs the others)."""
    if isinstance(request, Settings):
        return not request.moves_the_database
    return isinstance(request, FORWARDED)


def at_once(request: Request) -> bool:
    """Answered by the app without waiting its turn: ``status`` only reads, and an
    ``interrupt`` or a ``back`` that the database cannot take now is kept like a press."""
    return isinstance(request, Interrupt | Back | Status)


class Invocation(Record):
    """One command line, parsed: the request (``None``: start the app, or show it) and the
    options every command takes."""

    request: Request | None
    db: str | None = None
    tz: str | None = None

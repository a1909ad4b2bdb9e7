"""What the GUI and the hotkey ask of the store worker, and what it answers: typed messages.

Each direction is one Qt signal carrying one of these frozen dataclasses; both ends dispatch
with ``match`` and ``assert_never``, so mypy proves that every message is handled and that a
misspelt request cannot exist. Enums travel as enums. The tray's actions that are also
commands (start, pause, resume, stop, back, undo) are the command language's own requests
(:mod:`app.language.requests`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from app.commands.app_facts import AppFacts
from app.language import requests as rq
from app.language.requests import Invocation
from tracker.edits import Gap, GapChoice
from tracker.model import Block, Pressed
from tracker.types import Kind
from tracker.undo import Step


@dataclass(frozen=True, slots=True)
class Open:
    """Open the database (again, after it could not be used)."""


@dataclass(frozen=True, slots=True)
class Press:
    """The hotkey (or the menu) was pressed at ``at``."""

    at: datetime
    activation_token: str | None = None
    """The desktop's xdg-activation token for the press (the portal's): with it, the popup
    may take the keyboard on Wayland."""


@dataclass(frozen=True, slots=True)
class Retag:
    interruption_id: int
    kind: Kind
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class StartFromPress:
    """Start a block at a press made while no block ran."""

    press_id: int


@dataclass(frozen=True, slots=True)
class NoticeGap:
    """Record a gap as a break at once, until the user says what it was."""

    gap: Gap


@dataclass(frozen=True, slots=True)
class ResolveGap:
    gap: Gap
    choice: GapChoice
    kind: Kind
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class CheckInAt:
    """A flow check-in's answer (``None``: skipped) about the moment ``at``."""

    at: datetime
    answer: int | None


@dataclass(frozen=True, slots=True)
class Heartbeat:
    pass


@dataclass(frozen=True, slots=True)
class Forwarded:
    """A request another ``flowtally`` process sent, with what the app says about itself at
    the moment it arrived (for ``status``)."""

    request_id: int
    invocation: Invocation
    facts: AppFacts | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Refresh:
    """Read the day again: something changed elsewhere."""


StoreRequest = (
    Open
    | rq.Start
    | rq.Pause
    | rq.Resume
    | rq.Stop
    | Press
    | Retag
    | rq.Back
    | rq.Undo
    | StartFromPress
    | NoticeGap
    | ResolveGap
    | CheckInAt
    | Heartbeat
    | Forwarded
    | Refresh
)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the GUI needs to draw the status until the next change."""

    running: Block | None
    today: tuple[Block, ...]
    recent_tasks: tuple[str, ...]
    pending: int
    """Interruptions pressed but not stored yet (the database is busy or away)."""
    last_step: Step | None = None
    """What Undo would take back."""
    past_minutes: tuple[float, ...] = ()
    """The lengths of the person's finished stretches of the last weeks, sorted (how long
    a stretch usually lasts: :func:`tracker.availability.usual_end`)."""


@dataclass(frozen=True, slots=True)
class Opened:
    """The database is open: its running block, and that block's last heartbeat."""

    running: Block | None
    heartbeat: datetime | None


@dataclass(frozen=True, slots=True)
class Stored:
    """A press is committed (or found to be the interruption going on, or kept as a loose
    press): the moment to acknowledge it."""

    pressed: Pressed


@dataclass(frozen=True, slots=True)
class Failed:
    message: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Good news worth a word: presses that had to wait are saved after all, a block
    stopped from elsewhere (with a button to start the next)."""

    message: str
    actions: tuple[str, ...] = ()
    """The keys of :func:`app.gui.desktop_notices.action`."""


@dataclass(frozen=True, slots=True)
class CommandDone:
    request_id: int
    code: int
    out: str
    err: str


StoreAnswer = Snapshot | Opened | Stored | Failed | Notice | CommandDone

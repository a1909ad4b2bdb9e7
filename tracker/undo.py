"""Undo of tracking actions: what each one was, and what taking it back means.

Every tracking action (start, pause, resume, stop, a press, an interruption, "I'm back", a
backfilled block) is recorded as one :class:`Step` in the same transaction as the action, so
``flowtally undo``, the popup and the tray menu all take back the same last action, whichever
of them did it. Undo is a stack: undoing again takes back the action before.

Taking back is the action's inverse, not a snapshot of the whole history: a press is undone
by removing exactly that interruption (a tag chosen since goes with it), a start by removing
the block it opened, a loose press by forgetting it. Pause, resume, stop and "I'm back" change
a block in place, so undoing them puts that block back as it was just before.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tracker.i18n import _

UNDO_OFFERED = timedelta(minutes=5)
"""How long the popup and the tray menu offer Undo after an action (``flowtally undo`` takes
back the last action however old it is, if it still can be)."""
KEPT_STEPS = 100
"""Steps kept; older ones can no longer be undone."""


class Action(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"
    PRESS = "press"
    """A hotkey press (or ``flowtally interrupt``): undone by removing the interruption."""
    LOOSE = "loose"
    """A press while no block ran: undone by forgetting it."""
    BACK = "back"
    ADD = "add"
    """``flowtally add``: a backfilled block, undone by removing it."""


RESTORES_BEFORE = frozenset({Action.PAUSE, Action.RESUME, Action.STOP, Action.BACK})
"""The actions undone by putting their block back as it was before them."""

_WHAT = {
    Action.START: "the start at {time}",
    Action.PAUSE: "the pause at {time}",
    Action.RESUME: "the resume at {time}",
    Action.STOP: "the stop at {time}",
    Action.PRESS: "the interruption logged at {time}",
    Action.LOOSE: "the press at {time} (no block was running)",
    Action.BACK: '"I\'m back" at {time}',
    Action.ADD: "the block added from {time}",
}
"""What each action is called where it is offered ("Undo the stop at 17:02") and where undo
says what it did: one wording for the terminal, the popup and the tray menu."""


def undone_line(what: str) -> str:
    """ "Undone: the stop at 17:02.": what the CLI prints and the tray notifies."""
    return _("Undone: {what}.").format(what=what)


@dataclass(frozen=True, slots=True)
class Step:
    """A tracking action that can be taken back: ``at`` is the instant it recorded (a block's
    start, a press's instant), ``done`` when it was done."""

    action: Action
    at: datetime
    done: datetime
    block_id: int | None = None
    item_id: int | None = None
    """The interruption a press made, or the loose press."""

    def describe(self, local_time: str) -> str:
        """ "the interruption logged at 10:32": for "Undo …" and for what undo says it did."""
        return _(_WHAT[self.action]).format(time=local_time)

    def offered(self, now: datetime) -> bool:
        """Whether the popup and the tray menu still offer to undo it."""
        return timedelta(0) <= now - self.done <= UNDO_OFFERED

"""Flowkeeper's event log (its data file and its export are the same log).

One event a line: ``seq, timestamp, user: Strategy("arg", "arg", …)``, arguments quoted
with ``\\"`` and ``\\\\`` escaped; empty lines and ``#`` comments are nothing. The events
read here:

- ``CreateWorkitem(uid, backlog, name)`` and ``RenameWorkitem(uid, name)``: the task;
- ``StartTimer(uid, work_s, rest_s)`` (earlier ``StartWork``): a pomodoro's work starts and
  lasts ``work_s`` seconds (none: a tracker, which runs until stopped);
- ``AddInterruption(uid, reason, duration_s)``: an interruption during the work; a reason
  starting "Pomodoro voided" voids the pomodoro there;
- ``VoidPomodoro``, ``StopTimer``, ``FinishTracking``, ``CompleteWorkitem``,
  ``DeleteWorkitem``: the work ends there, if it is still going on.

Rest is not focus, so a block is a pomodoro's work alone. Every other event (users,
backlogs, tags, planned pomodoros) says nothing about time spent and is passed over.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from math import isfinite

from tracker.errors import ValidationError
from tracker.foreign.outcome import Foreign, Reading
from tracker.i18n import _
from tracker.interchange import Record
from tracker.model import Block, Interruption
from tracker.settings import load_zone
from tracker.timeparse import in_range
from tracker.types import Kind

LINE = re.compile(r"^\s*(\d+)\s*,\s*([^,]+?)\s*,\s*([^:\s][^:]*?)\s*:\s*([A-Za-z]+)\s*\((.*)\)\s*$")
ARGUMENT = re.compile(r'\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)')
STARTS = {"StartTimer", "StartWork"}
ENDS = {"VoidPomodoro", "StopTimer", "FinishTracking", "CompleteWorkitem", "DeleteWorkitem"}
VOIDED = "pomodoro voided"
LONGEST_S = 24 * 3600.0
"""A pomodoro or an interruption longer than a day is not one: the line is refused."""


def is_flowkeeper(first_line: str) -> bool:
    """Whether a file's first line that is not empty or a comment is a Flowkeeper event."""
    return LINE.match(first_line) is not None


@dataclass(slots=True)
class _Pomodoro:
    label: str
    start: datetime
    planned_end: datetime | None
    task: str | None
    interruptions: list[Interruption] = field(default_factory=list)

    def working(self, at: datetime) -> bool:
        return self.planned_end is None or at < self.planned_end


@dataclass(slots=True)
class _Log:
    reading: Reading
    outcome: Foreign
    names: dict[str, str] = field(default_factory=dict)
    open: _Pomodoro | None = None

    def close(self, at: datetime) -> None:
        pomodoro, self.open = self.open, None
        if pomodoro is None:
            return
        end = at if pomodoro.planned_end is None else min(at, pomodoro.planned_end)
        if end <= pomodoro.start:
            self.outcome.skip(pomodoro.label, _("voided as it started"))
            return
        interruptions = tuple(_within(i, end) for i in pomodoro.interruptions if i.at < end)
        block = Block(
            pomodoro.start,
            end,
            pomodoro.task,
            interruptions=interruptions,
            timezone=self.reading.zone,
            imported_from="flowkeeper",
        )
        self.outcome.records.append(Record(pomodoro.label, block))


def parse_flowkeeper(text: str, reading: Reading) -> Foreign:
    """The pomodoros' work in a Flowkeeper log as blocks, named by the line that started
    each; one still going on is skipped."""
    log = _Log(reading, Foreign("flowkeeper"))
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        label = f"line {number}"
        if line.startswith("+"):
            raise ValidationError(
                label, _("the log is encrypted; export it from Flowkeeper without encryption")
            )
        found = LINE.match(line)
        if found is None:
            raise ValidationError(label, _("not a Flowkeeper event"))
        when = _when(found.group(2), reading, label)
        _event(log, found.group(4), _arguments(found.group(5), label), when, label)
    pomodoro = log.open
    if pomodoro is not None:
        ends = pomodoro.planned_end
        if ends is not None and ends <= reading.now:
            log.close(ends)
        else:
            log.outcome.skip(pomodoro.label, _("still running (no end)"))
    return log.outcome


def _event(log: _Log, name: str, args: list[str], when: datetime, label: str) -> None:
    if name in ("CreateWorkitem", "RenameWorkitem"):
        index = 2 if name == "CreateWorkitem" else 1
        if len(args) > index:
            log.names[args[0]] = args[index]
    elif name in STARTS:
        if log.open is not None:
            log.close(when)
        work = _seconds(args[1] if len(args) > 1 else "", label)
        planned = when + timedelta(seconds=work) if work else None
        log.open = _Pomodoro(label, when, planned, log.names.get(args[0] if args else ""))
    elif name == "AddInterruption":
        _interruption(log, args, when, label)
    elif name in ENDS and log.open is not None:
        log.close(when)


def _interruption(log: _Log, args: list[str], when: datetime, label: str) -> None:
    reason = args[1].strip() if len(args) > 1 else ""
    pomodoro = log.open
    if reason.lower().startswith(VOIDED):
        log.close(when)
        return
    if pomodoro is None or not pomodoro.working(when) or when < pomodoro.start:
        log.outcome.skip(label, _("an interruption outside a pomodoro's work"))
        return
    lasted = _seconds(args[2] if len(args) > 2 else "", label)
    kind = Kind.INTERNAL if "internal" in reason.lower() else Kind.EXTERNAL
    end = when + timedelta(seconds=lasted) if lasted else None
    interruption = Interruption(when, end, kind, "other", reason or None, log.reading.zone)
    pomodoro.interruptions.append(interruption)


def _within(interruption: Interruption, end: datetime) -> Interruption:
    """An interruption that outlasted the pomodoro's work ends with it."""
    if interruption.end is None or interruption.end <= end:
        return interruption
    return Interruption(
        interruption.at,
        end,
        interruption.kind,
        interruption.source,
        interruption.note,
        interruption.timezone,
    )


def _arguments(text: str, label: str) -> list[str]:
    args: list[str] = []
    position = 0
    while position < len(text.rstrip()):
        found = ARGUMENT.match(text, position)
        if found is None:
            raise ValidationError(label, _("not a Flowkeeper event"))
        args.append(re.sub(r"\\(.)", r"\1", found.group(1)))
        position = found.end()
    return args


def _when(text: str, reading: Reading, label: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(label, _("cannot read the time {0!r}").format(text)) from None
    if value.tzinfo is None:  # the log states no offset: the zone the user gives
        value = value.replace(tzinfo=load_zone(reading.zone))
    try:
        return in_range(value.astimezone(UTC), text, label)
    except (OverflowError, ValueError):
        raise ValidationError(label, _("cannot read the time {0!r}").format(text)) from None


def _seconds(text: str, label: str) -> float:
    if not text.strip():
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(label, _("{0!r} is not a number of seconds").format(text)) from None
    if not isfinite(value) or not 0 <= value <= LONGEST_S:
        raise ValidationError(label, _("{0!r} is not a number of seconds").format(text))
    return value

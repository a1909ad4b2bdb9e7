"""What a person's focus says to others: the phase, until about when, and one line to paste
into chat ("In deep focus until about 11:20 — I'll reply after.").

The tray publishes it (a file, a D-Bus object, the hooks), ``flowtally status --line`` and
``--format waybar`` print it. Its "until" is an estimate a teammate can plan around: the
planned block's end when one is set, else the median length of the person's own past
stretches that lasted at least as long as this one has (the median residual life, so a
stretch already long is not told it ended five minutes ago); with fewer than
:data:`ENOUGH_STRETCHES` such stretches it names no time rather than guess.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from tracker.i18n import _
from tracker.model import Block
from tracker.running import State
from tracker.settings import ModelParams, QuietFrom
from tracker.status import Status
from tracker.timeline import build_timeline
from tracker.types import Phase, phase_name
from tracker.units import clock_time

ENOUGH_STRETCHES = 5
"""Fewer past stretches this long than this, and the median is a guess: no time is named."""
HISTORY = timedelta(days=28)
"""How far back the past stretches are taken from: four weeks of the person's own work."""


def quiet_wanted(status: Status, quiet_from: QuietFrom) -> bool:
    """Whether banners should be off now: the running stretch has reached the chosen phase.
    An interruption, a pause or a stop ends it at once (the phase is ``NONE`` then)."""
    if quiet_from is QuietFrom.OFF or status.state is not State.RUNNING or status.interrupted:
        return False
    if quiet_from is QuietFrom.DEEP:
        return status.phase in (Phase.DEEP, Phase.FLOW)
    return status.phase is Phase.FLOW


def stretch_lengths(blocks: Iterable[Block], params: ModelParams, now: datetime) -> list[float]:
    """The lengths, in minutes, of the finished stretches of ``blocks`` (a running block's
    current stretch is still going, so it is left out)."""
    lengths: list[float] = []
    for block in blocks:
        timeline = build_timeline(block, params, now)
        current = timeline.current_stretch() if block.end is None else None
        lengths += [s.length / timedelta(minutes=1) for s in timeline.stretches if s != current]
    return sorted(lengths)


def usual_end(age: timedelta, now: datetime, past_minutes: Sequence[float]) -> datetime | None:
    """When a stretch ``age`` old usually ends, from the person's past stretch lengths."""
    reached = [m for m in past_minutes if m >= age / timedelta(minutes=1)]
    if len(reached) < ENOUGH_STRETCHES:
        return None
    return now - age + timedelta(minutes=median(reached))


@dataclass(frozen=True, slots=True)
class Availability:
    """The status others may read. ``state`` is ``idle``, ``running``, ``paused`` or
    ``interrupted``; ``minutes`` is how long that has lasted (the stretch while running)."""

    state: str
    phase: Phase
    task: str | None
    started: datetime | None
    """The block's start: which block this is."""
    until: datetime | None
    minutes: int
    progress: int
    """Percent of the way to the next phase (100 in flow)."""
    interruptions: int
    line: str
    at: datetime
    pauses: int = 0
    """The block's pauses so far: a pause that began and ended between two looks still
    shows (not published: what others read has no use for it)."""

    @property
    def changed_key(self) -> tuple[object, ...]:
        """What a status bar shows: a new line is printed when this changes."""
        return (self.state, self.phase, self.task, self.started, self.until, self.minutes,
                self.interruptions, self.line)  # fmt: skip

    def as_json(self) -> dict[str, object]:
        return {
            "state": self.state,
            "phase": self.phase.value,
            "task": self.task,
            "until": self.until.isoformat() if self.until else None,
            "minutes": self.minutes,
            "progress": self.progress,
            "interruptions": self.interruptions,
            "line": self.line,
        }

    def text(self, waybar: bool = False) -> str:
        """What ``status --line`` prints, or (``waybar``) waybar's object on one line."""
        return json.dumps(self.waybar(), ensure_ascii=False) if waybar else self.line

    def waybar(self) -> dict[str, object]:
        """The object waybar's ``custom`` module reads (``return-type: json``)."""
        kind = self.phase.value if self.state == "running" else self.state
        return {
            "text": self._short(),
            "alt": kind,
            "tooltip": self.line,
            "class": kind,
            "percentage": self.progress,
        }

    def _short(self) -> str:
        minutes = _("{minutes} min").format(minutes=self.minutes)
        if self.state == "running":
            return f"{phase_name(self.phase)} {minutes}"
        if self.state == "idle":
            return ""
        names = {"paused": _("paused"), "interrupted": _("interrupted")}
        return f"{names[self.state]} {minutes}"


def availability(
    status: Status,
    zone: ZoneInfo,
    planned_min: float = 0,
    past_minutes: Sequence[float] = (),
    params: ModelParams | None = None,
) -> Availability:
    """What ``status`` says to others, in the reader's language and ``zone``."""
    block = status.block
    count = len(block.interruptions) if block else 0
    rests = len(block.pauses) if block else 0
    task = block.task if block else None
    started = block.start if block else None
    now = status.now.astimezone(zone)  # read by people: in their own offset
    if block is None or status.state is State.IDLE:
        return Availability("idle", Phase.NONE, None, None, None, 0, 0, 0, _idle_line(), now)
    if status.state is State.PAUSED:
        since = block.open_pause.start if block.open_pause else now
        line = _("On a break; back to focus soon.")
        return Availability("paused", Phase.NONE, task, started, None, _whole(now - since), 0,
                            count, line, now, rests)  # fmt: skip
    if status.interrupted:
        since = status.interruption.at if status.interruption else now
        line = _("Interrupted just now; back to focus soon.")
        return Availability("interrupted", Phase.NONE, task, started, None,
                            _whole(now - since), 0, count, line, now, rests)  # fmt: skip
    until = _until(status, planned_min, past_minutes)
    until = until.astimezone(zone) if until else None
    shown = clock_time(until, now.date()) if until else None
    return Availability(
        "running", status.phase, task, started, until, _whole(status.stretch),
        _progress(status, params), count, _focus_line(status.phase, shown), now, rests,
    )  # fmt: skip


def _until(status: Status, planned_min: float, past_minutes: Sequence[float]) -> datetime | None:
    planned = timedelta(minutes=planned_min)
    if planned_min and status.tracked < planned:
        return status.now + (planned - status.tracked)
    return usual_end(status.stretch, status.now, past_minutes)


def _progress(status: Status, params: ModelParams | None) -> int:
    if status.next_phase_in is None or params is None:
        return 100
    span = params.ramp_up if status.phase is Phase.RAMP_UP else params.flow_after - params.ramp_up
    done = 1 - status.next_phase_in / span if span else 1
    return max(0, min(100, int(done * 100)))


def _whole(length: timedelta) -> int:
    return max(0, int(length / timedelta(minutes=1)))


def _idle_line() -> str:
    return _("Not in a focus block.")


def _focus_line(phase: Phase, until: str | None) -> str:
    if until is None:
        lines = {
            Phase.NONE: _("Getting into focus — I'll reply after."),
            Phase.RAMP_UP: _("Getting into focus — I'll reply after."),
            Phase.DEEP: _("In deep focus — I'll reply after."),
            Phase.FLOW: _("In flow — I'll reply after."),
        }
        return lines[phase]
    timed = {
        Phase.NONE: _("Focusing until about {time} — I'll reply after."),
        Phase.RAMP_UP: _("Focusing until about {time} — I'll reply after."),
        Phase.DEEP: _("In deep focus until about {time} — I'll reply after."),
        Phase.FLOW: _("In flow until about {time} — I'll reply after."),
    }
    return timed[phase].format(time=until)

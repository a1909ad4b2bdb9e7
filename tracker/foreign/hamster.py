"""Hamster's facts, from the rows of its database (``facts`` with their activity, category
and tags). A fact's times are local wall-clock times without a zone (``2026-03-02
09:00:00``): they are read in the zone the user gives (``--tz``, by default their own). A
fact without an end is the one Hamster is tracking now, and is skipped.
"""

from dataclasses import dataclass
from datetime import datetime

from tracker.errors import ValidationError
from tracker.foreign.outcome import Foreign, Reading, task_label, unrecorded
from tracker.foreign.wall_clock import on_wall_clock
from tracker.i18n import _
from tracker.interchange import Record
from tracker.settings import load_zone


@dataclass(frozen=True, slots=True)
class FactRow:
    id: int
    start: str
    end: str | None
    activity: str | None
    description: str | None
    tags: tuple[str, ...] = ()


def from_facts(facts: list[FactRow], reading: Reading) -> Foreign:
    outcome = Foreign("hamster")
    zone = load_zone(reading.zone)
    for fact in facts:
        label = f"fact {fact.id}"
        if not fact.end:
            outcome.skip(label, _("still running (no end)"))
            continue
        start = _local(fact.start, label, "start_time")
        begun = on_wall_clock(start.date(), start.time(), zone, f"{label} (start_time)")
        finish = _local(fact.end, label, "end_time")
        end = on_wall_clock(finish.date(), finish.time(), zone, f"{label} (end_time)", after=begun)
        if end <= begun:
            raise ValidationError(label, _("the entry ends before it starts"))
        tags = list(fact.tags) if reading.tags_in_task else None
        task = task_label(fact.activity, fact.description, tags)
        outcome.records.append(Record(label, unrecorded(begun, end, task, reading.zone, "hamster")))
    return outcome


def _local(text: str, label: str, column: str) -> datetime:
    try:
        value = datetime.fromisoformat(str(text).strip())
    except ValueError:
        raise ValidationError(
            f"{label} ({column})", _("cannot read the time {0!r}").format(text)
        ) from None
    return value.replace(tzinfo=None)

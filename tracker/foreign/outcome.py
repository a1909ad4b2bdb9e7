"""What reading another tool's history gives: the blocks, and what was left out and why.

Leaving out is for what is not history yet or not focus (a running entry, a break, a
pomodoro never started): it is listed, never silent. What is wrong (an impossible time, a
block in the future, two that overlap) refuses the whole file, named by its place, unless
the user asked to skip overlaps (:func:`finish`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from tracker import overlaps
from tracker.errors import ValidationError
from tracker.interchange import Record, latest_allowed, refuse_future
from tracker.model import Block, validate_block


@dataclass(frozen=True, slots=True)
class Reading:
    """How to read a file: the zone for times that state none, now (nothing may end after
    it), the order of day and month (``None``: as the file proves), tags in the task."""

    zone: str
    now: datetime
    date_order: str | None = None
    tags_in_task: bool = False
    skip_overlaps: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record left out: its place in the file (``line 14``, ``fact 12``) and why."""

    label: str
    reason: str


@dataclass(slots=True)
class Foreign:
    """The blocks read from one file of ``source`` (a :data:`tracker.import_sources.SOURCES`
    key), each named by its place, and what was left out."""

    source: str
    records: list[Record] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, label: str, reason: str) -> None:
        self.skipped.append(Skipped(label, reason))


def task_label(project: str | None, description: str | None, tags: list[str] | None) -> str | None:
    """A time tracker's entry as a task: "project: description", either alone, and the tags
    after it (``#tag``) when the user asked for them."""
    project, description = (project or "").strip(), (description or "").strip()
    parts = [f"{project}: {description}" if project and description else project or description]
    parts += [f"#{tag.strip()}" for tag in tags or () if tag.strip()]
    text = " ".join(p for p in parts if p)
    return text or None


def finish(outcome: Foreign, reading: Reading) -> Foreign:
    """Check every block as any import does (the model's rules, nothing in the future) and
    the overlaps between them: refused, or with ``skip_overlaps`` the later one left out."""
    latest = latest_allowed(reading.now)
    for record in outcome.records:
        block = record.block
        assert block.end is not None
        try:
            validate_block(block)
            refuse_future(block.end, latest, "")
        except ValidationError as exc:
            raise exc.within(record.label) from None
    records = outcome.records
    refused: overlaps.Refused | None = {} if reading.skip_overlaps else None
    overlaps.check_no_overlaps([(r.label, r.block) for r in records], refused)
    left_out = refused or {}
    for index in sorted(left_out, key=lambda i: records[i].block.start):
        outcome.skip(records[index].label, left_out[index])
    kept = [r for i, r in enumerate(records) if i not in left_out]
    outcome.records = sorted(kept, key=lambda r: r.block.start)
    return outcome


def unrecorded(start: datetime, end: datetime, task: str | None, zone: str, source: str) -> Block:
    """A time tracker's entry: a block without interruption records (``model.md``)."""
    return Block(
        start, end, task, timezone=zone, interruptions_recorded=False, imported_from=source
    )

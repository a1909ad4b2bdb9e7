"""What an import would bring, said before anything is written (``--dry-run``, and the
dashboard's import dialog, which shows the same lines).

A year of a time tracker holds thousands of breaks and the odd running entry; listing each
would bury the numbers, so what is left out is grouped by reason, with the first few
places of each.
"""

from collections import Counter
from dataclasses import dataclass

from tracker.foreign.outcome import Skipped
from tracker.i18n import _
from tracker.import_sources import SOURCES
from tracker.interchange import Record
from tracker.settings import load_zone
from tracker.units import plural

PLACES_SHOWN = 3
TASKS_SHOWN = 3


@dataclass(frozen=True, slots=True)
class Summary:
    source: str
    """A :data:`tracker.import_sources.SOURCES` key, or ``flowtally``."""
    blocks: int
    interruptions: int
    pauses: int
    unrecorded: int
    first_day: str | None
    last_day: str | None
    tasks: tuple[tuple[str, int], ...]
    """The tasks, most blocks first: name, blocks."""
    task_count: int
    skipped: tuple[Skipped, ...]
    new: int
    already_stored: int
    overlapping: tuple[Skipped, ...]


def summarise(
    source: str,
    records: list[Record],
    skipped: list[Skipped],
    new: int,
    already_stored: int,
    overlapping: list[Skipped],
) -> Summary:
    blocks = [r.block for r in records]
    days = sorted(b.start.astimezone(load_zone(b.timezone)).date().isoformat() for b in blocks)
    tasks = Counter(b.task for b in blocks if b.task)
    return Summary(
        source=source,
        blocks=len(blocks),
        interruptions=sum(len(b.interruptions) for b in blocks),
        pauses=sum(len(b.pauses) for b in blocks),
        unrecorded=sum(not b.interruptions_recorded for b in blocks),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        tasks=tuple(tasks.most_common(TASKS_SHOWN)),
        task_count=len(tasks),
        skipped=tuple(skipped),
        new=new,
        already_stored=already_stored,
        overlapping=tuple(overlapping),
    )


def summary_lines(summary: Summary) -> list[str]:
    """The summary as a person reads it, in their language."""
    tool = SOURCES.get(summary.source, "Flowtally")
    lines = [
        _("From {tool}: {blocks}, {interruptions}, {pauses}.").format(
            tool=tool,
            blocks=plural(summary.blocks, "block"),
            interruptions=plural(summary.interruptions, "interruption"),
            pauses=plural(summary.pauses, "pause"),
        )
    ]
    if summary.first_day is not None:
        lines.append(
            _("Days: {first} to {last}.").format(first=summary.first_day, last=summary.last_day)
        )
    if summary.task_count:
        shown = ", ".join(f"{name!r} ({count})" for name, count in summary.tasks)
        lines.append(
            _("Tasks: {count}, most often {shown}.").format(count=summary.task_count, shown=shown)
        )
    if summary.unrecorded:
        lines.append(
            _(
                "{blocks} without interruption records ({tool} keeps none): tracked time "
                "only, never focus or flow."
            ).format(blocks=plural(summary.unrecorded, "block"), tool=tool)
        )
    lines.append(
        _("New: {new}; already stored: {same}.").format(
            new=plural(summary.new, "block"), same=summary.already_stored
        )
    )
    return lines + left_out_lines(list(summary.overlapping), list(summary.skipped))


def left_out_lines(overlapping: list[Skipped], skipped: list[Skipped]) -> list[str]:
    """What an import leaves out, grouped by reason, with the first few places of each."""
    return [
        *_grouped(_("Left out, overlapping a stored block"), overlapping),
        *_grouped(_("Left out"), skipped),
    ]


def _grouped(title: str, skipped: list[Skipped]) -> list[str]:
    by_reason: dict[str, list[str]] = {}
    for item in skipped:
        by_reason.setdefault(item.reason, []).append(item.label)
    lines = []
    for reason, labels in by_reason.items():
        places = ", ".join(labels[:PLACES_SHOWN]) + (", …" if len(labels) > PLACES_SHOWN else "")
        lines.append(f"{title}: {len(labels)} x {reason} ({places})")
    return lines

"""Focus Timer's (gnome-pomodoro's) history, from the rows of its database.

Version 1.x keeps ``timeblocks`` (a state such as ``pomodoro`` or ``break``, a status, start
and end in microseconds since 1970, UTC; an end below zero: still going on) and their
``gaps``, whose flags mark an interruption (1) or sleep (2); 0.2x kept ``entries`` (a state's
start and the seconds it ran). Each pomodoro becomes a block; an interruption gap a lasting
interruption, any other gap a pause. Breaks are not focus and a pomodoro never started is
not history: both are listed as left out.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tracker.errors import SettingsError, ValidationError
from tracker.foreign.outcome import Foreign, Reading
from tracker.i18n import _
from tracker.interchange import Record
from tracker.model import Block, Interruption, Pause
from tracker.settings import load_zone
from tracker.timeparse import in_range
from tracker.types import Kind

POMODORO = "pomodoro"
INTERRUPTION_FLAG = 1
NOT_STARTED = ("scheduled", "planned")


@dataclass(frozen=True, slots=True)
class TimeBlockRow:
    id: int
    start_us: int
    end_us: int
    state: str
    status: str


@dataclass(frozen=True, slots=True)
class GapRow:
    start_us: int
    end_us: int
    flags: str
    time_block_id: int


@dataclass(frozen=True, slots=True)
class EntryRow:
    """A 0.2x entry: when its state started (ISO 8601) and the seconds it ran."""

    id: int
    started: str
    state: str
    elapsed_s: float


def zone_at(zones: list[tuple[int, str]], at_us: int, fallback: str) -> str:
    """The zone Focus Timer recorded as in force at ``at_us`` (its ``timezones`` table,
    ordered by time), when it is one Flowtally knows; else ``fallback``."""
    chosen = fallback
    for since, name in zones:
        if since > at_us:
            break
        chosen = name
    try:
        load_zone(chosen)
    except SettingsError:  # a name this machine's zone database lacks: the user's zone
        return fallback
    return chosen


def from_timeblocks(
    blocks: list[TimeBlockRow],
    gaps: list[GapRow],
    zones: list[tuple[int, str]],
    reading: Reading,
) -> Foreign:
    outcome = Foreign("focus-timer")
    by_block: dict[int, list[GapRow]] = {}
    for gap in gaps:
        by_block.setdefault(gap.time_block_id, []).append(gap)
    for row in sorted(blocks, key=lambda r: r.start_us):
        label = f"timeblock {row.id}"
        if row.state != POMODORO:
            outcome.skip(label, _("a break, not focus"))
        elif row.status in NOT_STARTED:
            outcome.skip(label, _("never started"))
        elif row.end_us < 0 or row.status == "in-progress":
            outcome.skip(label, _("still running (no end)"))
        else:
            zone = zone_at(zones, row.start_us, reading.zone)
            block = _block(row, by_block.get(row.id, []), zone, label)
            outcome.records.append(Record(label, block))
    return outcome


def _block(row: TimeBlockRow, gaps: list[GapRow], zone: str, label: str) -> Block:
    start, end = _instant(row.start_us, label), _instant(row.end_us, label)
    pauses: list[Pause] = []
    interruptions: list[Interruption] = []
    for gap in sorted(gaps, key=lambda g: g.start_us):
        begin = max(_instant(gap.start_us, label), start)
        until = end if gap.end_us < 0 else min(_instant(gap.end_us, label), end)
        if until <= begin:
            continue
        if _flags(gap.flags) & INTERRUPTION_FLAG:
            interruptions.append(Interruption(begin, until, Kind.EXTERNAL, "other", None, zone))
        else:
            pauses.append(Pause(begin, until, zone))
    return Block(
        start,
        end,
        None,
        tuple(pauses),
        tuple(interruptions),
        zone,
        imported_from="focus-timer",
    )


def from_entries(entries: list[EntryRow], reading: Reading) -> Foreign:
    outcome = Foreign("focus-timer")
    for row in sorted(entries, key=lambda r: r.started):
        label = f"entry {row.id}"
        if row.state != POMODORO:
            outcome.skip(label, _("a break, not focus"))
            continue
        if row.elapsed_s <= 0:
            outcome.skip(label, _("never started"))
            continue
        try:
            start = datetime.fromisoformat(row.started)
        except ValueError:
            raise ValidationError(
                label, _("cannot read the time {0!r}").format(row.started)
            ) from None
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)  # the column is documented as UTC
        start = in_range(start.astimezone(UTC), row.started, label)
        end = start + timedelta(seconds=row.elapsed_s)
        block = Block(start, end, None, timezone=reading.zone, imported_from="focus-timer")
        outcome.records.append(Record(label, block))
    return outcome


def _instant(microseconds: int, label: str) -> datetime:
    try:
        moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=microseconds)
    except OverflowError:
        raise ValidationError(label, _("a time out of range")) from None
    return in_range(moment, str(microseconds), label)


def _flags(text: str) -> int:
    """Flags as a number (``1``, ``3``) or by name (``interruption``, ``sleep``)."""
    value = str(text).strip().lower()
    if value.isdigit():
        return int(value)
    return INTERRUPTION_FLAG if "interruption" in value else 0

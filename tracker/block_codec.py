"""A block, with its pauses, interruptions and check-ins, their zones and their ids, as a JSON
document, and back: the one form every writer of a block as text uses.

The undo log keeps the block before a change (:data:`KEPT`); the journal keeps a moment the
database could not take yet (:data:`JOURNALED`: an interruption alone, with no row yet);
sync pushes a finished block with each record named by its uid (:data:`SYNCED`); the export
writes the interchange format of ``model.md`` (:data:`EXPORTED`: times in the block's zone,
nothing that is empty, no ids). A form only leaves parts out or names them otherwise; the
fields and their meaning are the same in every one, so a block cannot say one thing to the
undo log and another to sync.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from tracker.errors import ValidationError
from tracker.i18n import _
from tracker.model import Block, CheckIn, Interruption, Pause
from tracker.settings import load_zone
from tracker.timeparse import format_iso, parse_iso
from tracker.types import Kind, Phase

Record = Pause | Interruption


@dataclass(frozen=True, slots=True)
class Form:
    """What a document holds besides the block's times, task, kind, source and note."""

    ids: bool
    """Each record's row id (``id``): what the undo log and the journal restore."""
    zones: bool
    """Each record's IANA zone (``tz``)."""
    ongoing: bool
    """Whether an interruption is still going on (only a running block holds one)."""
    local: bool = False
    """Times in the block's zone (the export); otherwise in UTC."""
    compact: bool = False
    """Leave out what is empty: no task, no end, no note, no pauses (the export)."""
    zone_key: str = "tz"
    """The journal's lines have said ``zone`` since its first version: kept, so that a
    journal one version leaves is read by the next."""


KEPT = Form(ids=True, zones=True, ongoing=True)
JOURNALED = Form(ids=False, zones=True, ongoing=True, zone_key="zone")
SYNCED = Form(ids=False, zones=True, ongoing=False)
EXPORTED = Form(ids=False, zones=False, ongoing=False, local=True, compact=True)


def block_document(
    block: Block, form: Form, uid: Callable[[Record], str] | None = None
) -> dict[str, Any]:
    """``block`` as a document of ``form``; ``uid`` names each record (sync's ids)."""
    zone: tzinfo = load_zone(block.timezone) if form.local else UTC
    document: dict[str, Any] = {"start": _time(block.start, zone), "end": _time(block.end, zone)}
    document["task"] = block.task
    if form.zones:
        document[form.zone_key] = block.timezone
    document["pauses"] = [_pause(p, form, zone, uid) for p in block.pauses]
    document["interruptions"] = [
        interruption_document(i, form, zone, uid) for i in block.interruptions
    ]
    if block.checkins:  # absent, rather than empty: older readers know no such key
        document["checkins"] = [_checkin(c, form, zone) for c in block.checkins]
    if not block.interruptions_recorded:  # absent means true (``model.md``)
        document["interruptions_recorded"] = False
    if block.imported_from is not None:  # absent: recorded by Flowtally
        document["imported_from"] = block.imported_from
    return _compact(document) if form.compact else document


def interruption_document(
    interruption: Interruption,
    form: Form,
    zone: tzinfo = UTC,
    uid: Callable[[Record], str] | None = None,
) -> dict[str, Any]:
    """An interruption alone (the journal keeps one), in UTC unless ``zone`` is given."""
    document: dict[str, Any] = {
        "at": _time(interruption.at, zone),
        "end": _time(interruption.end, zone),
        "kind": interruption.kind.value,
        "source": interruption.source,
        "note": interruption.note,
    }
    if form.zones:
        document[form.zone_key] = interruption.timezone
    if form.ongoing:
        document["ongoing"] = interruption.ongoing
    return _named(document, interruption, form, uid)


def block_from_document(document: Mapping[str, Any], block_id: int | None = None) -> Block:
    """The block a document of any form describes (records without a zone take the
    block's; a document without one is in UTC)."""
    head = block_head(document, block_id)
    pauses, interruptions = records(document, head.timezone)
    return replace(
        head,
        pauses=tuple(p for p, _ in pauses),
        interruptions=tuple(i for i, _ in interruptions),
        checkins=tuple(checkins_of(document, head.timezone)),
    )


def block_head(document: Mapping[str, Any], block_id: int | None = None) -> Block:
    """The block a document describes, without its pauses and interruptions."""
    return Block(
        parse_iso(document["start"], "start"),
        _when(document.get("end"), "end"),
        document.get("task"),
        timezone=_zone(document, "UTC"),
        id=block_id,
        interruptions_recorded=document.get("interruptions_recorded", True) is not False,
        imported_from=_origin(document.get("imported_from")),
    )


def records(
    document: Mapping[str, Any], zone_name: str
) -> tuple[list[tuple[Pause, str | None]], list[tuple[Interruption, str | None]]]:
    """A document's pauses and interruptions, each with its uid (``None`` in a form that
    names records by row id or not at all), in the document's order."""
    pauses = [
        (
            Pause(
                parse_iso(p["start"], "pauses.start"),
                _when(p.get("end"), "pauses.end"),
                _zone(p, zone_name),
                p.get("id"),
            ),
            p.get("uid"),
        )
        for p in document.get("pauses", ())
    ]
    interruptions = [
        (interruption_from_document(i, zone_name), i.get("uid"))
        for i in document.get("interruptions", ())
    ]
    return pauses, interruptions


def checkins_of(document: Mapping[str, Any], zone_name: str) -> list[CheckIn]:
    """A document's check-ins (a block of an older version has none)."""
    return [
        CheckIn(
            parse_iso(c["at"], "checkins.at"),
            c.get("answer"),
            c["stretch_min"],
            Phase(c["phase"]),
            _zone(c, zone_name),
            c.get("id"),
        )
        for c in document.get("checkins", ())
    ]


def interruption_from_document(document: Mapping[str, Any], zone_name: str = "UTC") -> Interruption:
    kind = document.get("kind", Kind.EXTERNAL.value)
    if kind not in {k.value for k in Kind}:
        raise ValidationError("kind", _("{0!r} is not a kind of interruption").format(kind))
    note = document.get("note")
    return Interruption(
        parse_iso(document["at"], "at"),
        _when(document.get("end"), "end"),
        Kind(kind),
        str(document.get("source", "other")),
        str(note) if note is not None else None,
        _zone(document, zone_name),
        document.get("id"),
        document.get("ongoing") is True,
    )


def _pause(
    pause: Pause, form: Form, zone: tzinfo, uid: Callable[[Record], str] | None
) -> dict[str, Any]:
    document: dict[str, Any] = {"start": _time(pause.start, zone), "end": _time(pause.end, zone)}
    if form.zones:
        document[form.zone_key] = pause.timezone
    return _named(document, pause, form, uid)


def _checkin(checkin: CheckIn, form: Form, zone: tzinfo) -> dict[str, Any]:
    document: dict[str, Any] = {
        "at": _time(checkin.at, zone),
        "answer": checkin.answer,
        "stretch_min": checkin.stretch_min,
        "phase": checkin.phase.value,
    }
    if form.zones:
        document[form.zone_key] = checkin.timezone
    if form.ids:
        document["id"] = checkin.id
    return _compact(document) if form.compact else document


def _named(
    document: dict[str, Any], record: Record, form: Form, uid: Callable[[Record], str] | None
) -> dict[str, Any]:
    if uid is not None:
        document["uid"] = uid(record)
    if form.ids:
        document["id"] = record.id
    return _compact(document) if form.compact else document


def _time(value: datetime | None, zone: tzinfo) -> str | None:
    """UTC as Python writes it (what every version of sync wrote), or the local time with
    its offset, to the second when that is exact (the export)."""
    if value is None:
        return None
    if isinstance(zone, ZoneInfo):
        return format_iso(value, zone)
    return value.astimezone(UTC).isoformat()


def _zone(document: Mapping[str, Any], default: str) -> str:
    return str(document.get("tz") or document.get("zone") or default)


def _when(value: object, path: str) -> datetime | None:
    return parse_iso(value, path) if value is not None else None


def _origin(value: object) -> str | None:
    """A tool's key as a document names it; what no version wrote is read as none."""
    return value if isinstance(value, str) and value else None


def _compact(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if value not in (None, [])}

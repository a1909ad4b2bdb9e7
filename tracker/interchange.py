"""The JSON interchange format (``flowtally/1``); its CSV twin is :mod:`tracker.interchange_csv`.

Parsing is all-or-nothing: the first invalid record raises :class:`ValidationError` naming its
position (``blocks[3].interruptions[1].at`` in JSON, ``line 14 (end)`` in CSV). Unknown JSON
fields are refused rather than dropped, so a misspelt ``interuptions`` loses nothing silently.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker import clock, overlaps
from tracker.block_codec import EXPORTED, block_document
from tracker.errors import ValidationError
from tracker.i18n import _
from tracker.import_sources import checked_source
from tracker.model import (
    Block,
    CheckIn,
    Interruption,
    Pause,
    validate_block_times,
    validate_checkin,
    validate_interruption,
    validate_pause,
)
from tracker.timeparse import FUTURE_TOLERANCE, parse_iso
from tracker.types import KINDS, Kind, Phase

FORMAT = "flowtally/1"
_BLOCK_KEYS = {
    *("start", "end", "task", "pauses", "interruptions", "checkins"),
    *("interruptions_recorded", "imported_from"),
}
_PAUSE_KEYS = {"start", "end"}
_INTERRUPTION_KEYS = {"at", "end", "kind", "source", "note"}
_CHECKIN_KEYS = {"at", "answer", "stretch_min", "phase"}
PHASE_VALUES = {phase.value: phase for phase in (Phase.RAMP_UP, Phase.DEEP, Phase.FLOW)}


@dataclass(frozen=True, slots=True)
class Record:
    """A parsed block and where it stands in its file (``blocks[3]`` or ``line 14``)."""

    label: str
    block: Block


# ---------------------------------------------------------------- JSON


def latest_allowed(now: datetime | None) -> datetime:
    return (now or clock.now()) + FUTURE_TOLERANCE


def refuse_future(end: datetime, latest: datetime, path: str) -> None:
    """As for ``--at``: a block cannot end later than now. One dated 2030 would otherwise
    refuse every ``start`` until 2030 as overlapping it."""
    if end > latest:
        raise ValidationError(
            path, _("the block ends in the future; only past blocks can be imported")
        )


def parse_json(text: str, zone_name: str, now: datetime | None = None) -> list[Record]:
    """Blocks from a ``flowtally/1`` document; imported blocks are recorded in ``zone_name``.
    ``now`` (default: the clock) bounds them: no block may end in the future."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ValidationError(where, _("not valid JSON: {0}").format(exc.msg)) from None
    except RecursionError:
        raise ValidationError("", _("the file is nested too deeply to be an export")) from None
    if not isinstance(doc, dict):
        raise ValidationError("", _("the file must hold a JSON object with 'format' and 'blocks'"))
    if doc.get("format") != FORMAT:
        raise ValidationError(
            "format", _("expected {0!r}, got {1!r}").format(FORMAT, doc.get("format"))
        )
    unknown = set(doc) - {"format", "blocks"}
    if unknown:
        raise ValidationError(sorted(unknown)[0], _("unknown field"))
    raw_blocks = doc.get("blocks")
    if not isinstance(raw_blocks, list):
        raise ValidationError("blocks", _("expected a list of blocks"))
    records = []
    latest = latest_allowed(now)
    for index, raw in enumerate(raw_blocks):
        label = f"blocks[{index}]"
        try:
            records.append(Record(label, _build_json_block(raw, zone_name, latest)))
        except ValidationError as exc:
            raise exc.within(label) from None
    check_no_overlaps(records)
    return records


def _object(raw: object, allowed: set[str], what: str, path: str = "") -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValidationError(path, _("expected {0} as a JSON object").format(what))
    if not allowed.issuperset(raw):
        name = sorted(set(raw) - allowed)[0]
        raise ValidationError(f"{path}.{name}" if path else name, _("unknown field"))
    return raw


def _optional_text(raw: dict[str, Any], key: str, path: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{path}.{key}" if path else key, _("expected text"))
    return value or None


def _list(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(key, _("expected a list"))
    return value


def _build_json_block(raw: object, zone_name: str, latest: datetime) -> Block:
    obj = _object(raw, _BLOCK_KEYS, "a block")
    if "start" not in obj:
        raise ValidationError("start", _("missing"))
    if "end" not in obj or obj["end"] is None:
        raise ValidationError("end", _("missing: only finished blocks can be imported"))
    shell = Block(
        start=parse_iso(obj["start"], "start"),
        end=parse_iso(obj["end"], "end"),
        task=_optional_text(obj, "task", ""),
        timezone=zone_name,
    )
    validate_block_times(shell)
    assert shell.end is not None
    refuse_future(shell.end, latest, "end")
    pauses = []
    for index, raw_pause in enumerate(_list(obj, "pauses")):
        try:
            pauses.append(_json_pause(raw_pause, shell, zone_name))
        except ValidationError as exc:  # the place is written out only for an error
            raise exc.within(f"pauses[{index}]") from None
    interruptions = []
    for index, raw_int in enumerate(_list(obj, "interruptions")):
        try:
            interruptions.append(_json_interruption(raw_int, shell, zone_name))
        except ValidationError as exc:
            raise exc.within(f"interruptions[{index}]") from None
    checkins = []
    for index, raw_checkin in enumerate(_list(obj, "checkins")):
        try:
            c = _object(raw_checkin, _CHECKIN_KEYS, "a check-in")
            if c.get("at") is None:
                raise ValidationError("at", _("missing"))
            at = parse_iso(c["at"], "at")
            checkin = checkin_from(at, c.get("answer"), c.get("stretch_min"), c.get("phase"))
            checkins.append(checked_checkin(shell, checkin, zone_name))
        except ValidationError as exc:
            raise exc.within(f"checkins[{index}]") from None
    recorded = obj.get("interruptions_recorded", True)
    if not isinstance(recorded, bool):
        raise ValidationError("interruptions_recorded", _("expected true or false"))
    if not recorded and interruptions:
        raise ValidationError(
            "interruptions", _("a block without interruption records holds no interruptions")
        )
    return Block(
        shell.start,
        shell.end,
        shell.task,
        tuple(pauses),
        tuple(interruptions),
        zone_name,
        checkins=tuple(checkins),
        interruptions_recorded=recorded,
        imported_from=checked_source(obj.get("imported_from"), "imported_from"),
    )


def checkin_from(at: datetime, answer: object, stretch_min: object, phase: object) -> CheckIn:
    """A check-in from a file's values (the block's zone is given it by :func:`checked_checkin`)."""
    if answer is not None and (type(answer) is not int or not 1 <= answer <= 5):
        raise ValidationError("answer", _("an answer is a whole number from 1 to 5"))
    if isinstance(stretch_min, bool) or not isinstance(stretch_min, int | float):
        raise ValidationError("stretch_min", _("expected a number of minutes"))
    found = PHASE_VALUES.get(phase) if isinstance(phase, str) else None
    if found is None:
        raise ValidationError("phase", _("the phase is ramp-up, deep or flow"))
    return CheckIn(at, answer, stretch_min, found)


def checked_checkin(block: Block, checkin: CheckIn, zone_name: str) -> CheckIn:
    validate_checkin(block, checkin)
    return CheckIn(checkin.at, checkin.answer, checkin.stretch_min, checkin.phase, zone_name)


def _json_pause(raw: object, block: Block, zone_name: str) -> Pause:
    p = _object(raw, _PAUSE_KEYS, "a pause")
    for key in ("start", "end"):
        if p.get(key) is None:
            raise ValidationError(key, _("missing"))
    pause = Pause(parse_iso(p["start"], "start"), parse_iso(p["end"], "end"), zone_name)
    validate_pause(block, pause)
    return pause


def _json_interruption(raw: object, block: Block, zone_name: str) -> Interruption:
    r = _object(raw, _INTERRUPTION_KEYS, "an interruption")
    if r.get("at") is None:
        raise ValidationError("at", _("missing"))
    end = r.get("end")
    interruption = Interruption(
        parse_iso(r["at"], "at"),
        None if end is None else parse_iso(end, "end"),
        parse_kind(r.get("kind"), "kind"),
        parse_source(r.get("source"), "source"),
        _optional_text(r, "note", ""),
        zone_name,
    )
    validate_interruption(block, interruption)
    return interruption


def parse_kind(value: object, path: str) -> Kind:
    if value is None or value == "":
        return Kind.EXTERNAL
    kind = KINDS.get(value if isinstance(value, str) else str(value))
    if kind is None:
        raise ValidationError(
            path, _("kind must be 'internal' or 'external', not {0!r}").format(value)
        )
    return kind


def parse_source(value: object, path: str) -> str:
    if value is None or value == "":
        return "other"
    if not isinstance(value, str):
        raise ValidationError(path, _("expected text"))
    return value.strip()


def check_no_overlaps(records: list[Record]) -> None:
    """Refuse a file whose blocks overlap one another."""
    overlaps.check_no_overlaps([(r.label, r.block) for r in records])


def to_json(blocks: Iterable[Block]) -> str:
    """A ``flowtally/1`` document; times are written in the zone each block was recorded in."""
    return (
        json.dumps(
            {"format": FORMAT, "blocks": [block_json(b) for b in blocks]},
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )


def block_json(block: Block) -> dict[str, Any]:
    """A finished block as the interchange format writes it (:data:`EXPORTED`)."""
    if block.end is None:
        raise ValueError("a running block cannot be exported")
    if any(p.end is None for p in block.pauses):
        raise ValueError("an open pause cannot be exported")
    return block_document(block, EXPORTED)

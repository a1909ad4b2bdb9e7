"""The JSON interchange format (``flowtally/1``) and its CSV twin.

Parsing is all-or-nothing: the first invalid record raises :class:`ValidationError` naming its
position (``blocks[3].interruptions[1].at`` in JSON, ``line 14 (end)`` in CSV). Unknown JSON
fields are refused rather than dropped, so a misspelt ``interuptions`` loses nothing silently.
"""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tracker import overlaps
from tracker.errors import ValidationError
from tracker.model import (
    Block,
    Interruption,
    Pause,
    validate_block_times,
    validate_interruption,
    validate_pause,
)
from tracker.settings import load_zone
from tracker.timeparse import format_iso, parse_iso
from tracker.types import Kind

FORMAT = "flowtally/1"
CSV_COLUMNS: tuple[str, ...] = (
    "record",
    "block_start",
    "block_end",
    "task",
    "start",
    "end",
    "kind",
    "source",
    "note",
)
_BLOCK_KEYS = {"start", "end", "task", "pauses", "interruptions"}
_PAUSE_KEYS = {"start", "end"}
_INTERRUPTION_KEYS = {"at", "end", "kind", "source", "note"}
FUTURE_TOLERANCE = timedelta(minutes=1)
"""As for ``--at``: a block cannot end later than now (a minute's grace for clock skew). One
dated 2030 would otherwise refuse every ``start`` until 2030 as overlapping it."""


@dataclass(frozen=True, slots=True)
class Record:
    """A parsed block and where it stands in its file (``blocks[3]`` or ``line 14``)."""

    label: str
    block: Block


# ---------------------------------------------------------------- JSON


def _latest(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)) + FUTURE_TOLERANCE


def _not_future(end: datetime, latest: datetime, path: str) -> None:
    if end > latest:
        raise ValidationError(
            path, "the block ends in the future; only past blocks can be imported"
        )


def parse_json(text: str, zone_name: str, now: datetime | None = None) -> list[Record]:
    """Blocks from a ``flowtally/1`` document; imported blocks are recorded in ``zone_name``.
    ``now`` (default: the clock) bounds them: no block may end in the future."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ValidationError(where, f"not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise ValidationError("", "the file is nested too deeply to be an export") from None
    if not isinstance(doc, dict):
        raise ValidationError("", "the file must hold a JSON object with 'format' and 'blocks'")
    if doc.get("format") != FORMAT:
        raise ValidationError("format", f"expected {FORMAT!r}, got {doc.get('format')!r}")
    unknown = set(doc) - {"format", "blocks"}
    if unknown:
        raise ValidationError(sorted(unknown)[0], "unknown field")
    raw_blocks = doc.get("blocks")
    if not isinstance(raw_blocks, list):
        raise ValidationError("blocks", "expected a list of blocks")
    records = []
    latest = _latest(now)
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
        raise ValidationError(path, f"expected {what} as a JSON object")
    unknown = set(raw) - allowed
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(f"{path}.{name}" if path else name, "unknown field")
    return raw


def _optional_text(raw: dict[str, Any], key: str, path: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"{path}.{key}" if path else key, "expected text")
    return value or None


def _list(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(key, "expected a list")
    return value


def _build_json_block(raw: object, zone_name: str, latest: datetime) -> Block:
    obj = _object(raw, _BLOCK_KEYS, "a block")
    if "start" not in obj:
        raise ValidationError("start", "missing")
    if "end" not in obj or obj["end"] is None:
        raise ValidationError("end", "missing: only finished blocks can be imported")
    shell = Block(
        start=parse_iso(obj["start"], "start"),
        end=parse_iso(obj["end"], "end"),
        task=_optional_text(obj, "task", ""),
        timezone=zone_name,
    )
    validate_block_times(shell)
    assert shell.end is not None
    _not_future(shell.end, latest, "end")
    pauses = []
    for index, raw_pause in enumerate(_list(obj, "pauses")):
        path = f"pauses[{index}]"
        p = _object(raw_pause, _PAUSE_KEYS, "a pause", path)
        for key in ("start", "end"):
            if p.get(key) is None:
                raise ValidationError(f"{path}.{key}", "missing")
        start, end = parse_iso(p["start"], f"{path}.start"), parse_iso(p["end"], f"{path}.end")
        pause = Pause(start, end, zone_name)
        validate_pause(shell, pause, path)
        pauses.append(pause)
    interruptions = []
    for index, raw_int in enumerate(_list(obj, "interruptions")):
        path = f"interruptions[{index}]"
        r = _object(raw_int, _INTERRUPTION_KEYS, "an interruption", path)
        if r.get("at") is None:
            raise ValidationError(f"{path}.at", "missing")
        interruption = Interruption(
            at=parse_iso(r["at"], f"{path}.at"),
            end=parse_iso(r["end"], f"{path}.end") if r.get("end") is not None else None,
            kind=parse_kind(r.get("kind"), f"{path}.kind"),
            source=_source(r.get("source"), f"{path}.source"),
            note=_optional_text(r, "note", path),
            timezone=zone_name,
        )
        validate_interruption(shell, interruption, path)
        interruptions.append(interruption)
    return Block(shell.start, shell.end, shell.task, tuple(pauses), tuple(interruptions), zone_name)


def parse_kind(value: object, path: str) -> Kind:
    if value is None or value == "":
        return Kind.EXTERNAL
    try:
        return Kind(str(value))
    except ValueError:
        raise ValidationError(
            path, f"kind must be 'internal' or 'external', not {value!r}"
        ) from None


def _source(value: object, path: str) -> str:
    if value is None or value == "":
        return "other"
    if not isinstance(value, str):
        raise ValidationError(path, "expected text")
    return value.strip()


def check_no_overlaps(records: list[Record]) -> None:
    """Refuse a file whose blocks overlap one another."""
    overlaps.check_no_overlaps([(r.label, r.block) for r in records])


def to_json(blocks: Iterable[Block]) -> str:
    """A ``flowtally/1`` document; times are written in the zone each block was recorded in."""
    return (
        json.dumps(
            {"format": FORMAT, "blocks": [_block_json(b) for b in blocks]},
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )


def _block_json(block: Block) -> dict[str, Any]:
    if block.end is None:
        raise ValueError("a running block cannot be exported")
    zone = load_zone(block.timezone)
    out: dict[str, Any] = {
        "start": format_iso(block.start, zone),
        "end": format_iso(block.end, zone),
    }
    if block.task is not None:
        out["task"] = block.task
    if block.pauses:
        out["pauses"] = [
            {"start": format_iso(p.start, zone), "end": format_iso(_closed(p.end), zone)}
            for p in block.pauses
        ]
    if block.interruptions:
        out["interruptions"] = [_interruption_json(i, zone) for i in block.interruptions]
    return out


def _closed(end: datetime | None) -> datetime:
    if end is None:
        raise ValueError("an open pause cannot be exported")
    return end


def _interruption_json(interruption: Interruption, zone: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"at": format_iso(interruption.at, zone)}
    if interruption.end is not None:
        out["end"] = format_iso(interruption.end, zone)
    out["kind"] = interruption.kind.value
    out["source"] = interruption.source
    if interruption.note is not None:
        out["note"] = interruption.note
    return out


# ---------------------------------------------------------------- CSV


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_guard(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (OWASP's CSV-injection list), or
    it is such a text already guarded: those need a further quote to survive a round trip."""
    return text.startswith(_FORMULA_STARTS) or (text.startswith("'") and _needs_guard(text[1:]))


def guard_cell(text: str) -> str:
    """A user's text as a CSV cell that a spreadsheet shows as text, never runs: a leading
    quote before ``=``, ``+``, ``-``, ``@``, tab or carriage return."""
    return "'" + text if _needs_guard(text) else text


def unguard_cell(text: str) -> str:
    """The inverse of :func:`guard_cell`, so an export imported again keeps the text as typed."""
    return text[1:] if text.startswith("'") and _needs_guard(text[1:]) else text


def to_csv(blocks: Iterable[Block]) -> str:
    """One row per block, pause and interruption; children name their block by its start.
    Text a spreadsheet would take for a formula is guarded (:func:`guard_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for block in blocks:
        data = _block_json(block)
        start, end = data["start"], data["end"]
        task = guard_cell(block.task or "")
        writer.writerow(["block", start, end, task, "", "", "", "", ""])
        for p in data.get("pauses", []):
            writer.writerow(["pause", start, "", "", p["start"], p["end"], "", "", ""])
        for i in data.get("interruptions", []):
            writer.writerow(
                [
                    "interruption",
                    start,
                    "",
                    "",
                    i["at"],
                    i.get("end", ""),
                    i["kind"],
                    guard_cell(i["source"]),
                    guard_cell(i.get("note", "")),
                ]
            )
    return buffer.getvalue()


@dataclass
class _CsvBlock:
    shell: Block
    line: int
    pauses: list[Pause] = field(default_factory=list)
    interruptions: list[Interruption] = field(default_factory=list)


def parse_csv(text: str, zone_name: str, now: datetime | None = None) -> list[Record]:
    """Blocks from the CSV that :func:`to_csv` writes; rows may come in any order. ``now``
    bounds them as in :func:`parse_json`."""
    latest = _latest(now)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("line 1", "the file is empty") from None
    except csv.Error as exc:
        raise ValidationError("line 1", f"not valid CSV: {exc}") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if tuple(header) != CSV_COLUMNS:
        raise ValidationError("line 1", f"expected the columns {','.join(CSV_COLUMNS)}")
    blocks: dict[datetime, _CsvBlock] = {}
    children: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(CSV_COLUMNS):
                raise ValidationError(
                    f"line {line}", f"expected {len(CSV_COLUMNS)} columns, found {len(row)}"
                )
            record = dict(zip(CSV_COLUMNS, (c.strip() for c in row), strict=True))
            if record["record"] == "block":
                _csv_block(record, line, zone_name, blocks, latest)
            elif record["record"] in ("pause", "interruption"):
                children.append((line, record))
            else:
                raise ValidationError(
                    f"line {line} (record)",
                    f"expected block, pause or interruption, not {record['record']!r}",
                )
    except csv.Error as exc:
        raise ValidationError(f"line {reader.line_num}", f"not valid CSV: {exc}") from None
    for line, record in children:
        _csv_child(record, line, zone_name, blocks)
    records = [
        Record(
            f"line {b.line}",
            Block(
                b.shell.start,
                b.shell.end,
                b.shell.task,
                tuple(b.pauses),
                tuple(b.interruptions),
                zone_name,
            ),
        )
        for b in blocks.values()
    ]
    check_no_overlaps(records)
    return records


def _at(line: int, column: str) -> str:
    return f"line {line} ({column})"


def _csv_time(record: dict[str, str], column: str, line: int) -> datetime:
    if not record[column]:
        raise ValidationError(_at(line, column), "missing")
    return parse_iso(record[column], _at(line, column))


def _csv_block(
    record: dict[str, str],
    line: int,
    zone_name: str,
    blocks: dict[datetime, _CsvBlock],
    latest: datetime,
) -> None:
    shell = Block(
        _csv_time(record, "block_start", line),
        _csv_time(record, "block_end", line),
        unguard_cell(record["task"]) or None,
        timezone=zone_name,
    )
    try:
        validate_block_times(shell)
    except ValidationError as exc:
        raise ValidationError(_at(line, "block_" + exc.path), exc.reason) from None
    assert shell.end is not None
    _not_future(shell.end, latest, _at(line, "block_end"))
    if shell.start in blocks:
        raise ValidationError(
            f"line {line}",
            f"another block starting at {record['block_start']} is on line "
            f"{blocks[shell.start].line}",
        )
    blocks[shell.start] = _CsvBlock(shell, line)


def _csv_child(
    record: dict[str, str], line: int, zone_name: str, blocks: dict[datetime, _CsvBlock]
) -> None:
    owner = blocks.get(_csv_time(record, "block_start", line))
    if owner is None:
        raise ValidationError(_at(line, "block_start"), "no block row starts at this time")
    try:
        if record["record"] == "pause":
            start, end = _csv_time(record, "start", line), _csv_time(record, "end", line)
            pause = Pause(start, end, zone_name)
            validate_pause(owner.shell, pause)
            owner.pauses.append(pause)
        else:
            interruption = Interruption(
                at=_csv_time(record, "start", line),
                end=_csv_time(record, "end", line) if record["end"] else None,
                kind=parse_kind(record["kind"], "kind"),
                source=_source(unguard_cell(record["source"]), "source"),
                note=unguard_cell(record["note"]) or None,
                timezone=zone_name,
            )
            validate_interruption(owner.shell, interruption)
            owner.interruptions.append(interruption)
    except ValidationError as exc:
        if exc.path.startswith("line "):
            raise
        column = {"at": "start"}.get(exc.path, exc.path)
        raise ValidationError(_at(line, column) if column else f"line {line}", exc.reason) from None

"""The CSV twin of the interchange format: one row per block, pause, interruption and
check-in.

Parsing is all-or-nothing like the JSON's: the first invalid row raises
:class:`~tracker.errors.ValidationError` naming its line and column (``line 14 (end)``).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from tracker.errors import ValidationError
from tracker.i18n import _
from tracker.import_sources import checked_source
from tracker.interchange import (
    Record,
    block_json,
    check_no_overlaps,
    checked_checkin,
    checkin_from,
    latest_allowed,
    parse_kind,
    parse_source,
    refuse_future,
)
from tracker.model import (
    Block,
    CheckIn,
    Interruption,
    Pause,
    validate_block_times,
    validate_interruption,
    validate_pause,
)
from tracker.timeparse import parse_iso

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
    "answer",
    "stretch_min",
    "phase",
    "interruptions_recorded",
    "imported_from",
)
FIRST_COLUMNS = CSV_COLUMNS[:9]
"""The columns before check-ins (#28), unrecorded blocks and imports from other tools (#29):
a file written with them (or with the later ones up to any of these) is still read."""
EARLIER_WIDTHS = (9, 12, 13)


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
        data = block_json(block)
        start, end = data["start"], data["end"]
        task = guard_cell(block.task or "")
        recorded = "" if block.interruptions_recorded else "false"
        origin = block.imported_from or ""
        writer.writerow(["block", start, end, task, *[""] * 8, recorded, origin])
        for p in data.get("pauses", []):
            writer.writerow(["pause", start, "", "", p["start"], p["end"], *[""] * 8])
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
                    *("", "", "", "", ""),
                ]
            )
        for c in data.get("checkins", []):
            answer, age = c.get("answer", ""), c["stretch_min"]
            cells = [c["at"], *[""] * 4, answer, age, c["phase"], "", ""]
            writer.writerow(["checkin", start, "", "", *cells])
    return buffer.getvalue()


@dataclass
class _CsvBlock:
    shell: Block
    line: int
    pauses: list[Pause] = field(default_factory=list)
    interruptions: list[Interruption] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)


def parse_csv(text: str, zone_name: str, now: datetime | None = None) -> list[Record]:
    """Blocks from the CSV that :func:`to_csv` writes; rows may come in any order. ``now``
    bounds them as in :func:`parse_json`."""
    latest = latest_allowed(now)
    reader = csv.reader(io.StringIO(text))
    width = _header_width(reader)
    blocks: dict[datetime, _CsvBlock] = {}
    children: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                raise ValidationError(
                    f"line {line}",
                    _("expected {0} columns, found {1}").format(width, len(row)),
                )
            cells = [c.strip() for c in row] + [""] * (len(CSV_COLUMNS) - width)
            record = dict(zip(CSV_COLUMNS, cells, strict=True))
            if record["record"] == "block":
                _csv_block(record, line, zone_name, blocks, latest)
            elif record["record"] in ("pause", "interruption", "checkin"):
                children.append((line, record))
            else:
                raise ValidationError(
                    f"line {line} (record)",
                    _("expected block, pause, interruption or checkin, not {0!r}").format(
                        record["record"]
                    ),
                )
    except csv.Error as exc:
        raise ValidationError(
            f"line {reader.line_num}", _("not valid CSV: {0}").format(exc)
        ) from None
    for line, record in children:
        _csv_child(record, line, zone_name, blocks)
    records = [
        Record(
            f"line {b.line}",
            replace(
                b.shell,
                pauses=tuple(b.pauses),
                interruptions=tuple(b.interruptions),
                checkins=tuple(b.checkins),
            ),
        )
        for b in blocks.values()
    ]
    check_no_overlaps(records)
    return records


def _header_width(reader: Iterator[list[str]]) -> int:
    """How many columns the file has: all of :data:`CSV_COLUMNS`, or as many as an earlier
    version wrote (9 before check-ins, 12 before unrecorded blocks, 13 before imports)."""
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("line 1", _("the file is empty")) from None
    except csv.Error as exc:
        raise ValidationError("line 1", _("not valid CSV: {0}").format(exc)) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if (
        len(header) not in (*EARLIER_WIDTHS, len(CSV_COLUMNS))
        or tuple(header) != CSV_COLUMNS[: len(header)]
    ):
        raise ValidationError("line 1", _("expected the columns {0}").format(",".join(CSV_COLUMNS)))
    return len(header)


def _at(line: int, column: str) -> str:
    return f"line {line} ({column})"


def _csv_time(record: dict[str, str], column: str, line: int) -> datetime:
    if not record[column]:
        raise ValidationError(_at(line, column), _("missing"))
    return parse_iso(record[column], _at(line, column))


def _csv_block(
    record: dict[str, str],
    line: int,
    zone_name: str,
    blocks: dict[datetime, _CsvBlock],
    latest: datetime,
) -> None:
    flag = record["interruptions_recorded"].lower()
    if flag not in ("", "true", "false"):
        raise ValidationError(_at(line, "interruptions_recorded"), _("expected true or false"))
    shell = Block(
        _csv_time(record, "block_start", line),
        _csv_time(record, "block_end", line),
        unguard_cell(record["task"]) or None,
        timezone=zone_name,
        interruptions_recorded=flag != "false",
        imported_from=checked_source(record["imported_from"], _at(line, "imported_from")),
    )
    try:
        validate_block_times(shell)
    except ValidationError as exc:
        raise ValidationError(_at(line, "block_" + exc.path), exc.reason) from None
    assert shell.end is not None
    refuse_future(shell.end, latest, _at(line, "block_end"))
    if shell.start in blocks:
        raise ValidationError(
            f"line {line}",
            _("another block starting at {0} is on line {1}").format(
                record["block_start"], blocks[shell.start].line
            ),
        )
    blocks[shell.start] = _CsvBlock(shell, line)


def _csv_child(
    record: dict[str, str], line: int, zone_name: str, blocks: dict[datetime, _CsvBlock]
) -> None:
    owner = blocks.get(_csv_time(record, "block_start", line))
    if owner is None:
        raise ValidationError(_at(line, "block_start"), _("no block row starts at this time"))
    try:
        if record["record"] == "pause":
            start, end = _csv_time(record, "start", line), _csv_time(record, "end", line)
            pause = Pause(start, end, zone_name)
            validate_pause(owner.shell, pause)
            owner.pauses.append(pause)
        elif record["record"] == "checkin":
            owner.checkins.append(_csv_checkin(record, line, owner.shell, zone_name))
        elif not owner.shell.interruptions_recorded:
            raise ValidationError(
                f"line {line}", _("a block without interruption records holds no interruptions")
            )
        else:
            interruption = Interruption(
                at=_csv_time(record, "start", line),
                end=_csv_time(record, "end", line) if record["end"] else None,
                kind=parse_kind(record["kind"], "kind"),
                source=parse_source(unguard_cell(record["source"]), "source"),
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


def _csv_checkin(record: dict[str, str], line: int, block: Block, zone_name: str) -> CheckIn:
    at = _csv_time(record, "start", line)
    values: dict[str, object] = {}
    for column, kind in (("answer", int), ("stretch_min", float)):
        text = record[column]
        try:
            values[column] = kind(text) if text else None
        except ValueError:
            raise ValidationError(_at(line, column), _("expected a number")) from None
    if values["stretch_min"] is None:
        raise ValidationError(_at(line, "stretch_min"), _("missing"))
    checkin = checkin_from(at, values["answer"], values["stretch_min"], record["phase"])
    return checked_checkin(block, checkin, zone_name)

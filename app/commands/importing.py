"""``import``: history into the store, from a Flowtally export or from another tool.

The file's kind is recognised from its content (a SQLite database's tables, a CSV's header,
a Flowkeeper log's first event, a JSON document), or given with ``--from``. Every kind then
obeys the same rules: all or nothing, each refusal naming its record, nothing in the
future, no overlaps (or, with ``--skip-overlaps``, overlaps left out and listed), and a
second import of the same file adding nothing. ``--dry-run`` says what would happen and
writes nothing; the dashboard's import dialog shows the same summary first
(:func:`plan_import`).
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.collector import held_back
from app.commands.context import Context
from app.commands.import_memo import ImportMemo
from app.language import requests as rq
from app.version import app_version
from data.importing import ImportResult, Progress
from data.store import Store
from tracker.errors import FlowtallyError, ValidationError
from tracker.foreign.outcome import Foreign, Reading, Skipped, finish
from tracker.foreign.summary import Summary, left_out_lines, summarise, summary_lines
from tracker.i18n import _, os_reason
from tracker.import_sources import IMPORT_KINDS
from tracker.units import plural

PROGRESS_MIN_BLOCKS = 500
MAX_IMPORT_BYTES = 100 * 1024 * 1024
"""Parsing holds about ten times a file's size in memory; five years of dense history is
31 MB, so a larger file is refused at once instead of exhausting the machine's memory. A
database is read row by row and has no such limit."""
HEAD_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class Planned:
    """A file read and checked against the store, nothing written yet."""

    path: Path
    foreign: Foreign
    summary: Summary
    reading: Reading


def import_(ctx: Context, args: rq.Import) -> int:
    path = Path(args.file)
    reading = Reading(
        zone=ctx.zone_name,  # the zone the command runs in: --tz, or the user's
        now=ctx.now,
        date_order=args.date_format,
        tags_in_task=args.tags_in_task,
        skip_overlaps=args.skip_overlaps,
    )
    source = args.source or recognise(path)
    if source == "flowtally" and not (args.dry_run or args.skip_overlaps):
        return _flowtally_export(ctx, path, args.format, reading)
    with held_back():
        planned = plan_import(ctx.store, path, source, reading, args.format)
        if args.dry_run:
            print("\n".join(summary_lines(planned.summary)), file=ctx.out)
            print(_("Nothing was written (--dry-run)."), file=ctx.out)
            return 0
        result = commit(ctx.store, planned, _progress(ctx, len(planned.foreign.records)))
    _said(ctx, path, result, planned.foreign.skipped)
    return 0


def plan_import(
    store: Store, path: Path, source: str, reading: Reading, fmt: str | None = None
) -> Planned:
    """Read ``path`` as ``source`` and work out what importing it would do."""
    foreign = read_history(path, source, reading, fmt)
    result = _into(store, path, foreign, reading, dry_run=True)
    summary = summarise(
        source,
        foreign.records,
        foreign.skipped,
        result.added,
        result.skipped,
        [Skipped(label, why) for label, why in result.overlapping],
    )
    return Planned(path, foreign, summary, reading)


def commit(store: Store, planned: Planned, progress: Progress | None = None) -> ImportResult:
    """Write what :func:`plan_import` found (checked again: the store may have changed)."""
    return _into(store, planned.path, planned.foreign, planned.reading, progress=progress)


def read_history(
    path: Path, source: str, reading: Reading, fmt: str | None = None, text: str | None = None
) -> Foreign:
    """The blocks of a file of ``source``, checked on their own (not yet against the store);
    ``text``: the file's text, when it has been read already."""
    try:
        if source in ("focus-timer", "hamster"):
            from data.foreign_databases import read_database

            outcome = read_database(path, source, reading)
        else:
            read = text if text is not None else read_text(path)
            outcome = _parse_text(path, read, source, reading, fmt)
        return finish(outcome, reading)
    except ValidationError as exc:
        raise FlowtallyError(_("{0}: {1}; nothing was imported").format(path, exc)) from None


def recognise(path: Path) -> str:
    """The kind of file ``path`` is, from its first bytes (and a database's tables)."""
    head = _head(path)
    from data.foreign_databases import database_source, is_sqlite

    if is_sqlite(head):
        found = database_source(path)
    else:
        found = _text_kind(head.decode("utf-8", errors="replace").lstrip("\ufeff"))
    if found is None:
        raise FlowtallyError(
            _("{0}: cannot tell which tool this file is from; give --from with one of {1}").format(
                path, ", ".join(IMPORT_KINDS)
            )
        )
    return found


def read_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:  # a device or a pipe says nothing of its size: read
            size = os.fstat(handle.fileno()).st_size
            raw = b"" if size > MAX_IMPORT_BYTES else handle.read(MAX_IMPORT_BYTES + 1)
            size = max(size, len(raw))
    except OSError as exc:
        raise FlowtallyError(_("cannot read {0}: {1}").format(path, os_reason(exc))) from None
    if size > MAX_IMPORT_BYTES:
        raise FlowtallyError(
            _(
                "{0} is over {1} MB; an import takes at most {1} MB at once: split the file; "
                "nothing was imported"
            ).format(path, MAX_IMPORT_BYTES // 1024**2)
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FlowtallyError(_("{0}: not UTF-8 text (byte {1})").format(path, exc.start)) from None


def _parse_text(path: Path, text: str, source: str, reading: Reading, fmt: str | None) -> Foreign:
    if source == "flowkeeper":
        from tracker.foreign.flowkeeper import parse_flowkeeper

        return parse_flowkeeper(text, reading)
    if source in ("toggl", "clockify"):
        from tracker.foreign.time_entries import parse_time_entries

        return parse_time_entries(text, source, reading)
    from tracker.interchange import parse_json
    from tracker.interchange_csv import parse_csv

    parse = parse_json if (fmt or _export_format(path, text)) == "json" else parse_csv
    return Foreign("flowtally", parse(text, reading.zone, reading.now))


def _text_kind(head: str) -> str | None:
    from tracker.foreign.flowkeeper import is_flowkeeper
    from tracker.foreign.time_entries import csv_source
    from tracker.interchange_csv import FIRST_COLUMNS

    lines = [line.strip() for line in head.splitlines()]
    first = next((line for line in lines if line and not line.startswith("#")), "")
    if first.startswith("{"):
        return "flowtally"
    if is_flowkeeper(first):
        return "flowkeeper"
    header = [cell.strip().strip('"') for cell in first.split(",")]
    if tuple(header[: len(FIRST_COLUMNS)]) == FIRST_COLUMNS:
        return "flowtally"
    return csv_source(header)


def _export_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    return "json" if text.lstrip().startswith("{") else "csv"


def _into(
    store: Store,
    path: Path,
    foreign: Foreign,
    reading: Reading,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    records = foreign.records
    try:
        return store.import_blocks(
            [r.block for r in records],
            [r.label for r in records],
            progress,
            skip_overlaps=reading.skip_overlaps,
            dry_run=dry_run,
        )
    except ValidationError as exc:
        raise FlowtallyError(_("{0}: {1}; nothing was imported").format(path, exc)) from None


def _flowtally_export(ctx: Context, path: Path, fmt: str | None, reading: Reading) -> int:
    """A Flowtally export, remembered (:mod:`app.commands.import_memo`): the same file into
    an unchanged history is not read again."""
    text = read_text(path)
    raw = text.encode()
    kind = fmt or _export_format(path, text)
    memo = ImportMemo(ctx.database, app_version())
    key = memo.key(kind, raw)
    stored = memo.already_stored(key, ctx.store.history_mark())
    if stored is not None:
        result = ImportResult(0, stored)
    else:
        with held_back():
            foreign = read_history(path, "flowtally", reading, kind, text)
            progress = _progress(ctx, len(foreign.records))
            result = _into(ctx.store, path, foreign, reading, progress=progress)
        memo.remember(key, ctx.store.history_mark(), result.added + result.skipped)
    _said(ctx, path, result, [])
    return 0


def _said(ctx: Context, path: Path, result: ImportResult, skipped: Sequence[Skipped]) -> None:
    if result.skipped:
        line = _("Imported {blocks} from {path} ({skipped} already stored).")
    else:
        line = _("Imported {blocks} from {path}.")
    blocks = plural(result.added, "block")
    print(line.format(blocks=blocks, path=path, skipped=result.skipped), file=ctx.out)
    overlapping = [Skipped(label, why) for label, why in result.overlapping]
    for text in left_out_lines(overlapping, list(skipped)):
        print(text, file=ctx.out)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError as exc:
        raise FlowtallyError(_("cannot read {0}: {1}").format(path, os_reason(exc))) from None


def _progress(ctx: Context, total: int) -> Progress | None:
    if total < PROGRESS_MIN_BLOCKS or not ctx.err.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        ctx.err.write(f"\rimporting: {done}/{total} blocks ({done * 100 // total}%){end}")
        ctx.err.flush()

    return show

"""``export`` and ``import``: the interchange format in and out of the store."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from app.collector import held_back
from app.commands.context import Context
from app.commands.devices import on_device
from app.commands.import_memo import ImportMemo
from app.files import write_atomically
from app.language import requests as rq
from app.version import app_version
from data.importing import ImportResult, Progress
from tracker.errors import FlowtallyError, ValidationError
from tracker.i18n import _, os_reason
from tracker.interchange import parse_json, to_json
from tracker.interchange_csv import parse_csv, to_csv
from tracker.model import Block
from tracker.settings import ModelParams
from tracker.units import plural

PROGRESS_MIN_BLOCKS = 500
MAX_IMPORT_BYTES = 100 * 1024 * 1024
"""Parsing holds about ten times a file's size in memory; five years of dense history is
31 MB, so a larger file is refused at once instead of exhausting the machine's memory."""
EXPORT_FORMATS = ("json", "csv", "ics")


def export_content(
    blocks: Sequence[Block], fmt: str, params: ModelParams, now: datetime
) -> str | bytes:
    """Finished blocks as the interchange format (JSON, CSV) or as calendar events (ICS)."""
    finished = [b for b in blocks if b.end is not None]
    if fmt == "ics":
        from app.commands.calendar_export import to_ics

        return to_ics(finished, params, now)
    return to_json(finished) if fmt == "json" else to_csv(finished)


def export(ctx: Context, args: rq.Export) -> int:
    with held_back():
        blocks = on_device(ctx.store, ctx.store.all_blocks(finished_only=True), args.device)
        if ctx.store.running() is not None:
            print(_("flowtally: note: the running block is exported once it stops"), file=ctx.err)
        text = export_content(blocks, args.format, ctx.settings.model, ctx.now)
    if args.output in (None, "-"):
        if isinstance(text, bytes):
            ctx.out.write(text.decode())
        else:
            ctx.out.write(text)
    else:
        write_atomically(Path(args.output), text)
        line = _("Exported {blocks} to {path}.")
        print(line.format(blocks=plural(len(blocks), "block"), path=args.output), file=ctx.err)
    return 0


def import_(ctx: Context, args: rq.Import) -> int:
    path = Path(args.file)
    try:
        with path.open("rb") as handle:  # a device or a pipe says nothing of its size: read
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise FlowtallyError(_("cannot read {0}: {1}").format(path, os_reason(exc))) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise FlowtallyError(
            _(
                "{0} is over {1} MB; an import takes at most {1} MB at once: split the file; "
                "nothing was imported"
            ).format(path, MAX_IMPORT_BYTES // 1024**2)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FlowtallyError(_("{0}: not UTF-8 text (byte {1})").format(path, exc.start)) from None
    kind = args.format or _guess_format(path, text)
    memo = ImportMemo(ctx.database, app_version())
    key = memo.key(kind, raw)
    stored = memo.already_stored(key, ctx.store.history_mark())
    if stored is not None:
        result = ImportResult(0, stored)
    else:
        with held_back():
            result = _import(ctx, path, kind, text)
        memo.remember(key, ctx.store.history_mark(), result.added + result.skipped)
    if result.skipped:
        line = _("Imported {blocks} from {path} ({skipped} already stored).")
    else:
        line = _("Imported {blocks} from {path}.")
    blocks = plural(result.added, "block")
    print(line.format(blocks=blocks, path=path, skipped=result.skipped), file=ctx.out)
    return 0


def _import(ctx: Context, path: Path, kind: str, text: str) -> ImportResult:
    parse = parse_json if kind == "json" else parse_csv
    try:
        records = parse(text, ctx.zone_name, ctx.now)
        progress = _progress(ctx) if len(records) >= PROGRESS_MIN_BLOCKS else None
        return ctx.store.import_blocks(
            [r.block for r in records], [r.label for r in records], progress
        )
    except ValidationError as exc:
        raise FlowtallyError(_("{0}: {1}; nothing was imported").format(path, exc)) from None


def _guess_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    return "json" if text.lstrip().startswith("{") else "csv"


def _progress(ctx: Context) -> Progress | None:
    if not ctx.err.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        ctx.err.write(f"\rimporting: {done}/{total} blocks ({done * 100 // total}%){end}")
        ctx.err.flush()

    return show

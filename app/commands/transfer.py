"""``export``: the interchange format (and calendar events) out of the store; ``import`` is
:mod:`app.commands.importing`."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from app.collector import held_back
from app.commands.context import Context
from app.commands.devices import on_device
from app.files import write_atomically
from app.language import requests as rq
from tracker.i18n import _
from tracker.interchange import to_json
from tracker.interchange_csv import to_csv
from tracker.model import Block
from tracker.settings import ModelParams
from tracker.units import plural

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

"""start / pause / resume / stop / add: the blocks from a terminal (or forwarded to the app)."""

from zoneinfo import ZoneInfo

from app.commands.context import Context
from app.commands.unwatched import unwatched
from app.language import requests as rq
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block
from tracker.settings import ModelParams
from tracker.timeline import build_timeline
from tracker.types import SegmentKind
from tracker.units import duration, plural


def start(ctx: Context, args: rq.Start) -> int:
    task = (args.task or "").strip() or None
    if args.at_press:
        kept = ctx.store.loose_presses()
        if not kept or kept[-1].id is None:
            raise FlowtallyError(_("no press was made while no block ran"))
        block = ctx.store.start_from_press(kept[-1].id, task)
    else:
        block = ctx.store.start(ctx.time(args.at), ctx.zone_name, task)
    if block.task:
        line = _("Started a focus block on {task!r} at {time}.")
    else:
        line = _("Started a focus block at {time}.")
    print(line.format(task=block.task, time=ctx.local(block.start)), file=ctx.out)
    return 0


def pause(ctx: Context, args: rq.Pause) -> int:
    at = ctx.time(args.at)
    ctx.store.pause(at, ctx.zone_name)
    line = _("Paused at {time}. 'flowtally resume' when you are back.")
    print(line.format(time=ctx.local(at)), file=ctx.out)
    return 0


def resume(ctx: Context, args: rq.Resume) -> int:
    at = ctx.time(args.at)
    ctx.store.resume(at)
    print(_("Resumed at {time}: ramp-up starts again.").format(time=ctx.local(at)), file=ctx.out)
    return 0


def stop(ctx: Context, args: rq.Stop) -> int:
    at = ctx.time(args.at)
    unseen = unwatched(ctx, at, args.gap)
    block = ctx.store.stop(at)
    print(stopped_line(block, ctx.settings.model, ctx.zone), file=ctx.out)
    if unseen is not None:
        line = _("The {length} the app did not watch count as a break.")
        print(line.format(length=duration(unseen)), file=ctx.out)
    return 0


def stopped_line(block: Block, params: ModelParams, zone: ZoneInfo) -> str:
    """The one-line summary of a stopped block: the CLI prints it, the tray shows it."""
    assert block.end is not None
    timeline = build_timeline(block, params, block.end)
    periods = len(timeline.periods(params))
    flow = timeline.lengths()[SegmentKind.FLOW]
    return _(
        "Stopped at {time}: {tracked} tracked, {flow} in flow, {interruptions}, {periods}."
    ).format(
        time=block.end.astimezone(zone).strftime("%H:%M"),
        tracked=duration(timeline.tracked),
        flow=duration(flow),
        interruptions=plural(len(block.interruptions), "interruption"),
        periods=plural(periods, "uninterrupted period"),
    )


def add(ctx: Context, args: rq.Add) -> int:
    """A finished block, backfilled; its interruptions follow with ``interrupt --at``."""
    start, end = ctx.time(args.start), ctx.time(args.end)
    if end <= start:
        raise FlowtallyError(_("the block must end after it starts (--to after --from)"))
    task = (args.task or "").strip() or None
    stored = ctx.store.add(Block(start, end, task, timezone=ctx.zone_name))
    assert stored.end is not None
    if stored.task:
        line = _("Added a focus block on {task!r}: {start} to {end} ({length}).")
    else:
        line = _("Added a focus block: {start} to {end} ({length}).")
    added = line.format(
        task=stored.task,
        start=ctx.local(stored.start, with_date=True),
        end=ctx.local(stored.end, beside=stored.start),
        length=duration(stored.end - stored.start),
    )
    hint = _("Log what interrupted it with 'flowtally interrupt --at TIME'.")
    print(f"{added} {hint}", file=ctx.out)
    return 0

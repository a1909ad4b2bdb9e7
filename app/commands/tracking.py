"""start / pause / resume / stop / add / interrupt / status: the blocks from a terminal."""

import argparse
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.commands.context import Context
from data.errors import StoreError
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.model import MAX_INTERRUPTION_MIN, Block, Interruption
from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import Status, live_status
from tracker.timeline import build_timeline
from tracker.timeparse import parse_user_time
from tracker.types import PHASE_NAMES, Kind, Phase, SegmentKind
from tracker.units import duration, plural


def start(ctx: Context, args: argparse.Namespace) -> int:
    task = (args.task or "").strip() or None
    if args.at_press:
        kept = ctx.store.loose_presses()
        if not kept or kept[-1].id is None:
            raise FlowtallyError("no press was made while no block ran")
        block = ctx.store.start_from_press(kept[-1].id, task)
    else:
        block = ctx.store.start(ctx.time(args.at), ctx.zone_name, task)
    label = f" on {block.task!r}" if block.task else ""
    print(f"Started a focus block{label} at {ctx.local(block.start)}.", file=ctx.out)
    return 0


def pause(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    ctx.store.pause(at, ctx.zone_name)
    print(f"Paused at {ctx.local(at)}. 'flowtally resume' when you are back.", file=ctx.out)
    return 0


def resume(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    ctx.store.resume(at)
    print(f"Resumed at {ctx.local(at)}: ramp-up starts again.", file=ctx.out)
    return 0


def stop(ctx: Context, args: argparse.Namespace) -> int:
    block = ctx.store.stop(ctx.time(args.at))
    print(stopped_line(block, ctx.settings.model, ctx.zone), file=ctx.out)
    return 0


def stopped_line(block: Block, params: ModelParams, zone: ZoneInfo) -> str:
    """The one-line summary of a stopped block: the CLI prints it, the tray shows it."""
    assert block.end is not None
    timeline = build_timeline(block, params, block.end)
    periods = len(timeline.periods(params))
    flow = timeline.lengths()[SegmentKind.FLOW]
    return (
        f"Stopped at {block.end.astimezone(zone).strftime('%H:%M')}: "
        f"{duration(timeline.tracked)} tracked, {duration(flow)} in flow, "
        f"{plural(len(block.interruptions), 'interruption')}, "
        f"{plural(periods, 'uninterrupted period')}."
    )


def add(ctx: Context, args: argparse.Namespace) -> int:
    """A finished block, backfilled; its interruptions follow with ``interrupt --at``."""
    start, end = ctx.time(args.start), ctx.time(args.end)
    if end <= start:
        raise FlowtallyError("the block must end after it starts (--to after --from)")
    task = (args.task or "").strip() or None
    stored = ctx.store.add(Block(start, end, task, timezone=ctx.zone_name))
    assert stored.end is not None
    label = f" on {stored.task!r}" if stored.task else ""
    print(
        f"Added a focus block{label}: {ctx.local(stored.start, with_date=True)} to "
        f"{ctx.local(stored.end)} ({duration(stored.end - stored.start)}). Log what interrupted "
        "it with 'flowtally interrupt --at TIME'.",
        file=ctx.out,
    )
    return 0


def interrupt(ctx: Context, args: argparse.Namespace) -> int:
    """Without a time (--at, --minutes, --end) it is a press, as the hotkey makes: going on
    until 'flowtally back' (:func:`app.commands.undoing.press`)."""
    at, end = _interruption_times(ctx, args)
    source = (args.source or "other").strip()
    note = (args.note or "").strip() or None
    ongoing = args.at is None and args.minutes is None and args.end is None
    interruption = Interruption(
        at, end, Kind(args.kind), source, note, ctx.zone_name, ongoing=ongoing
    )
    if ongoing:
        from app.commands.undoing import press

        return press(ctx, interruption)
    try:
        stored = ctx.store.interrupt(interruption)
    except StoreError as problem:
        if ctx.keep is None:
            raise
        ctx.keep(interruption)  # durable before this answer says so
        print(
            f"Interruption kept at {ctx.local(at)} ({interruption.kind}, {source}); it is "
            f"saved as soon as the database can be used ({problem}).",
            file=ctx.out,
        )
        return 0
    try:
        holders = ctx.store.blocks_between(at, at + timedelta(microseconds=1))
        block = next((b for b in holders if any(i.id == stored.id for i in b.interruptions)), None)
    except StoreError:  # stored already: only the phase it broke goes unsaid
        block = None
    phase = Phase.NONE
    if block is not None:
        timeline = build_timeline(block, ctx.settings.model, block.end or max(ctx.now, at))
        phase = next((b.phase for b in timeline.breaks if b.interruption.id == stored.id), phase)
    lasted = f", {duration(end - at)}" if end is not None and end > at else ""
    broke = f"; it broke {PHASE_NAMES[phase]}" if phase is not Phase.NONE else ""
    print(
        f"Interruption logged at {ctx.local(at)} ({interruption.kind}, {source}{lasted}){broke}.",
        file=ctx.out,
    )
    return 0


def _interruption_times(ctx: Context, args: argparse.Namespace) -> tuple[datetime, datetime | None]:
    """``--minutes`` without ``--at`` means it just ended; with ``--at`` it lasted from there."""
    if args.minutes is not None:
        if not 0 <= args.minutes <= MAX_INTERRUPTION_MIN:  # NaN fails this too
            raise FlowtallyError(
                f"--minutes must be between 0 and {MAX_INTERRUPTION_MIN} (a day), "
                f"not {args.minutes:g}"
            )
        length = timedelta(minutes=args.minutes)
        if args.at is None:
            return ctx.now - length, ctx.now
        at = ctx.time(args.at)
        return at, at + length
    at = ctx.time(args.at)
    if args.end is None:
        return at, None
    end = parse_user_time(args.end, ctx.zone, ctx.now)  # may lie ahead: "in a meeting until 3"
    if end < at:
        raise FlowtallyError("the interruption cannot end before it started")
    if end - at > timedelta(minutes=MAX_INTERRUPTION_MIN):
        raise FlowtallyError("an interruption cannot last more than a day")
    return at, end


def status(ctx: Context, args: argparse.Namespace) -> int:
    clock = DayClock(ctx.zone)
    try:
        running, blocks = ctx.store.day(clock, ctx.now)
    except StoreError as problem:
        if ctx.app_info is None:
            raise
        return _status_without_store(ctx, args.json, str(problem))
    snapshot = live_status(running, blocks, ctx.settings.model, clock, ctx.now)
    if args.json:
        print(json.dumps(_status_json(snapshot, ctx), indent=1), file=ctx.out)
    else:
        print(_status_text(snapshot, ctx), file=ctx.out)
        if ctx.app_info is not None:
            print(_app_text(ctx.app_info), file=ctx.out)
    return 0


def _status_without_store(ctx: Context, as_json: bool, problem: str) -> int:
    """The running app answers even when its database cannot be used: what it keeps."""
    assert ctx.app_info is not None
    if as_json:
        print(
            json.dumps({"state": None, "database_error": problem, "app": ctx.app_info}),
            file=ctx.out,
        )
    else:
        waiting = ctx.app_info.get("pending_writes")
        count = waiting if isinstance(waiting, int) else 0
        print(
            f"The tray app runs, but the database cannot be used: {problem}. "
            f"{plural(count, 'interruption')} kept, to be saved once it can.",
            file=ctx.out,
        )
    return 1


def _status_json(s: Status, ctx: Context) -> dict[str, object]:
    block: Block | None = s.block
    return {
        "state": s.state.value,
        "interrupted": s.interrupted,
        "task": block.task if block else None,
        "started": block.start.astimezone(ctx.zone).isoformat() if block else None,
        "phase": s.phase.value,
        "elapsed_min": round(s.elapsed / timedelta(minutes=1), 2),
        "tracked_min": round(s.tracked / timedelta(minutes=1), 2),
        "stretch_min": round(s.stretch / timedelta(minutes=1), 2),
        "interruptions": len(block.interruptions) if block else 0,
        "today": s.today.as_json(),
        "app": ctx.app_info,
    }


def _status_text(s: Status, ctx: Context) -> str:
    lines = []
    if s.state is State.IDLE or s.block is None:
        lines.append("No focus block running. Start one with 'flowtally start'.")
    else:
        task = f" on {s.block.task!r}" if s.block.task else ""
        lines.append(
            f"Focus block{task} since {ctx.local(s.block.start)}: "
            f"{duration(s.elapsed)} elapsed, {duration(s.tracked)} tracked."
        )
        if s.state is State.PAUSED:
            pause = s.block.open_pause
            since = f" since {ctx.local(pause.start)}" if pause else ""
            lines.append(f"Paused{since}.")
        elif s.interrupted:
            lines.append("Interrupted right now.")
        else:
            phase = PHASE_NAMES[s.phase]
            upcoming = ""
            if s.next_phase_in is not None:
                nxt = PHASE_NAMES[Phase.DEEP if s.phase is Phase.RAMP_UP else Phase.FLOW]
                upcoming = f", {duration(s.next_phase_in)} to {nxt}"
            lines.append(f"Phase: {phase} ({duration(s.stretch)} uninterrupted{upcoming}).")
    today = s.today
    lines.append(
        f"Today: {plural(today.interruptions, 'interruption')}, "
        f"{plural(today.periods, 'uninterrupted period')}, "
        f"{duration(today.tracked)} tracked, {duration(today.flow)} in flow."
    )
    return "\n".join(lines)


def _app_text(info: dict[str, object]) -> str:
    if info.get("hotkey_active"):
        hotkey = f"hotkey {info.get('hotkey')} active"
    else:
        hotkey = f"hotkey off ({info.get('hotkey_problem') or 'starting'})"
    waiting = info.get("pending_writes")
    if isinstance(waiting, int) and waiting:
        return (
            f"Tray app running; {hotkey}; {plural(waiting, 'interruption')} kept, not yet "
            "saved (the database is busy)."
        )
    return f"Tray app running; {hotkey}."

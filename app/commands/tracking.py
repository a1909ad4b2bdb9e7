"""start / pause / resume / stop / add / interrupt / status: the blocks from a terminal."""

import argparse
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.commands.context import Context
from app.commands.unwatched import unwatched
from data.errors import StoreError
from data.sync import SyncState
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import MAX_INTERRUPTION_MIN, Block, Interruption
from tracker.redaction import redact_url
from tracker.running import State
from tracker.settings import ModelParams
from tracker.status import Status, live_status
from tracker.timeline import build_timeline
from tracker.timeparse import parse_user_time
from tracker.types import Kind, Phase, SegmentKind, phase_name
from tracker.units import duration, plural


def start(ctx: Context, args: argparse.Namespace) -> int:
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


def pause(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    ctx.store.pause(at, ctx.zone_name)
    line = _("Paused at {time}. 'flowtally resume' when you are back.")
    print(line.format(time=ctx.local(at)), file=ctx.out)
    return 0


def resume(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    ctx.store.resume(at)
    print(_("Resumed at {time}: ramp-up starts again.").format(time=ctx.local(at)), file=ctx.out)
    return 0


def stop(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    unseen = unwatched(ctx, at, getattr(args, "gap", None))
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


def add(ctx: Context, args: argparse.Namespace) -> int:
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
        end=ctx.local(stored.end),
        length=duration(stored.end - stored.start),
    )
    hint = _("Log what interrupted it with 'flowtally interrupt --at TIME'.")
    print(f"{added} {hint}", file=ctx.out)
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
        line = _(
            "Interruption kept at {time} ({kind}, {source}); it is saved as soon as the "
            "database can be used ({problem})."
        )
        kind = _(interruption.kind.value)
        print(
            line.format(time=ctx.local(at), kind=kind, source=_(source), problem=problem),
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
    tags = [_(interruption.kind.value), _(source)]
    if end is not None and end > at:
        tags.append(duration(end - at))
    line = _("Interruption logged at {time} ({tags})").format(
        time=ctx.local(at), tags=", ".join(tags)
    )
    if phase is not Phase.NONE:
        line += _("; it broke {phase}").format(phase=phase_name(phase))
    print(f"{line}.", file=ctx.out)
    return 0


def _interruption_times(ctx: Context, args: argparse.Namespace) -> tuple[datetime, datetime | None]:
    """``--minutes`` without ``--at`` means it just ended; with ``--at`` it lasted from there."""
    if args.minutes is not None:
        if not 0 <= args.minutes <= MAX_INTERRUPTION_MIN:  # NaN fails this too
            raise FlowtallyError(
                _("--minutes must be between 0 and {most} (a day), not {given:g}").format(
                    most=MAX_INTERRUPTION_MIN, given=args.minutes
                )
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
        raise FlowtallyError(_("the interruption cannot end before it started"))
    if end - at > timedelta(minutes=MAX_INTERRUPTION_MIN):
        raise FlowtallyError(_("an interruption cannot last more than a day"))
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
    sync = ctx.store.sync_state() if ctx.settings.sync_url else None
    if args.json:
        shown = _status_json(snapshot, ctx)
        if sync is not None:
            shown["sync"] = _sync_json(sync, ctx)
        print(json.dumps(shown, indent=1), file=ctx.out)
    else:
        print(_status_text(snapshot, ctx), file=ctx.out)
        if sync is not None:
            print(_sync_text(sync, ctx), file=ctx.out)
        if ctx.app_info is not None:
            print(_app_text(ctx.app_info), file=ctx.out)
    return 0


def _sync_json(sync: SyncState, ctx: Context) -> dict[str, object]:
    return {
        "target": redact_url(ctx.settings.sync_url or ""),
        "last_synced": sync.synced.isoformat() if sync.synced else None,
        "waiting": sync.waiting,
        "problem": sync.problem,
        "team": sync.team,
    }


def _sync_text(sync: SyncState, ctx: Context) -> str:
    """ "Sync: last synced 12:03, 3 changes waiting." (and why the last attempt failed)."""
    waiting = plural(sync.waiting, "change")
    if sync.synced is None:
        line = _("Sync: not synced yet; {waiting} waiting.").format(waiting=waiting)
    else:
        today = ctx.now.astimezone(ctx.zone).date()
        when = ctx.local(sync.synced, with_date=sync.synced.astimezone(ctx.zone).date() != today)
        line = _("Sync: last synced {time}, {waiting} waiting.").format(time=when, waiting=waiting)
    if sync.team:
        line += " " + _("The target is the database of the team {team}.").format(team=sync.team)
    if sync.problem:
        line += " " + _("The last attempt failed: {problem}.").format(problem=sync.problem)
    return line


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
        line = _(
            "The tray app runs, but the database cannot be used: {problem}. "
            "{interruptions} kept, to be saved once it can."
        )
        print(
            line.format(problem=problem, interruptions=plural(count, "interruption")), file=ctx.out
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
        lines.append(_("No focus block running. Start one with 'flowtally start'."))
    else:
        if s.block.task:
            line = _("Focus block on {task!r} since {time}: {elapsed} elapsed, {tracked} tracked.")
        else:
            line = _("Focus block since {time}: {elapsed} elapsed, {tracked} tracked.")
        lines.append(
            line.format(
                task=s.block.task,
                time=ctx.local(s.block.start),
                elapsed=duration(s.elapsed),
                tracked=duration(s.tracked),
            )
        )
        if s.state is State.PAUSED:
            pause = s.block.open_pause
            if pause:
                lines.append(_("Paused since {time}.").format(time=ctx.local(pause.start)))
            else:
                lines.append(_("Paused."))
        elif s.interrupted:
            lines.append(_("Interrupted right now."))
        else:
            line = _("Phase: {phase} ({stretch} uninterrupted").format(
                phase=phase_name(s.phase), stretch=duration(s.stretch)
            )
            if s.next_phase_in is not None:
                nxt = Phase.DEEP if s.phase is Phase.RAMP_UP else Phase.FLOW
                line += _(", {length} to {phase}").format(
                    length=duration(s.next_phase_in), phase=phase_name(nxt)
                )
            lines.append(f"{line}).")
    today = s.today
    line = _("Today: {interruptions}, {periods}, {tracked} tracked, {flow} in flow.")
    lines.append(
        line.format(
            interruptions=plural(today.interruptions, "interruption"),
            periods=plural(today.periods, "uninterrupted period"),
            tracked=duration(today.tracked),
            flow=duration(today.flow),
        )
    )
    return "\n".join(lines)


def _app_text(info: dict[str, object]) -> str:
    if info.get("hotkey_active"):  # the desktop's own words for a portal shortcut
        shown = info.get("hotkey_trigger") or info.get("hotkey")
        hotkey = _("hotkey {hotkey} active").format(hotkey=shown)
    elif info.get("hotkey_waiting"):
        hotkey = _("hotkey waiting for your approval in the desktop's dialog")
    else:
        why = info.get("hotkey_problem") or _("starting")
        hotkey = _("hotkey off ({why})").format(why=why)
    waiting = info.get("pending_writes")
    if isinstance(waiting, int) and waiting:
        line = _(
            "Tray app running; {hotkey}; {interruptions} kept, not yet saved "
            "(the database is busy)."
        )
        return line.format(hotkey=hotkey, interruptions=plural(waiting, "interruption"))
    return _("Tray app running; {hotkey}.").format(hotkey=hotkey)

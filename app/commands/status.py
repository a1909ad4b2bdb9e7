"""``flowtally status``: the running block, its phase, today, the sync, and (forwarded) the
tray app itself."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

from app.commands.app_facts import AppFacts
from app.commands.context import Context
from app.language import requests as rq
from data.errors import StoreError
from tracker.days import DayClock
from tracker.i18n import _
from tracker.model import Block
from tracker.redaction import redact_url
from tracker.running import State
from tracker.status import Status, live_status
from tracker.types import Phase, phase_name
from tracker.units import duration, plural, time_left

if TYPE_CHECKING:  # sync's module loads only where a sync runs
    from data.sync import SyncState


def status(ctx: Context, args: rq.Status) -> int:
    clock = DayClock(ctx.zone)
    try:
        running, blocks = ctx.store.day(clock, ctx.now)
    except StoreError as problem:
        if ctx.app is None:
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
        if ctx.app is not None:
            print(_app_text(ctx.app), file=ctx.out)
            if quiet := _quiet_text(ctx.app):
                print(quiet, file=ctx.out)
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
    assert ctx.app is not None
    if as_json:
        shown = {"state": None, "database_error": problem, "app": ctx.app.as_json()}
        print(json.dumps(shown), file=ctx.out)
    else:
        line = _(
            "The tray app runs, but the database cannot be used: {problem}. "
            "{interruptions} kept, to be saved once it can."
        )
        kept = plural(ctx.app.pending_writes, "interruption")
        print(line.format(problem=problem, interruptions=kept), file=ctx.out)
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
        "quiet": _quiet(ctx),
        "app": ctx.app.as_json() if ctx.app is not None else None,
    }


def _quiet(ctx: Context) -> dict[str, object]:
    """Whether notifications are silenced now, by which backend, or why not (the tray app
    quiets them: without it, nothing is)."""
    quiet = ctx.app.details.get("quiet") if ctx.app is not None else None
    if isinstance(quiet, dict):
        return quiet
    return {
        "setting": ctx.settings.quiet_from.value,
        "wanted": False,
        "silenced": False,
        "backend": None,
        "why_not": _("the tray app is not running; it is what quiets notifications"),
        "kept_yours": False,
        "sentence": None,
    }


def _quiet_text(app: AppFacts) -> str | None:
    quiet = app.details.get("quiet")
    if not isinstance(quiet, dict) or quiet.get("setting") == "off":
        return None
    if quiet.get("sentence"):
        return str(quiet["sentence"])
    if quiet.get("silenced"):
        return _("Notifications are quiet until the next interruption, pause or stop.")
    if quiet.get("setting") == "flow":
        return _("Notifications are quieted in flow.")
    return _("Notifications are quieted from deep focus on.")


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
                    length=time_left(s.next_phase_in), phase=phase_name(nxt)
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


def _app_text(app: AppFacts) -> str:
    hotkey = app.hotkey
    if hotkey.active:  # the desktop's own words for a portal shortcut
        state = _("hotkey {hotkey} active").format(hotkey=hotkey.trigger or hotkey.key)
    elif hotkey.waiting:
        state = _("hotkey waiting for your approval in the desktop's dialog")
    else:
        state = _("hotkey off ({why})").format(why=hotkey.problem or _("starting"))
    if app.pending_writes:
        line = _(
            "Tray app running; {hotkey}; {interruptions} kept, not yet saved "
            "(the database is busy)."
        )
        return line.format(hotkey=state, interruptions=plural(app.pending_writes, "interruption"))
    return _("Tray app running; {hotkey}.").format(hotkey=state)

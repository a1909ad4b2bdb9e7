"""A stop made while the tray app is not running, of a block it watched until it quit: the
time since is time nobody saw, asked about as the app would have asked."""

from datetime import datetime, timedelta

from app.commands.context import Context
from tracker.edits import Gap, GapChoice, GapReason, resolve_gap
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.units import duration
from tracker.watch import Thresholds


def unwatched(ctx: Context, at: datetime, gap: str | None) -> timedelta | None:
    """Without the tray app, a block it watched until it quit has time nobody saw: the
    person says what it was (``--gap``), as the app would have asked; a break is recorded
    now. How long it was when recorded as a break (``None`` otherwise)."""
    if ctx.app is not None:
        return None  # the app itself asks about its gaps
    running = ctx.store.running()
    heartbeat = ctx.store.last_heartbeat() if running is not None else None
    if running is None or running.id is None or heartbeat is None or running.open_pause:
        return None
    if at - heartbeat <= Thresholds().crash_gap:
        return None
    if gap is None:
        raise FlowtallyError(
            _(
                "the tray app last watched this block at {time} ({length} ago): say what that "
                "time was with 'flowtally stop --gap break' (not tracked) or '--gap focus'"
            ).format(time=ctx.local(heartbeat), length=duration(at - heartbeat))
        )
    if gap == "focus":
        return None
    unseen = Gap(heartbeat, at, GapReason.CRASH)
    ctx.store.update(running.id, lambda b: resolve_gap(b, unseen, GapChoice.BREAK, ctx.zone_name))
    return at - heartbeat

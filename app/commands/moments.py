"""interrupt / back / undo: the moments a person logs, from a terminal, a desktop shortcut
or the running app (which runs them with its durable writer, :mod:`app.commands.writes`).

An interrupt without a time is a press, the hotkey's: going on until "I'm back", kept while
no block runs, and in the running app it brings up the same popup.
"""

from datetime import datetime, timedelta

from app.commands.context import Context
from app.commands.writes import Waiting
from app.language import requests as rq
from data.errors import StoreError
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import MAX_INTERRUPTION_MIN, Interruption
from tracker.timeline import build_timeline
from tracker.timeparse import parse_user_time
from tracker.types import Phase, phase_name
from tracker.undo import undone_line
from tracker.units import duration


def interrupt(ctx: Context, args: rq.Interrupt) -> int:
    """Without a time (--at, --minutes, --end) it is a press, as the hotkey makes: going on
    until 'flowtally back'."""
    at, end = _interruption_times(ctx, args)
    source = (args.source or "other").strip()
    note = (args.note or "").strip() or None
    interruption = Interruption(
        at, end, args.kind, source, note, ctx.zone_name, ongoing=args.is_press
    )
    if args.is_press:
        return _press(ctx, interruption)
    stored = ctx.writes.interrupt(interruption)
    if isinstance(stored, Waiting):  # durable before this answer says so
        line = _(
            "Interruption kept at {time} ({kind}, {source}); it is saved as soon as the "
            "database can be used ({problem})."
        )
        kind = _(interruption.kind.value)
        problem = stored.reason
        print(
            line.format(time=ctx.local(at), kind=kind, source=_(source), problem=problem),
            file=ctx.out,
        )
        return 0
    tags = [_(interruption.kind.value), _(source)]
    if end is not None and end > at:
        tags.append(duration(end - at))
    line = _("Interruption logged at {time} ({tags})").format(
        time=ctx.local(at), tags=", ".join(tags)
    )
    phase = _broken_phase(ctx, stored)
    if phase is not Phase.NONE:
        line += _("; it broke {phase}").format(phase=phase_name(phase))
    print(f"{line}.", file=ctx.out)
    return 0


def _broken_phase(ctx: Context, stored: Interruption) -> Phase:
    """The phase a stored interruption broke, to say so (``NONE`` when it cannot be read
    now: it is stored already, and only this goes unsaid)."""
    at = stored.at
    try:
        holders = ctx.store.blocks_between(at, at + timedelta(microseconds=1))
    except StoreError:
        return Phase.NONE
    block = next((b for b in holders if any(i.id == stored.id for i in b.interruptions)), None)
    if block is None:
        return Phase.NONE
    timeline = build_timeline(block, ctx.settings.model, block.end or max(ctx.now, at))
    return next((b.phase for b in timeline.breaks if b.interruption.id == stored.id), Phase.NONE)


def _interruption_times(ctx: Context, args: rq.Interrupt) -> tuple[datetime, datetime | None]:
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


def _press(ctx: Context, interruption: Interruption) -> int:
    at = ctx.local(interruption.at)
    pressed = ctx.writes.press(interruption)
    if isinstance(pressed, Waiting):  # the app keeps it in its journal
        line = _("Interruption kept at {time}; it is saved as soon as the database can be used.")
        print(line.format(time=at), file=ctx.out)
    elif pressed.loose is not None:
        line = _(
            "No focus block was running: the press at {time} is kept. 'flowtally start "
            "--at-press' starts a block from it; 'flowtally undo' forgets it."
        )
        print(line.format(time=at), file=ctx.out)
    elif not pressed.new and pressed.interruption is not None:
        since = pressed.interruption.at
        line = _(
            "An interruption is going on already, since {time} ({length}); "
            "'flowtally back' ends it."
        )
        print(line.format(time=ctx.local(since), length=duration(ctx.now - since)), file=ctx.out)
    else:
        line = _(
            "Interruption logged at {time} ({kind}, {source}), going on until you say "
            "'flowtally back'."
        )
        kind, source = _(interruption.kind.value), _(interruption.source)
        print(line.format(time=at, kind=kind, source=source), file=ctx.out)
    return 0


def back(ctx: Context, args: rq.Back) -> int:
    at = ctx.time(args.at)
    block = ctx.writes.back(at, ctx.zone_name)
    if isinstance(block, Waiting):
        line = _("Back at {time}: kept, and saved as soon as the database can be used.")
        print(line.format(time=ctx.local(at)), file=ctx.out)
        return 0
    ended = max((i for i in block.interruptions if i.end == at), key=lambda i: i.at, default=None)
    if ended is not None:
        line = _("Back at {time} after {length}: ramp-up starts again.")
    else:
        line = _("Back at {time}: ramp-up starts again.")
    length = duration(at - ended.at) if ended is not None else ""
    print(line.format(time=ctx.local(at), length=length), file=ctx.out)
    return 0


def undo(ctx: Context) -> int:
    step = ctx.store.undo()
    print(undone_line(step.describe(ctx.local(step.at))), file=ctx.out)
    return 0

"""interrupt (as a press) / back / undo: the daily loop from a terminal or a desktop shortcut.

A press from here is the hotkey's press: going on until "I'm back", kept while no block runs,
and in the running app it brings up the same popup (:attr:`Context.press`).
"""

import argparse

from app.commands.context import Context
from tracker.i18n import _
from tracker.model import Interruption, Pressed
from tracker.undo import undone_line
from tracker.units import duration


def press(ctx: Context, interruption: Interruption) -> int:
    at = ctx.local(interruption.at)
    pressed: Pressed | None = (
        ctx.press(interruption) if ctx.press is not None else ctx.store.press(interruption)
    )
    if pressed is None:  # the app keeps it in its journal: the database cannot take it now
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


def back(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    block = ctx.back(at) if ctx.back is not None else ctx.store.back(at)
    if block is None:
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


def undo(ctx: Context, args: argparse.Namespace) -> int:
    step = ctx.store.undo()
    print(undone_line(step.describe(ctx.local(step.at))), file=ctx.out)
    return 0

"""interrupt (as a press) / back / undo: the daily loop from a terminal or a desktop shortcut.

A press from here is the hotkey's press: going on until "I'm back", kept while no block runs,
and in the running app it brings up the same popup (:attr:`Context.press`).
"""

import argparse

from app.commands.context import Context
from tracker.model import Interruption, Pressed
from tracker.units import duration


def press(ctx: Context, interruption: Interruption) -> int:
    at = ctx.local(interruption.at)
    pressed: Pressed | None = (
        ctx.press(interruption) if ctx.press is not None else ctx.store.press(interruption)
    )
    if pressed is None:  # the app keeps it in its journal: the database cannot take it now
        print(
            f"Interruption kept at {at}; it is saved as soon as the database can be used.",
            file=ctx.out,
        )
    elif pressed.loose is not None:
        print(
            f"No focus block was running: the press at {at} is kept. 'flowtally start "
            "--at-press' starts a block from it; 'flowtally undo' forgets it.",
            file=ctx.out,
        )
    elif not pressed.new and pressed.interruption is not None:
        since = pressed.interruption.at
        print(
            f"An interruption is going on already, since {ctx.local(since)} "
            f"({duration(ctx.now - since)}); 'flowtally back' ends it.",
            file=ctx.out,
        )
    else:
        print(
            f"Interruption logged at {at} ({interruption.kind}, {interruption.source}), going "
            "on until you say 'flowtally back'.",
            file=ctx.out,
        )
    return 0


def back(ctx: Context, args: argparse.Namespace) -> int:
    at = ctx.time(args.at)
    block = ctx.back(at) if ctx.back is not None else ctx.store.back(at)
    if block is None:
        print(
            f"Back at {ctx.local(at)}: kept, and saved as soon as the database can be used.",
            file=ctx.out,
        )
        return 0
    ended = max((i for i in block.interruptions if i.end == at), key=lambda i: i.at, default=None)
    lasted = f" after {duration(at - ended.at)}" if ended is not None else ""
    print(f"Back at {ctx.local(at)}{lasted}: ramp-up starts again.", file=ctx.out)
    return 0


def undo(ctx: Context, args: argparse.Namespace) -> int:
    step = ctx.store.undo()
    print(f"Undone: {step.describe(ctx.local(step.at))}.", file=ctx.out)
    return 0

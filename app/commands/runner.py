"""Runs one ``flowtally`` command in this process: the CLI's own, or one the tray app was sent.

It never forwards (forwarding is the process entry's job, :mod:`app.cli`): a command the tray
app runs for another process can therefore never loop back into the app's own socket.
User errors print one line on stderr and give exit code 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from app.commands.parser import build_parser, resolve
from tracker.errors import FlowtallyError
from tracker.i18n import _

if TYPE_CHECKING:
    from datetime import datetime

    from data.store import Store
    from tracker.model import Block, Interruption, Pressed
    from tracker.settings import Settings


@dataclass(frozen=True, slots=True)
class Host:
    """What the running tray app lends a command it was sent."""

    store: Callable[[], Store]
    """The app's open store, or a :class:`data.errors.StoreError` saying why there is none."""
    zone_name: str
    app_info: dict[str, object]
    """What the app says about itself, taken when the command arrived."""
    keep: Callable[[Interruption], None]
    """Keeps an interruption the database cannot take now (see :mod:`app.journal`)."""
    press: Callable[[Interruption], Pressed | None]
    """A press, as the app's hotkey makes one (see :attr:`Context.press`)."""
    back: Callable[[datetime], Block | None]
    """ "I'm back", as the popup says it (see :attr:`Context.back`)."""


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line (argparse exits 2 with its usage on a bad one)."""
    args = build_parser().parse_args(argv)
    if not hasattr(args, "json"):
        args.json = False
    return args


def run(
    args: argparse.Namespace,
    out: TextIO,
    err: TextIO,
    host: Host | None = None,
    raise_store_errors: bool = False,
    settings: Settings | None = None,
) -> int:
    """Run the parsed command; with ``host``, against the tray app's store and zone.

    ``raise_store_errors``: a store that cannot be used now (a lock, a full disk, a server
    away) raises :class:`data.errors.StoreError` instead of printing it, so that the app may
    try again while the command's client waits. ``settings``: as the caller read them (the
    file is read afresh otherwise: the tray app follows its changes).
    """
    from app.commands.context import Context
    from data.errors import StoreError

    handler = resolve(getattr(args, "handler", "tracking:status"))
    ctx: Context | None = None
    try:
        tz = getattr(args, "tz", None) or (host.zone_name if host else None)
        ctx = Context.create(
            getattr(args, "db", None),
            tz,
            out,
            err,
            host.store if host is not None else None,
            settings,
        )
        if host is not None:
            ctx.app_info = host.app_info
            ctx.keep = host.keep
            ctx.press = host.press
            ctx.back = host.back
        return handler(ctx, args)
    except FlowtallyError as exc:
        if raise_store_errors and isinstance(exc, StoreError):
            raise
        print(_("flowtally: error: {problem}").format(problem=exc), file=err)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if ctx is not None:
            ctx.close()

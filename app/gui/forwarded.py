"""A command line another ``flowtally`` process sent the running app, made into a job for
the store worker: its attempt (which raises :class:`StoreError` while the database is busy,
so that it can be retried) and how it fails. Either way the client gets exactly one answer."""

import contextlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.commands import runner
from app.commands.parser import forwardable
from app.gui.store_protocol import CommandDone, Forwarded
from data.errors import StoreError
from data.store import Store
from tracker.model import Block, Interruption, Pressed

log = logging.getLogger(__name__)
AT_ONCE = frozenset({"status", "interrupt", "back"})
"""Answered without waiting: ``status`` only reads, and an ``interrupt`` or a ``back`` that
the database cannot take now is kept like a press (and says so)."""


@dataclass(frozen=True, slots=True)
class ForwardedJob:
    command: str | None
    attempt: Callable[[], None]
    give_up: Callable[[str], None]

    @property
    def at_once(self) -> bool:
        return self.command in AT_ONCE


def forwarded_job(
    request: Forwarded,
    store: Callable[[str | None], Callable[[], Store]],
    zone_name: str,
    pending: int,
    presses: tuple[
        Callable[[Interruption], None],
        Callable[[Interruption], Pressed | None],
        Callable[[datetime], Block | None],
    ],
    answer: Callable[[CommandDone], None],
) -> ForwardedJob | None:
    """The job for ``request`` (``None``, answered already, for a bad command line).

    ``store``: for a command's name, what lends it the app's store (or says why not);
    ``pending``: the presses waiting, for ``status``; ``presses``: keeps an interruption in
    the journal, makes a press as the hotkey does, and says "I'm back" as the popup does.
    """
    request_id = request.request_id
    try:  # the client parsed it first: argparse's words (usage, --help) are not for the app
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            args = runner.parse(request.argv)
    except SystemExit:
        answer(CommandDone(request_id, 2, "", "flowtally: error: bad command\n"))
        return None
    if not forwardable(args):  # a client never sends these: they name the terminal's paths
        answer(CommandDone(request_id, 2, "", "flowtally: error: not a forwarded command\n"))
        return None
    host = runner.Host(
        store=store(args.command),
        zone_name=zone_name,
        app_info={**request.app_info, "pending_writes": pending},
        keep=presses[0],
        press=presses[1],
        back=presses[2],
    )

    def attempt() -> None:
        out, err = io.StringIO(), io.StringIO()
        try:
            code = runner.run(args, out, err, host, raise_store_errors=True)
        except StoreError:
            raise
        except Exception:  # a bug: answered and logged, never a hung client
            log.exception("the forwarded command %r failed", args.command)
            code, err = 1, io.StringIO("flowtally: error: internal error (see the log)\n")
        answer(CommandDone(request_id, code, out.getvalue(), err.getvalue()))

    def give_up(reason: str) -> None:
        answer(CommandDone(request_id, 1, "", f"flowtally: error: {reason}\n"))

    return ForwardedJob(args.command, attempt, give_up)

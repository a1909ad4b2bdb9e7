"""A request another ``flowtally`` process sent the running app, made into a job for the
store worker: its attempt (which raises :class:`StoreError` while the database is busy, so
that it can be retried) and how it fails. Either way the client gets exactly one answer."""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

from app.commands import runner
from app.gui.durable_writer import DurableWriter
from app.gui.store_protocol import CommandDone, Forwarded
from app.language import requests as rq
from data.errors import StoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ForwardedJob:
    at_once: bool
    """Answered without waiting its turn (:func:`app.language.requests.at_once`)."""
    attempt: Callable[[], None]
    give_up: Callable[[str], None]


def forwarded_job(
    forwarded: Forwarded,
    writer: DurableWriter,
    zone_name: str,
    answer: Callable[[CommandDone], None],
) -> ForwardedJob:
    """The job for ``forwarded``, run with the app's ``writer`` and, unless the command line
    named one, its zone."""
    request_id, invocation = forwarded.request_id, forwarded.invocation
    facts = forwarded.facts
    if facts is not None:  # the presses waiting now, not when the command arrived
        facts = facts.with_pending(writer.queue.presses)

    def attempt() -> None:
        out, err = io.StringIO(), io.StringIO()
        try:
            code = runner.run(
                invocation, out, err, writer, facts, raise_store_errors=True, zone_name=zone_name
            )
        except StoreError:
            raise
        except Exception:  # a bug: answered and logged, never a hung client
            log.exception("the forwarded %s failed", type(invocation.request).__name__)
            code, err = 1, io.StringIO("flowtally: error: internal error (see the log)\n")
        answer(CommandDone(request_id, code, out.getvalue(), err.getvalue()))

    def give_up(reason: str) -> None:
        answer(CommandDone(request_id, 1, "", f"flowtally: error: {reason}\n"))

    at_once = invocation.request is not None and rq.at_once(invocation.request)
    return ForwardedJob(at_once, attempt, give_up)

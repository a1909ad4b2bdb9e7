"""Keeps desktop notifications quiet while the tray says so, on a thread of its own.

The GUI says what it wants (:meth:`QuietKeeper.want`) as the phase changes; the thread
finds this desktop's backend once, silences and restores, and reports each change through
``changed`` (called on the thread: the caller queues it to the GUI). What a backend changes
is recorded before it is changed (:mod:`app.focus.quiet_record`), and at start the thread
first restores what a crashed run left silenced. Stopping restores before the thread ends.
"""

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.focus import quiet_record
from app.focus.quiet_backends import Backend, detect
from app.session_bus import open_session_bus
from tracker.errors import FlowtallyError
from tracker.i18n import _

log = logging.getLogger(__name__)
STOP_S = 8.0


@dataclass(frozen=True, slots=True)
class Quiet:
    """What ``status --json`` says as ``quiet``."""

    silenced: bool = False
    backend: str | None = None
    why_not: str | None = None
    kept_yours: bool = False
    """Notifications were already off by the person's own setting (and stay so)."""

    def as_json(self) -> dict[str, object]:
        return {
            "silenced": self.silenced,
            "backend": self.backend,
            "why_not": self.why_not,
            "kept_yours": self.kept_yours,
        }

    def sentence(self) -> str | None:
        """Why quieting cannot work here, in one sentence (``None``: it can)."""
        if self.why_not is None:
            return None
        return _("Quieting notifications is unavailable here: {why}.").format(why=self.why_not)


class QuietKeeper:
    def __init__(self, changed: Callable[[Quiet], None]) -> None:
        self._changed = changed
        self._wanted: queue.Queue[bool | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self.state = Quiet(why_not=_("starting"))

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="quiet-keeper", daemon=True)
        self._thread.start()

    def want(self, quiet: bool) -> None:
        self._wanted.put(quiet)

    def stop(self) -> None:
        """Restore (if silenced) and end the thread: a quit never leaves them quiet."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._wanted.put(None)
        thread.join(STOP_S)

    def _run(self) -> None:
        quiet_record.restore_orphaned()
        backend = self._find_backend()
        try:
            while (wanted := self._wanted.get()) is not None:
                while not self._wanted.empty():  # only the latest wish counts
                    latest = self._wanted.get_nowait()
                    if latest is None:
                        return
                    wanted = latest
                if isinstance(backend, Backend) and wanted != self.state.silenced:
                    self._switch(backend, wanted)
        finally:
            if isinstance(backend, Backend) and self.state.silenced:
                self._switch(backend, False)
            if self._connection is not None:
                self._connection.close()

    def _find_backend(self) -> Backend | str:
        try:
            self._connection = open_session_bus()
        except (ImportError, OSError, KeyError, ValueError) as exc:
            log.info("no session bus for quieting notifications: %s", exc)
        backend = detect(self._connection)
        if isinstance(backend, Backend):
            self._report(Quiet(backend=backend.name))
        else:
            self._report(Quiet(why_not=backend))
        return backend

    def _switch(self, backend: Backend, silenced: bool) -> None:
        try:
            backend.silence() if silenced else backend.restore()
        except (OSError, ValueError, TimeoutError, FlowtallyError) as exc:
            log.warning(
                "notifications could not be %s: %s", "quieted" if silenced else "restored", exc
            )
            return
        kept = silenced and not backend.changed
        self._report(Quiet(silenced=silenced, backend=backend.name, kept_yours=kept))

    def _report(self, state: Quiet) -> None:
        self.state = state
        log.info("quiet: %s", state.as_json())
        self._changed(state)

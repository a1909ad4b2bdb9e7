"""The running app's writes, durable first: a logged moment the database cannot take now is
kept in the journal and stored, in order, as soon as it can be.

This is the app's side of :class:`app.commands.writes.Writes`: the hotkey's presses, the
popup's "I'm back" and every forwarded command go through it, and a command's handler
cannot tell it from the terminal's store but for the :class:`Waiting` it may get back. No
Qt: the store worker lends it a retry timer and hears what happened through
:class:`Listener`, so the whole of it is tested without a QApplication.
"""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from app.commands.writes import Waiting
from app.gui.write_queue import WriteQueue
from app.journal import BackAt, Journal, Kept
from data.errors import DatabaseBusy, StoreError
from data.store import Store
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block, Interruption, Pressed

log = logging.getLogger(__name__)
Written = TypeVar("Written")


class Retry(Protocol):
    """A repeating timer that calls :meth:`DurableWriter.drain` (the worker's QTimer)."""

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def isActive(self) -> bool: ...


class Listener(Protocol):
    """What the writer tells the GUI, through the worker."""

    def saved(self, pressed: Sequence[Pressed]) -> None:
        """Presses stored now (none: the day changed all the same): each is acknowledged."""

    def changed(self) -> None:
        """The day changed: read it again."""

    def pending(self) -> None:
        """How many presses wait changed."""

    def failed(self, message: str) -> None: ...
    def notice(self, message: str) -> None: ...


class DurableWriter:
    def __init__(self, journal: Journal, retry: Retry, listener: Listener, wait_s: float) -> None:
        """``wait_s``: how long a command waits for a busy database before it fails."""
        self.open_store: Store | None = None
        self.unavailable = "the database is not open yet"
        self.queue = WriteQueue(journal, listener.failed, wait_s)
        self._retry = retry
        self._listener = listener
        self._saved_late = 0

    # ---------------------------------------------------------------- Writes

    @property
    def store(self) -> Store:
        if self.open_store is None:
            raise StoreError(self.unavailable)
        return self.open_store

    def press(self, interruption: Interruption) -> Pressed | Waiting:
        pressed = self._durably(interruption, lambda store: store.press(interruption))
        if not isinstance(pressed, Waiting):
            self._listener.saved([pressed])
        return pressed

    def back(self, at: datetime, zone_name: str) -> Block | Waiting:
        block = self._durably(BackAt(at, zone_name), lambda store: store.back(at))
        if not isinstance(block, Waiting):
            self._listener.changed()
        return block

    def interrupt(self, interruption: Interruption) -> Interruption | Waiting:
        return self._durably(interruption, lambda store: store.interrupt(interruption))

    # ---------------------------------------------------------------- the worker's

    def opened(self, store: Store) -> None:
        """The database can be used: what waits is stored first."""
        self.open_store = store
        if self.queue:
            self.drain()
        else:
            self._listener.changed()

    def unusable(self, reason: str) -> None:
        """The database cannot be opened: commands waiting fail with ``reason``."""
        self.unavailable = reason
        self.queue.give_up(reason, every=True)
        self._listener.pending()

    def submit(self, attempt: Callable[[], None], give_up: Callable[[str], None]) -> None:
        """Do a write now, or after the writes already waiting; a busy database is retried
        for the queue's wait, then the write fails with the reason."""
        if self.open_store is None:
            give_up(self.unavailable)
            return
        self.queue.submit(attempt, give_up)
        self.drain_unless_retrying()

    def write(self, action: Callable[[Store], object]) -> None:
        """A tray action's write, in its turn; a refusal is said as a failure."""

        def attempt() -> None:
            try:
                action(self.store)
            except StoreError:
                raise
            except FlowtallyError as exc:
                self._listener.failed(str(exc))

        self.submit(attempt, self._listener.failed)

    def drain(self) -> None:
        """Do the waiting writes in order (retried while the database is busy); writes that
        waited too long are given up."""
        done = self.queue.drain(self.open_store, self.unavailable)
        self._saved_late += sum(p.new and p.interruption is not None for p in done.stored)
        self._listener.saved(done.stored)  # each acknowledged before any word about them
        if done.problem is not None:
            self._delayed(done.problem)
        elif not self.queue:
            self._settled()

    def drain_unless_retrying(self) -> None:
        """While retries run, a new write only joins the queue: trying the lock again for
        each press of a burst would leave the presses behind it waiting, not yet kept."""
        if not self._retry.isActive():
            self.drain()

    def close(self) -> None:
        """Store what can be stored; presses the database cannot take stay in the journal."""
        self.drain()
        self._retry.stop()
        self.queue.give_up("Flowtally is quitting; nothing was changed", every=True)
        if waiting := self.queue.presses:
            log.warning(
                "%d interruption(s) could not be saved yet; they are kept in the journal and "
                "saved at the next start",
                waiting,
            )
        self.queue.close()
        if self.open_store is not None:
            self.open_store.close()
            self.open_store = None

    # ---------------------------------------------------------------- inside

    def _durably(self, kept: Kept, write: Callable[[Store], Written]) -> Written | Waiting:
        """Do a logged moment's write now; if the database cannot take it, write it to the
        journal first, then store it in order as soon as the database can be used."""
        if self.open_store is None or self.queue:
            reason = self.unavailable
            if self.open_store is not None:
                reason = _("{0} earlier change(s) wait to be saved first").format(len(self.queue))
            self._keep(kept)
            self.drain_unless_retrying()
            return Waiting(reason)
        try:
            return write(self.open_store)
        except StoreError as exc:
            self._keep(kept)
            self._delayed(exc)
            return Waiting(str(exc))

    def _keep(self, kept: Kept) -> None:
        self.queue.keep(kept)
        self._listener.pending()

    def _settled(self) -> None:
        if self._retry.isActive():
            self._retry.stop()
            if self._saved_late:
                line = _("Saved: {n} interruption(s) that had to wait.")
                self._listener.notice(line.format(n=self._saved_late))
        self._saved_late = 0

    def _delayed(self, problem: FlowtallyError) -> None:
        """Say once that saving is delayed (not at every retry), and show what waits."""
        self._listener.pending()
        if self._retry.isActive():
            return
        self._retry.start()
        busy = isinstance(problem, DatabaseBusy)
        reason = _("another program holds the lock") if busy else str(problem)
        if waiting := self.queue.presses:
            line = _(
                "Saving is delayed: {n} interruption(s) wait in memory and in the journal, "
                "and are retried ({reason})"
            )
            self._listener.failed(line.format(n=waiting, reason=reason))

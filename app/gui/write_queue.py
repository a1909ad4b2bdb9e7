"""The writes that wait: presses kept in the journal, and commands waiting their turn.

Everything the store worker writes while the database cannot take it waits here, in the
order it was asked for, so that a ``stop`` never overtakes a press made before it (the press
would then belong to no block). A press waits in the journal (:mod:`app.journal`) until it
is stored; a command (a :class:`Job`) waits until its deadline, then fails with the reason and
is never written later. No Qt here: the worker owns the retry timer.
"""

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from app.journal import BackAt, Entry, Journal, Kept
from data.errors import DatabaseBusy, StoreError
from data.store import Store
from tracker.errors import FlowtallyError
from tracker.model import Interruption, Pressed


@dataclass(frozen=True, slots=True)
class WaitingPress:
    """A press (or "I'm back") waiting to be stored, kept in the journal (``entry``) unless
    that failed."""

    kept: Kept
    entry: Entry | None
    replayed: bool = False
    """Read back from the journal at start: it may have been stored just before a crash."""


@dataclass(frozen=True, slots=True)
class Job:
    """A write that must wait its turn behind waiting presses, or for a lock to go."""

    attempt: Callable[[], None]
    """Does the write; raises :class:`StoreError` while the database cannot take it."""
    give_up: Callable[[str], None]
    """Reports the write failed (and so never happens later), with the reason."""
    deadline: float


@dataclass(slots=True)
class Drained:
    stored: list[Pressed] = field(default_factory=list)
    problem: StoreError | None = None
    """Why the queue stopped short (the database is still busy or away)."""


class WriteQueue:
    def __init__(self, journal: Journal, report: Callable[[str], None], wait_s: float) -> None:
        """``report``: says a problem to the user; ``wait_s``: how long a job may wait."""
        self.journal = journal
        self._report = report
        self.wait_s = wait_s
        self._items: deque[WaitingPress | Job] = deque()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def presses(self) -> int:
        """How many presses wait: the exact number ``status`` reports."""
        return sum(
            isinstance(item, WaitingPress) and isinstance(item.kept, Interruption)
            for item in self._items
        )

    def load(self) -> int:
        """The presses an earlier run left in the journal go first."""
        kept = self.journal.entries()
        self._items.extend(WaitingPress(e.kept, e, replayed=True) for e in kept)
        for reason in self.journal.rejected:  # set aside for good: said this once
            self._report(reason)
        return len(kept)

    def keep(self, kept: Kept) -> None:
        """Durable before anything says it was logged: into the journal, then the queue."""
        entry: Entry | None = None
        try:
            entry = self.journal.append(kept)
        except FlowtallyError as exc:
            self._report(f"{exc}; it is kept in memory only")
        self._items.append(WaitingPress(kept, entry))

    def submit(self, attempt: Callable[[], None], give_up: Callable[[str], None]) -> None:
        self._items.append(Job(attempt, give_up, time.monotonic() + self.wait_s))

    def drain(self, store: Store | None, unavailable: str) -> Drained:
        """Do the waiting writes in order until one finds the database busy; give up the
        jobs that waited too long (all of them, without a store)."""
        done = Drained()
        while self._items and store is not None:
            item = self._items[0]
            try:
                if isinstance(item, WaitingPress):
                    stored = self._store(store, item)
                    if stored is not None:
                        done.stored.append(stored)
                else:
                    item.attempt()
            except StoreError as exc:
                done.problem = exc
                break
            self._items.popleft()
        if done.problem is not None or store is None:
            reason = unavailable
            if isinstance(done.problem, DatabaseBusy):  # a job gives up after the CLI's wait
                reason = str(DatabaseBusy(self.wait_s))
            elif done.problem is not None:
                reason = str(done.problem)
            self.give_up(reason, every=store is None)
        if not any(isinstance(item, WaitingPress) for item in self._items):
            self.journal.clear()
        return done

    def give_up(self, reason: str, every: bool = False) -> None:
        """Fail the jobs that have waited too long (or all of them): each says why."""
        clock = time.monotonic()
        for item in list(self._items):
            if isinstance(item, Job) and (every or clock >= item.deadline):
                self._items.remove(item)
                item.give_up(reason)

    def close(self) -> None:
        self._items.clear()
        self.journal.close()

    def _store(self, store: Store, press: WaitingPress) -> Pressed | None:
        """Store one waiting press (``None`` if it was stored before a crash, or can belong
        nowhere: then it is given up, with the reason). A press going on that finds another
        going on is that one (:meth:`data.store.Store.press`)."""
        kept = press.kept
        try:
            if isinstance(kept, BackAt):
                stored = None
                if not (press.replayed and _nothing_going_on(store)):
                    store.back(kept.at)
            elif press.replayed and store.holds(kept):
                stored = None
            elif kept.ongoing:
                stored = store.press(kept)
            else:
                stored = Pressed(store.interrupt(kept), True)
        except StoreError:
            raise
        except FlowtallyError as exc:
            self._report(str(exc))
            stored = None
        if press.entry is not None:
            self.journal.done(press.entry)
        return stored


def _nothing_going_on(store: Store) -> bool:
    """A replayed "I'm back" finding nothing going on was stored just before the crash."""
    running = store.running()
    return running is None or running.open_interruption is None

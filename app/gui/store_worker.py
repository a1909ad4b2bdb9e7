"""Every database operation of the running app, on one worker thread, in order.

The GUI thread never waits on the database: it emits a request signal, and this worker
answers with a :class:`Snapshot` (the running block and today's blocks) that the GUI turns
into a status in memory. A hotkey press reaches :meth:`StoreWorker.log_interruption` from the
pynput thread through a queued connection, so it is committed without passing the GUI thread.
An interruption that cannot be written yet (a locked database) waits in memory, in order, and
is retried; it is announced only once stored.
"""

import io
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from app.commands import runner
from app.journal import Entry, Journal, journal_path
from data import engine as engines
from data.errors import DatabaseBusy, StoreError
from data.store import Store
from tracker import edits
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.model import Block, Interruption
from tracker.redaction import redact_url
from tracker.settings import load_zone
from tracker.types import Kind

log = logging.getLogger(__name__)
RETRY_MS = 500
REOPEN_MS = 3000
WAIT_FOR_LOCK_MS = 300
"""A write waits this long for another program's lock, then the press waits in the journal
and is retried every :data:`RETRY_MS`: the worker never sits seconds in one attempt while
presses pile up unannounced."""
COMMAND_WAIT_S = engines.BUSY_TIMEOUT_MS / 1000
"""How long a command (forwarded, or from the menu) is retried while the database is busy:
as long as the CLI alone would wait for the lock, so forwarding never makes it fail sooner."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the GUI needs to draw the status until the next change."""

    running: Block | None
    today: tuple[Block, ...]
    recent_tasks: tuple[str, ...]
    pending: int
    """Interruptions pressed but not stored yet (the database is busy or away)."""


@dataclass(frozen=True, slots=True)
class _Press:
    """A press waiting to be stored, kept in the journal (``entry``) unless that failed."""

    interruption: Interruption
    entry: Entry | None
    replayed: bool = False
    """Read back from the journal at start: it may have been stored just before a crash."""


@dataclass(frozen=True, slots=True)
class _Job:
    """A write that must wait its turn behind waiting presses, or for a lock to go."""

    attempt: Callable[[], None]
    """Does the write; raises :class:`StoreError` while the database cannot take it."""
    give_up: Callable[[str], None]
    """Reports the write failed (and so never happens later), with the reason."""
    deadline: float


def now() -> datetime:
    return datetime.now(UTC)


def database_identity(database: str | None) -> str:
    """The database as one name, whichever way it was typed, without its password."""
    try:
        url = (
            engines.normalise_url(database)
            if database
            else engines.normalise_url(str(engines.default_database_path()))
        )
    except StoreError:
        return redact_url(database or "default")
    return engines.describe(url)


class StoreWorker(QObject):
    snapshot_ready = Signal(object)
    interruption_stored = Signal(object)
    failed = Signal(str)
    notice = Signal(str)  # good news worth a word: delayed presses saved after all
    command_done = Signal(int, int, str, str)
    opened = Signal(object, object)  # the running block (or None) and its last heartbeat

    # Requests: emitted from any thread, run on the worker's thread.
    open_requested = Signal()
    start_requested = Signal(str)
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()
    interruption_requested = Signal(object)  # the instant of the press
    retag_requested = Signal(int, str, str, str)
    close_requested = Signal(int)
    gap_noticed = Signal(object)  # recorded as a break at once
    gap_resolved = Signal(object, str, str, str, str)  # gap, choice, kind, source, note
    heartbeat_requested = Signal()
    command_requested = Signal(int, list)
    refresh_requested = Signal()

    def __init__(self, database: str | None, zone_name: str) -> None:
        super().__init__()
        self.database = database
        self.zone_name = zone_name
        self.store: Store | None = None
        self.app_info: dict[str, object] = {}
        """Published by the GUI thread (replaced whole, never mutated) for forwarded status."""
        self.journal: Journal | None = None
        self._queue: deque[_Press | _Job] = deque()
        """Writes waiting, in the order they were asked for: a stop never overtakes a press."""
        self._unavailable = "the database is not open yet"
        self._saved_late = 0
        self._snapshot: Snapshot | None = None
        self._retry: QTimer | None = None
        self._reopen: QTimer | None = None
        self.open_requested.connect(self.open)
        self.start_requested.connect(self.start)
        # Bound methods, never lambdas: Qt runs a lambda on the emitting (GUI) thread.
        self.pause_requested.connect(self.pause)
        self.resume_requested.connect(self.resume)
        self.stop_requested.connect(self.stop)
        self.interruption_requested.connect(self.log_interruption)
        self.retag_requested.connect(self.retag)
        self.close_requested.connect(self.close_interruption)
        self.gap_noticed.connect(self.notice_gap)
        self.gap_resolved.connect(self.resolve_gap)
        self.heartbeat_requested.connect(self.heartbeat)
        self.command_requested.connect(self.run_command)
        self.refresh_requested.connect(self.emit_snapshot)

    # ---------------------------------------------------------------- lifecycle

    @Slot()
    def open(self) -> None:
        """Open the store; if it cannot be used (locked, damaged, unreachable, a full disk),
        say so, keep presses in the journal, and try again every few seconds. Presses the
        journal kept from an earlier run are stored first, in order."""
        if self._retry is None:
            self._retry = QTimer(self)
            self._retry.setInterval(RETRY_MS)
            self._retry.timeout.connect(self._drain)
            self._reopen = QTimer(self)
            self._reopen.setSingleShot(True)
            self._reopen.setInterval(REOPEN_MS)
            self._reopen.timeout.connect(self.open)
            self.journal = Journal(journal_path(database_identity(self.database)))
            kept = self.journal.entries()
            self._queue.extend(_Press(e.interruption, e, replayed=True) for e in kept)
            if kept:
                log.info("%d interruption(s) kept in the journal are to be saved", len(kept))
        try:
            store = Store.open(self.database, busy_timeout_ms=WAIT_FOR_LOCK_MS)
            try:
                running = store.running()
                heartbeat = store.last_heartbeat() if running else None
            except FlowtallyError:
                store.close()
                raise
        except FlowtallyError as exc:
            self._unavailable = str(exc)
            self.failed.emit(
                f"{exc}. Interruptions you log are kept in memory and in a journal on disk, "
                "and saved as soon as the database can be used; Flowtally keeps trying."
            )
            self._give_up_jobs(self._unavailable, every=True)
            self._publish_pending()
            if self._reopen is not None:
                self._reopen.start()
            return
        self.store = store
        self.opened.emit(running, heartbeat)
        if self._queue:
            self._drain()
        else:
            self.emit_snapshot()

    @Slot()
    def close(self) -> None:
        """Store what can be stored and close; call on the worker's thread (see
        :func:`stop_worker`). Presses the database cannot take stay in the journal."""
        self._drain()
        for timer in (self._retry, self._reopen):  # after the drain, which may restart one
            if timer is not None:
                timer.stop()
        self._give_up_jobs("Flowtally is quitting; nothing was changed", every=True)
        waiting = self._pending_count()
        if waiting:
            log.warning(
                "%d interruption(s) could not be saved yet; they are kept in the journal and "
                "saved at the next start",
                waiting,
            )
        self._queue.clear()
        if self.journal is not None:
            self.journal.close()
        if self.store is not None:
            self.store.close()
            self.store = None

    # ---------------------------------------------------------------- reads

    @Slot()
    def emit_snapshot(self) -> None:
        if self.store is None:
            self._publish_pending()
            return
        try:
            running, today = self.store.day(DayClock(load_zone(self.zone_name)), now())
            recent = tuple(self.store.recent_tasks(8))
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            self._publish_pending()
            return
        self._publish(Snapshot(running, tuple(today), recent, self._pending_count()))

    def _publish(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.snapshot_ready.emit(snapshot)

    def _publish_pending(self) -> None:
        """The last snapshot with the exact number of waiting presses, read from nothing."""
        last = self._snapshot or Snapshot(None, (), (), 0)
        if last.pending != self._pending_count() or self._snapshot is None:
            self._publish(replace(last, pending=self._pending_count()))

    def _pending_count(self) -> int:
        return sum(isinstance(item, _Press) for item in self._queue)

    def _snapshot_with(self, stored: list[Interruption]) -> bool:
        """The last snapshot with just-stored interruptions added, without reading the day
        again: that read grows with the day's interruptions, and a burst of presses would
        each wait for it. False when there is no running block to add them to."""
        last = self._snapshot
        if last is None or last.running is None or not stored:
            return False
        running = replace(last.running, interruptions=(*last.running.interruptions, *stored))
        today = tuple(running if block.id == running.id else block for block in last.today)
        self._publish(Snapshot(running, today, last.recent_tasks, self._pending_count()))
        return True

    # ---------------------------------------------------------------- presses

    @Slot(object)
    def log_interruption(self, at: datetime) -> None:
        """Store a hotkey press. If the database cannot take it now, it is written to the
        journal first, then stored in order as soon as the database can be used.

        A press the wall clock dates before the running block's start (the clock was set
        back since) is kept at the start: refusing it would lose a real interruption.
        """
        running = self._snapshot.running if self._snapshot is not None else None
        if running is not None and at < running.start:
            at = running.start
        interruption = Interruption(at, None, Kind.EXTERNAL, "other", None, self.zone_name)
        if self._queue or self.store is None:
            self._keep(interruption)
            self._drain_unless_retrying()
            return
        try:
            stored = self.store.interrupt(interruption)
        except StoreError as exc:
            self._keep(interruption)
            self._delayed(exc)
            return
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return
        self.interruption_stored.emit(stored)
        if not self._snapshot_with([stored]):
            self.emit_snapshot()

    def _keep(self, interruption: Interruption) -> None:
        """Durable before anything says it was logged: into the journal, then the queue."""
        entry: Entry | None = None
        if self.journal is not None:
            try:
                entry = self.journal.append(interruption)
            except FlowtallyError as exc:
                self.failed.emit(f"{exc}; the interruption is kept in memory only")
        self._queue.append(_Press(interruption, entry))
        self._publish_pending()

    def _store_press(self, press: _Press) -> Interruption | None:
        """Store one waiting press (``None`` if it was stored before a crash, or can belong
        nowhere: then it is given up, with the reason). Raises :class:`StoreError` while the
        database cannot take it."""
        assert self.store is not None
        try:
            if press.replayed and self.store.holds(press.interruption):
                stored = None
            else:
                stored = self.store.interrupt(press.interruption)
        except StoreError:
            raise
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            stored = None
        if press.entry is not None and self.journal is not None:
            self.journal.done(press.entry)
        return stored

    def _drain(self) -> None:
        """Do the waiting writes in order, until one finds the database busy (then they are
        retried every :data:`RETRY_MS`); writes that waited too long are given up."""
        stored_now: list[Interruption] = []
        problem: StoreError | None = None
        while self._queue and self.store is not None:
            item = self._queue[0]
            try:
                if isinstance(item, _Press):
                    stored = self._store_press(item)
                    if stored is not None:
                        stored_now.append(stored)
                        self.interruption_stored.emit(stored)
                else:
                    item.attempt()
            except StoreError as exc:
                problem = exc
                break
            self._queue.popleft()
        if problem is not None or self.store is None:
            reason = self._unavailable
            if isinstance(problem, DatabaseBusy):  # a job gives up after the CLI's own wait
                reason = str(DatabaseBusy(COMMAND_WAIT_S))
            elif problem is not None:
                reason = str(problem)
            self._give_up_jobs(reason, every=self.store is None)
        if self._pending_count() == 0 and self.journal is not None:
            self.journal.clear()
        self._saved_late += len(stored_now)
        if problem is not None:
            self._delayed(problem)
        elif not self._queue:
            self._settled()
        if not self._snapshot_with(stored_now):
            self.emit_snapshot()

    def _drain_unless_retrying(self) -> None:
        """While retries run, a new write only joins the queue: trying the lock again for
        each press of a burst would leave the presses behind it waiting, not yet kept."""
        if self._retry is None or not self._retry.isActive():
            self._drain()

    def _settled(self) -> None:
        if self._retry is not None and self._retry.isActive():
            self._retry.stop()
            if self._saved_late:
                self.notice.emit(f"Saved: {self._saved_late} interruption(s) that had to wait.")
        self._saved_late = 0

    def _delayed(self, problem: FlowtallyError) -> None:
        """Say once that saving is delayed (not at every retry), and show what waits."""
        self._publish_pending()
        if self._retry is None or self._retry.isActive():
            return
        self._retry.start()
        waiting = self._pending_count()
        reason = "another program holds the lock" if isinstance(problem, DatabaseBusy) else problem
        if waiting:
            self.failed.emit(
                f"Saving is delayed: {waiting} interruption(s) wait in memory and in the "
                f"journal, and are retried ({reason})"
            )

    def _give_up_jobs(self, reason: str, every: bool = False) -> None:
        """Fail the jobs that have waited too long (or all of them): each says why."""
        clock = time.monotonic()
        for item in list(self._queue):
            if isinstance(item, _Job) and (every or clock >= item.deadline):
                self._queue.remove(item)
                item.give_up(reason)

    # ---------------------------------------------------------------- other writes

    def _submit(self, attempt: Callable[[], None], give_up: Callable[[str], None]) -> None:
        """Do a write now, or after the writes already waiting; a busy database is retried
        for :data:`COMMAND_WAIT_S`, then the write fails with the reason."""
        if self.store is None:
            give_up(self._unavailable)
            return
        job = _Job(attempt, give_up, time.monotonic() + COMMAND_WAIT_S)
        self._queue.append(job)
        self._drain_unless_retrying()

    def _write(self, action: Callable[[Store], object]) -> None:
        def attempt() -> None:
            assert self.store is not None
            try:
                action(self.store)
            except StoreError:
                raise
            except FlowtallyError as exc:
                self.failed.emit(str(exc))

        self._submit(attempt, self.failed.emit)

    @Slot(str)
    def start(self, task: str) -> None:
        self._write(lambda s: s.start(now(), self.zone_name, task.strip() or None))

    @Slot()
    def pause(self) -> None:
        self._write(lambda s: s.pause(now(), self.zone_name))

    @Slot()
    def resume(self) -> None:
        self._write(lambda s: s.resume(now()))

    @Slot()
    def stop(self) -> None:
        self._write(lambda s: s.stop(now()))

    @Slot(int, str, str, str)
    def retag(self, interruption_id: int, kind: str, source: str, note: str) -> None:
        self._on_block_of(
            interruption_id,
            lambda b: edits.retag(b, interruption_id, Kind(kind), source, note or None),
        )

    @Slot(int)
    def close_interruption(self, interruption_id: int) -> None:
        self._on_block_of(interruption_id, lambda b: edits.close(b, interruption_id, now()))

    def _on_block_of(self, interruption_id: int, change: Callable[[Block], Block]) -> None:
        self._write(lambda store: store.update_holding(interruption_id, change))

    def _on_running(self, change: Callable[[Block], Block]) -> None:
        def apply(store: Store) -> None:
            running = store.running()
            if running is not None and running.id is not None:
                store.update(running.id, change)

        self._write(apply)

    @Slot(object)
    def notice_gap(self, gap: edits.Gap) -> None:
        """Record a gap as a break until the user says otherwise."""
        self._on_running(lambda b: edits.resolve_gap(b, gap, edits.GapChoice.BREAK, self.zone_name))

    @Slot(object, str, str, str, str)
    def resolve_gap(self, gap: edits.Gap, choice: str, kind: str, source: str, note: str) -> None:
        self._on_running(
            lambda b: edits.reclassify_gap(
                b,
                gap,
                edits.GapChoice(choice),
                self.zone_name,
                Kind(kind),
                source or "other",
                note or None,
            )
        )

    @Slot()
    def heartbeat(self) -> None:
        if self.store is None:
            return
        try:
            self.store.heartbeat(now())
        except FlowtallyError as exc:
            log.warning("heartbeat not written: %s", exc)

    # ---------------------------------------------------------------- forwarded CLI

    @Slot(int, list)
    def run_command(self, request_id: int, argv: list[str]) -> None:
        """Run a ``flowtally`` command sent by a second process, against this app's store.

        It is answered at once when it can be: an ``interrupt`` the database cannot take now
        is kept like a press (and says so); another command waits its turn behind waiting
        presses, and for a lock as long as the CLI alone would, then fails with the reason.
        ``status`` reads at once.
        """
        try:
            args = runner.parse(argv)
        except SystemExit as exit_:  # argparse usage errors (the client checked them first)
            code = exit_.code if isinstance(exit_.code, int) else 2
            self.command_done.emit(request_id, code, "", "flowtally: error: bad command line\n")
            return
        host = runner.Host(
            store=self._busy if self._queue and args.command == "interrupt" else self._lend,
            zone_name=self.zone_name,
            app_info={**self.app_info, "pending_writes": self._pending_count()},
            keep=self._keep,
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
            self.command_done.emit(request_id, code, out.getvalue(), err.getvalue())

        def give_up(reason: str) -> None:
            self.command_done.emit(request_id, 1, "", f"flowtally: error: {reason}\n")

        if args.command in ("status", "interrupt") or self.store is None:
            try:
                attempt()
            except StoreError as exc:
                give_up(str(exc))
            if self._queue and self.store is not None:  # an interruption kept: store it soon
                self._drain_unless_retrying()
            else:
                self.emit_snapshot()
            return
        self._submit(attempt, give_up)

    def _lend(self) -> Store:
        if self.store is None:
            raise StoreError(self._unavailable)
        return self.store

    def _busy(self) -> Store:
        """For an interruption behind waiting writes: it is kept, to be stored after them."""
        raise StoreError(f"{len(self._queue)} earlier change(s) wait to be saved first")


def stop_worker(worker: QObject, thread: QThread) -> None:
    """Call the worker's ``close`` slot on its own thread (its timers and its database
    connection live there), then end the thread."""
    if thread.isRunning():
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        thread.wait(10_000)
    else:
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.DirectConnection)

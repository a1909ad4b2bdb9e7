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
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from app import cli
from data.errors import StoreError
from data.store import Store
from tracker import edits
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.model import Block, Interruption
from tracker.settings import load_zone
from tracker.types import Kind

log = logging.getLogger(__name__)
RETRY_MS = 500
REOPEN_MS = 3000
WAIT_FOR_LOCK_MS = 300
"""A write waits this long for another program's lock, then the press waits in memory and is
retried every :data:`RETRY_MS`: the worker never sits seconds in one attempt while presses
pile up unannounced."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the GUI needs to draw the status until the next change."""

    running: Block | None
    today: tuple[Block, ...]
    recent_tasks: tuple[str, ...]
    pending: int
    """Interruptions pressed but not stored yet (the database is busy)."""


def now() -> datetime:
    return datetime.now(UTC)


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
        self._pending: deque[Interruption] = deque()
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
        say so, keep presses in memory, and try again every few seconds."""
        if self._retry is None:
            self._retry = QTimer(self)
            self._retry.setInterval(RETRY_MS)
            self._retry.timeout.connect(self._flush_pending)
            self._reopen = QTimer(self)
            self._reopen.setSingleShot(True)
            self._reopen.setInterval(REOPEN_MS)
            self._reopen.timeout.connect(self.open)
        try:
            store = Store.open(self.database, busy_timeout_ms=WAIT_FOR_LOCK_MS)
        except FlowtallyError as exc:
            self.failed.emit(
                f"{exc}. Interruptions you log are kept in memory and saved as soon as the "
                "database can be used; Flowtally keeps trying."
            )
            if self._reopen is not None:
                self._reopen.start()
            return
        try:
            running = store.running()
            heartbeat = store.last_heartbeat() if running else None
        except FlowtallyError as exc:
            store.close()
            self.failed.emit(str(exc))
            if self._reopen is not None:
                self._reopen.start()
            return
        self.store = store
        self.opened.emit(running, heartbeat)
        if self._pending:
            self._flush_pending()
        else:
            self.emit_snapshot()

    @Slot()
    def close(self) -> None:
        """Flush and close; call on the worker's thread (see :func:`stop_worker`)."""
        for timer in (self._retry, self._reopen):
            if timer is not None:
                timer.stop()
        self._flush_pending()
        if self.store is not None:
            self.store.close()
            self.store = None

    # ---------------------------------------------------------------- reads

    @Slot()
    def emit_snapshot(self) -> None:
        if self.store is None:
            return
        try:
            running, today = self.store.day(DayClock(load_zone(self.zone_name)), now())
            recent = tuple(self.store.recent_tasks(8))
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return
        self._publish(Snapshot(running, tuple(today), recent, len(self._pending)))

    def _publish(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self.snapshot_ready.emit(snapshot)

    def _snapshot_with(self, stored: list[Interruption]) -> bool:
        """The last snapshot with just-stored interruptions added, without reading the day
        again: that read grows with the day's interruptions, and a burst of presses would
        each wait for it. False when there is no running block to add them to."""
        last = self._snapshot
        if last is None or last.running is None or not stored:
            return False
        running = replace(last.running, interruptions=(*last.running.interruptions, *stored))
        today = tuple(running if block.id == running.id else block for block in last.today)
        self._publish(Snapshot(running, today, last.recent_tasks, len(self._pending)))
        return True

    # ---------------------------------------------------------------- writes

    def _write(self, action: Callable[[Store], object]) -> bool:
        if self.store is None:
            self.failed.emit("the database is not open")
            return False
        try:
            action(self.store)
        except FlowtallyError as exc:
            self.failed.emit(str(exc))
            return False
        finally:
            self.emit_snapshot()
        return True

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

    @Slot(object)
    def log_interruption(self, at: datetime) -> None:
        """Store a hotkey press; if the database is busy, keep it in order and retry.

        A press the wall clock dates before the running block's start (the clock was set
        back since) is kept at the start: refusing it would lose a real interruption.
        """
        running = self._snapshot.running if self._snapshot is not None else None
        if running is not None and at < running.start:
            at = running.start
        self._pending.append(Interruption(at, None, Kind.EXTERNAL, "other", None, self.zone_name))
        self._flush_pending()

    def _flush_pending(self) -> None:
        """Store the waiting presses in order. A storage problem (a lock, a full disk, a
        damaged file) keeps them waiting and retried; only a press that cannot belong anywhere
        (no block runs any more) is given up, with the reason."""
        stored_now: list[Interruption] = []
        while self._pending and self.store is not None:
            interruption = self._pending[0]
            try:
                stored = self.store.interrupt(interruption)
            except StoreError as exc:
                self._delayed(exc)
                return
            except FlowtallyError as exc:
                self._pending.popleft()
                self.failed.emit(str(exc))
                continue
            self._pending.popleft()
            stored_now.append(stored)
            self.interruption_stored.emit(stored)
        if self._retry is not None and self._retry.isActive():
            self._retry.stop()
            if stored_now:
                self.notice.emit(f"Saved: {len(stored_now)} interruption(s) that had to wait.")
        if not self._snapshot_with(stored_now):
            self.emit_snapshot()

    def _delayed(self, problem: FlowtallyError) -> None:
        """Say once that saving is delayed (not at every retry), and show what waits."""
        if self._retry is None or self._retry.isActive():
            return
        self._retry.start()
        self.failed.emit(
            f"Saving is delayed: {len(self._pending)} interruption(s) wait in memory and are "
            f"retried ({problem})"
        )
        self.emit_snapshot()

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
        """Run a ``flowtally`` command sent by a second process, against this app's store."""
        out, err = io.StringIO(), io.StringIO()
        try:
            code = cli.main(
                argv, out, err, store=self.store, zone_name=self.zone_name, app_info=self.app_info
            )
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        self.command_done.emit(request_id, code, out.getvalue(), err.getvalue())
        self.emit_snapshot()


def stop_worker(worker: QObject, thread: QThread) -> None:
    """Call the worker's ``close`` slot on its own thread (its timers and its database
    connection live there), then end the thread."""
    if thread.isRunning():
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        thread.wait(10_000)
    else:
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.DirectConnection)

"""Every database operation of the running app, on one worker thread, in order.

The GUI thread never waits on the database: it sends a request (:mod:`app.gui.store_protocol`)
and this worker answers, among other things, with a :class:`Snapshot` (the running block and
today's blocks) that the GUI turns into a status in memory. A hotkey press reaches the worker
from the pynput thread through a queued connection, so it is committed without passing the
GUI thread. A press the database cannot take yet is kept in the journal and waits, in order,
in the :class:`~app.gui.write_queue.WriteQueue`; it is announced only once stored.
"""

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar, assert_never

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from app.clock import now
from app.commands.tracking import stopped_line
from app.config import load_settings
from app.gui import store_protocol as msg
from app.gui.forwarded import forwarded_job
from app.gui.snapshots import Snapshots
from app.gui.store_protocol import StoreAnswer, StoreRequest
from app.gui.write_queue import WriteQueue
from app.journal import BackAt, Journal, Kept, journal_path
from data import engine as engines
from data.errors import DatabaseBusy, StoreError
from data.store import Store
from tracker import edits
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.model import Block, Interruption, Pressed
from tracker.settings import load_zone
from tracker.undo import undone_line

log = logging.getLogger(__name__)
Written = TypeVar("Written")
RETRY_MS = 500
REOPEN_MS = 3000
WAIT_FOR_LOCK_MS = 300
"""A write waits this long for another program's lock, then the press waits in the journal
and is retried every :data:`RETRY_MS`: the worker never sits seconds in one attempt while
presses pile up unannounced."""
COMMAND_WAIT_S = engines.BUSY_TIMEOUT_MS / 1000
"""How long a command (forwarded, or from the menu) is retried while the database is busy:
as long as the CLI alone would wait for the lock, so forwarding never makes it fail sooner."""


class StoreWorker(QObject):
    requested = Signal(object)
    """A :data:`StoreRequest`, from any thread; handled on the worker's thread."""
    answered = Signal(object)
    """A :data:`StoreAnswer`, for the GUI thread."""

    def __init__(self, database: str | None, zone_name: str) -> None:
        super().__init__()
        self.database = database
        self.zone_name = zone_name
        self.clock = DayClock(load_zone(zone_name))
        self.store: Store | None = None
        self.queue = WriteQueue(Journal(journal_path(database)), self._fail, COMMAND_WAIT_S)
        self._unavailable = "the database is not open yet"
        self._saved_late = 0
        self.snapshots = Snapshots(self._answer, lambda: self.queue.presses)
        self._retry: QTimer | None = None
        self._reopen: QTimer | None = None
        self.requested.connect(self.handle)  # a bound method: run on the worker's thread

    @Slot(object)
    def handle(self, request: StoreRequest) -> None:
        match request:
            case msg.Open():
                self.open()
            case msg.Start(task):
                self._write(lambda s: s.start(now(), self.zone_name, task.strip() or None))
            case msg.Pause():
                self._write(lambda s: s.pause(now(), self.zone_name))
            case msg.Resume():
                self._write(lambda s: s.resume(now()))
            case msg.Stop():
                self._write(self._stop)
            case msg.Press(at):
                self._hotkey(at)
            case msg.Retag(interruption_id, kind, source, note):
                self._on_block_of(
                    interruption_id,
                    lambda b: edits.retag(b, interruption_id, kind, source, note or None),
                )
            case msg.Back():
                self.back(BackAt(now(), self.zone_name))
            case msg.Undo():
                self._write(self._undo)
            case msg.StartFromPress(press_id):
                self._write(lambda s: s.start_from_press(press_id))
            case msg.NoticeGap(gap):
                self._on_running(
                    lambda b: edits.resolve_gap(b, gap, edits.GapChoice.BREAK, self.zone_name),
                    watched_until=gap.end,
                )
            case msg.ResolveGap(gap, choice, kind, source, note):
                self._on_running(
                    lambda b: edits.reclassify_gap(
                        b, gap, choice, self.zone_name, kind, source or "other", note or None
                    )
                )
            case msg.Heartbeat():
                self.heartbeat()
            case msg.Forwarded():
                self.run_command(request)
            case msg.Refresh():
                self.emit_snapshot()
            case _:
                assert_never(request)

    def _answer(self, answer: StoreAnswer) -> None:
        self.answered.emit(answer)

    def _fail(self, message: str) -> None:
        self._answer(msg.Failed(message))

    # ---------------------------------------------------------------- lifecycle

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
            if kept := self.queue.load():
                log.info("%d interruption(s) kept in the journal are to be saved", kept)
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
            self._fail(
                f"{exc}. Interruptions you log are kept in memory and in a journal on disk, "
                "and saved as soon as the database can be used; Flowtally keeps trying."
            )
            self.queue.give_up(self._unavailable, every=True)
            self.snapshots.publish_pending()
            if self._reopen is not None:
                self._reopen.start()
            return
        self.store = store
        self._answer(msg.Opened(running, heartbeat))
        if self.queue:
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
        self.queue.give_up("Flowtally is quitting; nothing was changed", every=True)
        if waiting := self.queue.presses:
            log.warning(
                "%d interruption(s) could not be saved yet; they are kept in the journal and "
                "saved at the next start",
                waiting,
            )
        self.queue.close()
        if self.store is not None:
            self.store.close()
            self.store = None

    # ---------------------------------------------------------------- reads

    def emit_snapshot(self) -> None:
        if self.store is None:
            self.snapshots.publish_pending()
            return
        try:
            self.snapshots.read(self.store, self.clock, now())
        except FlowtallyError as exc:
            self._fail(str(exc))
            self.snapshots.publish_pending()

    # ---------------------------------------------------------------- presses

    def press(self, interruption: Interruption) -> Pressed | None:
        """Store a press (the hotkey's, or a forwarded ``flowtally interrupt``), going on until
        "I'm back" (``None`` when it waits in the journal, or was refused)."""
        pressed = self._durably(interruption, lambda store: store.press(interruption))
        if pressed is None:
            return None
        self._answer(msg.Stored(pressed))
        made = [pressed.interruption] if pressed.new and pressed.interruption else []
        if not made or not self.snapshots.with_stored(made, now()):
            self.emit_snapshot()
        return pressed

    def back(self, back: BackAt, raising: bool = False) -> Block | None:
        """ "I'm back" (``None`` when it waits in the journal, or was refused). A refusal
        (nothing is going on) is said, or raised with ``raising`` (for a forwarded
        ``flowtally back``, which prints it)."""
        block = self._durably(back, lambda store: store.back(back.at), raising)
        if block is not None:
            self.emit_snapshot()
        return block

    def _durably(
        self, kept: Kept, write: Callable[[Store], Written], raising: bool = False
    ) -> Written | None:
        """Do a logged moment's write now; if the database cannot take it, write it to the
        journal first, then store it in order as soon as the database can be used (``None``
        then). A refusal is said as a failure, or raised with ``raising``."""
        if self.queue or self.store is None:
            self._keep(kept)
            self._drain_unless_retrying()
            return None
        try:
            return write(self.store)
        except StoreError as exc:
            self._keep(kept)
            self._delayed(exc)
            return None
        except FlowtallyError as exc:
            if raising:
                raise
            self._fail(str(exc))
            return None

    def _hotkey(self, at: datetime) -> None:
        self.press(Interruption(at, None, timezone=self.zone_name, ongoing=True))

    def _keep(self, kept: Kept) -> None:
        self.queue.keep(kept)
        self.snapshots.publish_pending()

    def _drain(self) -> None:
        """Do the waiting writes in order (retried every :data:`RETRY_MS` while the database
        is busy); writes that waited too long are given up."""
        done = self.queue.drain(self.store, self._unavailable)
        for pressed in done.stored:
            self._answer(msg.Stored(pressed))
        made = [p.interruption for p in done.stored if p.new and p.interruption is not None]
        self._saved_late += len(made)
        if done.problem is not None:
            self._delayed(done.problem)
        elif not self.queue:
            self._settled()
        if len(made) < len(done.stored) or not self.snapshots.with_stored(made, now()):
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
                self._answer(
                    msg.Notice(
                        _("Saved: {n} interruption(s) that had to wait.").format(n=self._saved_late)
                    )
                )
        self._saved_late = 0

    def _delayed(self, problem: FlowtallyError) -> None:
        """Say once that saving is delayed (not at every retry), and show what waits."""
        self.snapshots.publish_pending()
        if self._retry is None or self._retry.isActive():
            return
        self._retry.start()
        busy = isinstance(problem, DatabaseBusy)
        reason = _("another program holds the lock") if busy else str(problem)
        if waiting := self.queue.presses:
            line = _(
                "Saving is delayed: {n} interruption(s) wait in memory and in the journal, "
                "and are retried ({reason})"
            )
            self._fail(line.format(n=waiting, reason=reason))

    # ---------------------------------------------------------------- other writes

    def _submit(self, attempt: Callable[[], None], give_up: Callable[[str], None]) -> None:
        """Do a write now, or after the writes already waiting; a busy database is retried
        for :data:`COMMAND_WAIT_S`, then the write fails with the reason."""
        if self.store is None:
            give_up(self._unavailable)
            return
        self.queue.submit(attempt, give_up)
        self._drain_unless_retrying()

    def _write(self, action: Callable[[Store], object]) -> None:
        def attempt() -> None:
            assert self.store is not None
            try:
                action(self.store)
            except StoreError:
                raise
            except FlowtallyError as exc:
                self._fail(str(exc))

        self._submit(attempt, self._fail)

    def _stop(self, store: Store) -> None:
        """Stop, and say what the block came to, as ``flowtally stop`` prints it."""
        block = store.stop(now())
        self._answer(msg.Notice(stopped_line(block, load_settings().model, self.clock.zone)))

    def _undo(self, store: Store) -> None:
        step = store.undo()
        when = step.at.astimezone(self.clock.zone).strftime("%H:%M")
        self._answer(msg.Notice(undone_line(step.describe(when))))

    def _on_block_of(self, interruption_id: int, change: Callable[[Block], Block]) -> None:
        self._write(lambda store: store.update_holding(interruption_id, change))

    def _on_running(
        self, change: Callable[[Block], Block], watched_until: datetime | None = None
    ) -> None:
        """``watched_until``: a gap was noticed up to then, so the heartbeat moves there (a
        restart before the next one must not ask about the same gap again)."""

        def apply(store: Store) -> None:
            running = store.running()
            if running is not None and running.id is not None:
                store.update(running.id, change)
                if watched_until is not None:
                    store.heartbeat(watched_until)

        self._write(apply)

    def heartbeat(self) -> None:
        if self.store is None:
            return
        try:
            self.store.heartbeat(now())
        except FlowtallyError as exc:
            log.warning("heartbeat not written: %s", exc)

    # ---------------------------------------------------------------- forwarded CLI

    def run_command(self, request: msg.Forwarded) -> None:
        """Run a ``flowtally`` command sent by a second process, against this app's store:
        at once when it can be (:data:`~app.gui.forwarded.AT_ONCE`), otherwise in its turn
        behind waiting presses, waiting for a lock as long as the CLI alone would."""
        job = forwarded_job(
            request,
            self._store_for,
            self.zone_name,
            self.queue.presses,
            (self._keep, self.press, lambda at: self.back(BackAt(at, self.zone_name), True)),
            self._answer,
        )
        if job is None:
            return
        if not job.at_once and self.store is not None:
            self._submit(job.attempt, job.give_up)
            return
        try:
            job.attempt()
        except StoreError as exc:
            job.give_up(str(exc))
        if self.queue and self.store is not None:  # an interruption kept: store it soon
            self._drain_unless_retrying()
        else:
            self.emit_snapshot()

    def _store_for(self, command: str | None) -> Callable[[], Store]:
        """An interruption behind waiting writes is kept, to be stored after them."""
        return self._busy if self.queue and command == "interrupt" else self._lend

    def _lend(self) -> Store:
        if self.store is None:
            raise StoreError(self._unavailable)
        return self.store

    def _busy(self) -> Store:
        raise StoreError(_("{0} earlier change(s) wait to be saved first").format(len(self.queue)))


def stop_worker(worker: QObject, thread: QThread) -> None:
    """Call the worker's ``close`` slot on its own thread (its timers and its database
    connection live there), then end the thread."""
    if thread.isRunning():
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        # No timeout: the worker has closed, so its loop ends at once; a timed wait can come
        # back early when the wall clock jumps (a resume), and deleting a running thread
        # aborts the process.
        thread.wait()
    else:
        QMetaObject.invokeMethod(worker, "close", Qt.ConnectionType.DirectConnection)

"""The running app's tracking, on one worker thread, in order: every write it makes and the
reads its status needs.

The GUI thread never waits on the database: it sends a request (:mod:`app.gui.store_protocol`)
and this worker answers, among other things, with a :class:`Snapshot` (the running block and
today's blocks) that the GUI turns into a status in memory. A hotkey press reaches the worker
from the pynput thread through a queued connection, so it is committed without passing the
GUI thread. Writes go through the :class:`~app.gui.durable_writer.DurableWriter`: a press the
database cannot take yet is kept in the journal and waits, in order; it is announced only
once stored. The dashboard's charts, background sync and the team page read (and sync
writes) through stores of their own on threads of their own: SQLite's WAL and the lock's
busy wait let them work beside this one.
"""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar, assert_never

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from app.collector import set_aside
from app.commands.tracking import stopped_line
from app.config import load_settings
from app.gui import store_protocol as msg
from app.gui.durable_writer import DurableWriter
from app.gui.forwarded import forwarded_job
from app.gui.snapshots import Snapshots
from app.gui.store_protocol import StoreAnswer, StoreRequest
from app.journal import Journal, journal_path
from app.language import requests as rq
from data import engine as engines
from data.errors import StoreError
from data.store import Store
from tracker import edits
from tracker.clock import now
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.model import Block, Interruption, Pressed
from tracker.settings import load_zone
from tracker.undo import undone_line

log = logging.getLogger(__name__)
Said = TypeVar("Said")
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
        self._retry = QTimer(self)  # children: they move to the worker's thread with it
        self._retry.setInterval(RETRY_MS)
        self._reopen = QTimer(self)
        self._reopen.setSingleShot(True)
        self._reopen.setInterval(REOPEN_MS)
        self._reopen.timeout.connect(self.open)
        self.writer = DurableWriter(
            Journal(journal_path(database)), self._retry, self, COMMAND_WAIT_S
        )
        self._retry.timeout.connect(self.writer.drain)
        self.snapshots = Snapshots(self._answer, lambda: self.writer.queue.presses)
        self._loaded = False
        self.requested.connect(self.handle)  # a bound method: run on the worker's thread

    @Slot(object)
    def handle(self, request: StoreRequest) -> None:
        zone = self.zone_name
        match request:
            case msg.Open():
                self.open()
            case rq.Start(task):
                self.writer.write(lambda s: s.start(now(), zone, (task or "").strip() or None))
            case rq.Pause():
                self.writer.write(lambda s: s.pause(now(), zone))
            case rq.Resume():
                self.writer.write(lambda s: s.resume(now()))
            case rq.Stop():
                self.writer.write(self._stop)
            case msg.Press(at):
                self._refused(
                    self.writer.press, Interruption(at, None, timezone=zone, ongoing=True)
                )
            case msg.Retag(interruption_id, kind, source, note):
                self.writer.write(
                    lambda s: s.update_holding(
                        interruption_id,
                        lambda b: edits.retag(b, interruption_id, kind, source, note or None),
                    )
                )
            case rq.Back():
                self._refused(lambda at: self.writer.back(at, zone), now())
            case rq.Undo():
                self.writer.write(self._undo)
            case msg.StartFromPress(press_id):
                self.writer.write(lambda s: s.start_from_press(press_id))
            case msg.NoticeGap(gap):
                self._on_running(
                    lambda b: edits.resolve_gap(b, gap, edits.GapChoice.BREAK, zone),
                    watched_until=gap.end,
                )
            case msg.ResolveGap(gap, choice, kind, source, note):
                self._on_running(
                    lambda b: edits.reclassify_gap(
                        b, gap, choice, zone, kind, source or "other", note or None
                    )
                )
            case msg.CheckInAt(at, answer):
                model = load_settings().model
                self.writer.write(lambda s: s.check_in(at, answer, zone, model))
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

    def _refused(self, write: Callable[[Said], object], said: Said) -> None:
        """A moment from the hotkey or the popup: a refusal (nothing going on) is said."""
        try:
            write(said)
        except StoreError:
            raise
        except FlowtallyError as exc:
            self.failed(str(exc))

    # ---------------------------------------------------------------- what the writer says

    def saved(self, pressed: Sequence[Pressed]) -> None:
        for one in pressed:
            self._answer(msg.Stored(one))
        made = [p.interruption for p in pressed if p.new and p.interruption is not None]
        if len(made) < len(pressed) or not self.snapshots.with_stored(made, now()):
            self.emit_snapshot()

    def changed(self) -> None:
        self.emit_snapshot()

    def pending(self) -> None:
        self.snapshots.publish_pending()

    def failed(self, message: str) -> None:
        self._answer(msg.Failed(message))

    def notice(self, message: str, actions: tuple[str, ...] = ()) -> None:
        self._answer(msg.Notice(message, actions))

    # ---------------------------------------------------------------- lifecycle

    def open(self) -> None:
        """Open the store; if it cannot be used (locked, damaged, unreachable, a full disk),
        say so, keep presses in the journal, and try again every few seconds. Presses the
        journal kept from an earlier run are stored first, in order."""
        if not self._loaded:
            self._loaded = True
            if kept := self.writer.queue.load():
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
            self.failed(
                f"{exc}. Interruptions you log are kept in memory and in a journal on disk, "
                "and saved as soon as the database can be used; Flowtally keeps trying."
            )
            self.writer.unusable(str(exc))
            self._reopen.start()
            return
        self._answer(msg.Opened(running, heartbeat))
        self.writer.opened(store)
        set_aside("the tray's start")

    @Slot()
    def close(self) -> None:
        """Store what can be stored and close; call on the worker's thread (see
        :func:`stop_worker`). Presses the database cannot take stay in the journal."""
        self._reopen.stop()
        self.writer.close()

    # ---------------------------------------------------------------- reads

    def emit_snapshot(self) -> None:
        store = self.writer.open_store
        if store is None:
            self.snapshots.publish_pending()
            return
        try:
            self.snapshots.read(store, self.clock, now())
        except FlowtallyError as exc:
            self.failed(str(exc))
            self.snapshots.publish_pending()

    # ---------------------------------------------------------------- writes

    def _stop(self, store: Store) -> None:
        """Stop, and say what the block came to, as ``flowtally stop`` prints it."""
        block = store.stop(now())
        self.notice(stopped_line(block, load_settings().model, self.clock.zone), ("start",))

    def _undo(self, store: Store) -> None:
        step = store.undo()
        when = step.at.astimezone(self.clock.zone).strftime("%H:%M")
        self.notice(undone_line(step.describe(when)))

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

        self.writer.write(apply)

    def heartbeat(self) -> None:
        if self.writer.open_store is None:
            return
        try:
            self.writer.open_store.heartbeat(now())
        except FlowtallyError as exc:
            log.warning("heartbeat not written: %s", exc)

    # ---------------------------------------------------------------- forwarded commands

    def run_command(self, request: msg.Forwarded) -> None:
        """Run a ``flowtally`` command sent by a second process, against this app's store:
        at once when it can be (:func:`app.language.requests.at_once`), otherwise in its
        turn behind waiting writes, waiting for a lock as long as the CLI alone would."""
        job = forwarded_job(request, self.writer, self.zone_name, self._answer)
        if not job.at_once and self.writer.open_store is not None:
            self.writer.submit(job.attempt, job.give_up)
            return
        try:
            job.attempt()
        except StoreError as exc:
            job.give_up(str(exc))
        if self.writer.queue and self.writer.open_store is not None:  # kept: store it soon
            self.writer.drain_unless_retrying()
        else:
            self.emit_snapshot()


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

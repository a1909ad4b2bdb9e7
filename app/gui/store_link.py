"""The GUI's end of the store worker: its thread, and requests made before it exists.

The worker (and SQLAlchemy with it) is made only after the tray icon shows; a request sent
earlier waits here and goes first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread

from app.gui import store_protocol as msg
from app.gui.store_protocol import StoreAnswer, StoreRequest

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.gui.store_worker import StoreWorker


class StoreLink:
    def __init__(self, database: str | None, zone_name: str) -> None:
        self.database = database
        self.zone_name = zone_name
        self.worker: StoreWorker | None = None
        self.thread: QThread | None = None
        self._outbox: list[StoreRequest] = []

    def start(self, answered: Callable[[StoreAnswer], None]) -> StoreWorker:
        from app.gui.store_worker import StoreWorker

        thread = QThread()
        thread.setObjectName("store-worker")
        worker = StoreWorker(self.database, self.zone_name)
        worker.moveToThread(thread)
        worker.answered.connect(answered)
        self.worker, self.thread = worker, thread
        thread.start()
        worker.requested.emit(msg.Open())
        for request in self._outbox:
            worker.requested.emit(request)
        self._outbox.clear()
        return worker

    def send(self, request: StoreRequest) -> None:
        """Ask the store worker; before it exists (the first moment), keep the request."""
        if self.worker is None:
            self._outbox.append(request)
        else:
            self.worker.requested.emit(request)

    def stop(self) -> None:
        """Close the worker on its thread. The answers to commands it ran before it stopped
        are delivered: their clients get them (and never run them a second time)."""
        if self.worker is not None and self.thread is not None:
            from app.gui.store_worker import stop_worker

            stop_worker(self.worker, self.thread)
            QCoreApplication.processEvents()

    def objects(self) -> list[QObject | None]:
        """What to delete at the end, children first (never a thread still running)."""
        if self.thread is not None and self.thread.isRunning():
            log.warning("the store worker is still running at exit; it is not deleted")
            return []
        return [self.worker, self.thread]

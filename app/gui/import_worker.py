"""The dashboard's import, away from the GUI thread: reading a year of Toggl Track entries or
a Focus Timer database, checking each block against the store, and writing them take
seconds the window must not freeze for.

Each request opens its own store connection on the thread pool. An answer to a request the
dialog has since replaced (another file, another option) is dropped; the import writes what
the last summary said, checked again against the store as it is then.
"""

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Signal

from tracker.errors import FlowtallyError
from tracker.foreign.outcome import Reading
from tracker.i18n import _
from tracker.units import plural

if TYPE_CHECKING:
    from app.commands.importing import Planned

log = logging.getLogger(__name__)


class ImportWorker(QObject):
    ready = Signal(object, bool)
    """The summary's lines (or a one-line problem as a ``str``) and whether there is
    anything new to import, for the request asked last."""
    imported = Signal(str, bool)
    """What the import did (or why it failed), and whether it wrote anything."""
    _found = Signal(int, object, object)
    """From the pool: request number, :class:`Planned` or ``None``, the answer."""

    def __init__(self, database: str | None) -> None:
        super().__init__()
        self.database = database
        self.asked = 0
        self.plan: Planned | None = None
        self._found.connect(self._received)  # queued: handled on the GUI thread

    def ask(self, path: str, source: str | None, reading: Reading) -> None:
        """Work out what importing ``path`` would do."""
        self.asked += 1
        self.plan = None
        number, database = self.asked, self.database

        def work() -> None:
            from app.commands.importing import plan_import, recognise
            from data.store import Store
            from tracker.foreign.summary import summary_lines

            answer: list[str] | str
            planned: Planned | None = None
            try:
                store = Store.open(database)
                try:
                    kind = source or recognise(Path(path))
                    planned = plan_import(store, Path(path), kind, reading)
                finally:
                    store.close()
                answer = summary_lines(planned.summary)
            except FlowtallyError as exc:
                answer = str(exc)
            except Exception:  # a bug: one line, the trace in the log
                log.exception("an import could not be read")
                answer = _("The file could not be read; the log says why.")
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nobody to tell
                found.emit(number, planned, answer)

        found = self._found
        QThreadPool.globalInstance().start(work)

    def _received(self, number: int, planned: "Planned | None", answer: list[str] | str) -> None:
        if number != self.asked:  # the dialog has asked about something else since
            return
        self.plan = planned
        self.ready.emit(answer, planned is not None and planned.summary.new > 0)

    def commit(self) -> None:
        """Write what the last summary said."""
        planned, database = self.plan, self.database
        if planned is None:
            return
        self.plan = None

        def work() -> None:
            from app.commands.importing import commit
            from data.store import Store

            try:
                store = Store.open(database)
                try:
                    result = commit(store, planned)
                finally:
                    store.close()
                said = _("Imported {blocks} from {path}.").format(
                    blocks=plural(result.added, "block"), path=planned.path.name
                )
                wrote = result.added > 0
            except FlowtallyError as exc:
                said, wrote = str(exc), False
            except Exception:
                log.exception("an import could not be written")
                said, wrote = _("The import failed; nothing was written; the log says why."), False
            with contextlib.suppress(RuntimeError):
                self.imported.emit(said, wrote)

        QThreadPool.globalInstance().start(work)

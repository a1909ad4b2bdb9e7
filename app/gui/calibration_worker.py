"""The settings dialog's calibration, worked out away from the GUI thread: it reads every
check-in and refits the thresholds two hundred times (a bootstrap), a few tenths of a
second the window must not freeze for."""

import contextlib
import logging

from PySide6.QtCore import QObject, QThreadPool, Signal

from tracker.calibration import NotEnough, calibrate
from tracker.days import DayClock
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.settings import ModelParams, load_zone

log = logging.getLogger(__name__)


class CalibrationWorker(QObject):
    ready = Signal(str, object)
    """The proposal's text and ``(ramp_up_min, flow_after_min)`` (``None``: nothing to
    propose), emitted from the pool and received on the GUI thread, where this lives."""

    def __init__(self, database: str | None) -> None:
        super().__init__()
        self.database = database

    def propose(self, zone_name: str, params: ModelParams) -> None:
        """Work the proposal out on the thread pool."""
        answer, database = self.ready, self.database

        def work() -> None:
            from app.commands.checkin import as_text  # the store: not before the tray's icon
            from data.store import Store

            proposal: tuple[int, int] | None = None
            try:
                store = Store.open(database)
                try:
                    found = calibrate(store.checkins(), DayClock(load_zone(zone_name)), params)
                finally:
                    store.close()
                text = as_text(found)
                if not isinstance(found, NotEnough):
                    proposal = (found.ramp_up_min, found.flow_after_min)
            except FlowtallyError as exc:
                text = str(exc)
            except Exception:  # a bug: said in one line, the trace in the log, never lost
                log.exception("the calibration could not be worked out")
                text = _("The proposal could not be worked out; the log says why.")
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nobody to tell
                answer.emit(text, proposal)

        QThreadPool.globalInstance().start(work)

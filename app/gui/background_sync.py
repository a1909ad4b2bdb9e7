"""The tray app's sync, in the background: shortly after a change, and every few minutes
(to pull the person's other devices), whenever ``sync_url`` is set.

It runs on a thread of its own with a store of its own, never on the store worker: a server
that is slow or down may take seconds to refuse, and a press must not wait behind it. Quitting
does not wait for it either (a sync cut short is harmless: :mod:`data.sync`, rule 4). A failure
changes nothing here; when sync has failed for :data:`FAILING_LONG` the tray says so, once,
until a sync succeeds again.

On a team's database a member's syncs keep to a schedule shared by every member: the UTC
quarter hours (:data:`TEAM_SLOT_S`), and nothing in between, whatever changed. A member
who watches the database then sees everyone's tray connect, and rows change, at the same
moments, which tells neither when someone stopped a block nor who did.
"""

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.errors import FlowtallyError
from tracker.i18n import _

if TYPE_CHECKING:
    from data.sync import SyncResult
    from tracker.team import Lens

    SyncAs = tuple[str | None, str | None, Lens | None]

log = logging.getLogger(__name__)
EVERY_S = 5 * 60.0
"""How often the other devices' changes are pulled (``FLOWTALLY_SYNC_EVERY_S``)."""
AFTER_CHANGE_S = 15.0
"""How soon a change made here is pushed, so that changes close together go in one sync
(``FLOWTALLY_SYNC_AFTER_CHANGE_S``)."""
TEAM_SLOT_S = 15 * 60.0
"""A team member syncs at the multiples of this since the epoch (``FLOWTALLY_TEAM_SLOT_S``)."""
FAILING_LONG = 60 * 60.0
"""After this long without one successful sync, the tray says so (once)."""


def _ms(variable: str, default_s: float) -> int:
    """An interval, shortened by tests through the environment."""
    try:
        seconds = float(os.environ.get(variable, default_s))
    except ValueError:
        seconds = default_s
    return max(int(seconds * 1000), 100)


class BackgroundSync(QObject):
    synced = Signal(object)
    """A :class:`~data.sync.SyncResult`, emitted on the sync thread (queued to the GUI)."""
    failed = Signal(str)
    team_seen = Signal(bool)
    """Whether the target is a team's database, as the store last knew it (sync thread)."""

    def __init__(
        self,
        database: str | None,
        target: Callable[[], str | None],
        notify: Callable[[str], None],
        parent: QObject | None = None,
        name: Callable[[], "SyncAs"] = lambda: (None, None, None),
    ) -> None:
        """``target``: the ``sync_url`` in force now; ``notify``: says a long failure;
        ``name``: the ``device_name``, ``person_name`` and settings (a team counts the
        person's days with them) in force now."""
        super().__init__(parent)
        self._database = database
        self._target = target
        self._name = name
        self._notify = notify
        self._thread: threading.Thread | None = None
        self._failing_since: float | None = None
        self._told = False
        self._team = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(_ms("FLOWTALLY_SYNC_AFTER_CHANGE_S", AFTER_CHANGE_S))
        self._soon.timeout.connect(lambda: self.now(pull=False))
        self.synced.connect(self._on_synced)
        self.failed.connect(self._on_failed)
        self.team_seen.connect(self._on_team_seen)

    def start(self) -> None:
        self._arm()
        self.now(pull=True)

    def _arm(self) -> None:
        """The next scheduled sync: every few minutes, or a team's next slot."""
        if self._team:
            slot = _ms("FLOWTALLY_TEAM_SLOT_S", TEAM_SLOT_S)
            self._timer.setSingleShot(True)
            self._timer.setInterval(slot - int(time.time() * 1000) % slot)
        else:
            self._timer.setSingleShot(False)
            self._timer.setInterval(_ms("FLOWTALLY_SYNC_EVERY_S", EVERY_S))
        self._timer.start()

    def _on_timer(self) -> None:
        self.now(pull=True, slot=True)
        if self._team:
            self._arm()

    def _on_team_seen(self, team: bool) -> None:
        if team != self._team:
            self._team = team
            self._soon.stop()
            self._arm()

    def stop(self) -> None:
        self._timer.stop()
        self._soon.stop()

    def changed(self) -> None:
        """Something was written here: push it soon (a team member: at the next slot)."""
        if self._target() and not self._team:
            self._soon.start()

    def running(self) -> bool:
        """A sync is under way on the sync thread."""
        return self._thread is not None and self._thread.is_alive()

    def now(self, pull: bool, slot: bool = False) -> None:
        """Sync on the sync thread, unless one runs already. ``pull``: also when nothing
        waits to be pushed (the timer's sync, which brings the other devices' changes);
        ``slot``: this is a team's scheduled moment (at any other, a team member waits)."""
        url = self._target()
        if not url or self.running():
            return
        self._thread = threading.Thread(
            target=self._run, args=(url, pull, slot, self._name()), name="sync", daemon=True
        )
        self._thread.start()

    def _run(self, url: str, pull: bool, slot: bool, names: "SyncAs") -> None:
        from data.store import Store  # SQLAlchemy: loaded by the store worker already

        try:
            with Store.open(self._database) as store:
                state = store.sync_state()
                self.team_seen.emit(state.team is not None)
                if state.team is not None and not slot:
                    return
                if not pull and state.waiting == 0:
                    return
                self.synced.emit(store.sync(url, *names))
        except FlowtallyError as exc:
            self.failed.emit(str(exc))

    def _on_synced(self, result: "SyncResult") -> None:
        self._failing_since, self._told = None, False
        self._on_team_seen(result.team is not None)
        log.info("synced: %d pushed, %d pulled", result.pushed, result.pulled)
        if result.recovered:
            log.warning("%s", result.recovered)
            self._notify(result.recovered)

    def _on_failed(self, problem: str) -> None:
        log.warning("%s", problem)  # the URL in it has no password (data.sync)
        now = time.monotonic()
        if self._failing_since is None:
            self._failing_since = now
        if not self._told and now - self._failing_since >= FAILING_LONG:
            self._told = True
            self._notify(
                _(
                    "Sync has not worked for an hour: {problem}. Everything is kept here and "
                    "sent once the server answers."
                ).format(problem=problem)
            )

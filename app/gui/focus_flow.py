"""Protecting focus, wired to the tray: each status the tray draws decides whether
notifications are quiet, what is published for others, and which hooks run.

All of it is worked out here in memory, on the GUI thread, from the status the tray already
has; whatever may wait (a ``gsettings`` process, D-Bus, a file, a hook) is handed to a
thread of its own. Flowtally's own notices (the planned end, the break suggestion) wait
while notifications are quiet, and are shown when the quiet ends.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from app.focus.hooks import Hooks
from app.focus.quiet_keeper import Quiet, QuietKeeper
from app.focus.status_publisher import StatusPublisher
from app.gui.desktop_notices import Action
from app.gui.live_settings import LiveSettings
from tracker.availability import Availability, availability, quiet_wanted
from tracker.focus_events import FocusEvent, focus_events
from tracker.i18n import _
from tracker.status import Status

Follower = Callable[[Availability], None]


class FocusFlow(QObject):
    _quiet_changed = Signal(object)
    _hook_failed = Signal(str, str)

    def __init__(
        self,
        live: LiveSettings,
        zone: ZoneInfo,
        notify: Callable[[str, Sequence[Action]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._live = live
        self._zone = zone
        self._notify = notify
        self.keeper = QuietKeeper(self._quiet_changed.emit)
        self.publisher = StatusPublisher()
        self.hooks = Hooks(self._hook_failed.emit)
        self._quiet_changed.connect(self._on_quiet)
        self._hook_failed.connect(self._on_hook_failed)
        self.current: Availability | None = None
        self.quiet_wanted = False
        self._held: list[tuple[str, Sequence[Action]]] = []
        self._followers: dict[int, Follower] = {}
        self.past_minutes: Sequence[float] = ()

    def start(self) -> None:
        self.keeper.start()
        self.publisher.start()
        # A hook that set a do-not-disturb mode (mako) hears "not quiet" at each start:
        # a crash never leaves it set.
        self._fire(FocusEvent.QUIET_CHANGED, None)

    def stop(self) -> None:
        """Notifications back, the published status gone, the last hooks run."""
        if self.quiet_wanted:
            self.quiet_wanted = False
            self._fire(FocusEvent.QUIET_CHANGED, self.current)
        self.keeper.stop()
        self.publisher.stop()
        self.hooks.stop()

    def show(self, status: Status) -> None:
        """A status the tray drew: publish what changed, run the hooks, quiet or not."""
        settings = self._live.value
        now = availability(
            status, self._zone, settings.planned_block_min, self.past_minutes, settings.model
        )
        before = self.current
        if before is None or (now.changed_key, now.pauses) != (before.changed_key, before.pauses):
            self.current = now
            self.publisher.publish(now.as_json())
            for follower in list(self._followers.values()):
                follower(now)
            for event in focus_events(before, now):
                self._fire(event, now, status)
        wanted = quiet_wanted(status, settings.quiet_from)
        if wanted != self.quiet_wanted:
            self.quiet_wanted = wanted
            self.keeper.want(wanted)
            self._fire(FocusEvent.QUIET_CHANGED, now)
            if not wanted:
                self._release_held()

    def notify(self, message: str, actions: Sequence[Action] = ()) -> None:
        """A notice of Flowtally's own: now, or when the quiet ends."""
        if self.quiet_wanted:
            self._held.append((message, actions))
        else:
            self._notify(message, actions)

    def follow(self, key: int, follower: Follower) -> None:
        """``follower`` gets each change from now on (``status --follow``)."""
        self._followers[key] = follower

    def unfollow(self, key: int) -> None:
        self._followers.pop(key, None)

    def facts(self) -> dict[str, object]:
        quiet = self.keeper.state
        shown = {"setting": self._live.value.quiet_from.value, "wanted": self.quiet_wanted}
        return {
            "quiet": {**shown, **quiet.as_json(), "sentence": quiet.sentence()},
            "availability": self.current.as_json() if self.current else None,
            "status_on_bus": self.publisher.on_bus,
            "notices_held": len(self._held),
            **self.hooks.facts(),
        }

    def _release_held(self) -> None:
        held, self._held = self._held, []
        for message, actions in held:
            self._notify(message, actions)

    def _fire(
        self, event: FocusEvent, shown: Availability | None, status: Status | None = None
    ) -> None:
        self.hooks.fire(hook_payload(event, shown, status, self._quiet_payload(event)))

    def _quiet_payload(self, event: FocusEvent) -> dict[str, Any]:
        if event is not FocusEvent.QUIET_CHANGED:
            return {}
        state = self.keeper.state
        return {
            "quiet": self.quiet_wanted,
            "silenced_by": state.backend if state.why_not is None else None,
        }

    def _on_quiet(self, state: Quiet) -> None:
        if state.silenced is False and not self.quiet_wanted:
            self._release_held()

    def _on_hook_failed(self, name: str, why: str) -> None:
        line = _("The hook {name} failed ({why}); Flowtally goes on without it.")
        self._notify(line.format(name=name, why=why), ())


def hook_payload(
    event: FocusEvent,
    shown: Availability | None,
    status: Status | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON object a hook reads on stdin: never an interruption's note."""
    now = shown.at if shown is not None else datetime.now().astimezone()
    payload: dict[str, Any] = {
        "event": event.value,
        "time": now.isoformat(),
        "state": shown.state if shown else "idle",
        "task": shown.task if shown else None,
        "phase": shown.phase.value if shown else "none",
        "until": shown.until.isoformat() if shown and shown.until else None,
        "line": shown.line if shown else "",
    }
    interruption = _last_interruption(status) if event in _ABOUT_INTERRUPTIONS else None
    if interruption is not None:
        payload["kind"] = interruption.kind.value
        payload["source"] = interruption.source
    return {**payload, **(extra or {})}


_ABOUT_INTERRUPTIONS = (FocusEvent.INTERRUPTED, FocusEvent.BACK)


def _last_interruption(status: Status | None) -> Any:
    if status is None:
        return None
    if status.interruption is not None:
        return status.interruption
    block = status.block
    return max(block.interruptions, key=lambda i: i.at) if block and block.interruptions else None

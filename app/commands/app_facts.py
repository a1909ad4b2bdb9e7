"""What the running tray app says about itself to a command it runs: typed where a handler
reads it, and as ``status --json`` shows it."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class HotkeyFacts:
    key: str
    """As the settings name it."""
    active: bool
    waiting: bool
    """Waiting for the person's approval in the desktop's dialog (the portal's)."""
    problem: str | None
    trigger: str | None = None
    """The desktop's own words for a portal shortcut."""
    backend: str | None = None


@dataclass(frozen=True, slots=True)
class AppFacts:
    hotkey: HotkeyFacts
    pending_writes: int
    """Interruptions kept in the journal, not saved yet."""
    details: Mapping[str, object] = field(default_factory=dict)
    """The rest, for people and tests reading ``status --json``: the tray, the popup, the
    welcome, the other input services, the event loop's lag."""

    def with_pending(self, pending_writes: int) -> "AppFacts":
        return replace(self, pending_writes=pending_writes)

    def as_json(self) -> dict[str, object]:
        hotkey = self.hotkey
        return {
            **self.details,
            "hotkey": hotkey.key,
            "hotkey_active": hotkey.active,
            "hotkey_backend": hotkey.backend,
            "hotkey_trigger": hotkey.trigger,
            "hotkey_waiting": hotkey.waiting,
            "hotkey_problem": hotkey.problem,
            "pending_writes": self.pending_writes,
        }

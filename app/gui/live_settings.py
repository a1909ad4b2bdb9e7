"""The settings in force in the running app: their current value and a signal when they
change, whoever changed them (the settings dialog, the welcome's key recorder, a forwarded
``flowtally settings``, another editor of the file).

Each part of the app reads :attr:`LiveSettings.value` when it needs a setting and connects
to :attr:`LiveSettings.changed` to follow a change; nothing hands changes out by hand.
"""

import logging

from PySide6.QtCore import QObject, Signal

from app.checked_settings import save_changes
from app.config import load_settings, settings_stamp
from tracker.settings import Settings
from tracker.team import Lens

log = logging.getLogger(__name__)


class LiveSettings(QObject):
    changed = Signal(object)
    """The :class:`Settings` now in force (the previous ones are :attr:`before`)."""

    def __init__(self, settings: Settings, zone_name: str, parent: QObject | None = None) -> None:
        """``zone_name``: the app's zone, fixed while it runs."""
        super().__init__(parent)
        self.zone_name = zone_name
        self.value = settings
        self.before = settings
        self._stamp = settings_stamp()

    def sync_url(self) -> str | None:
        return self.value.sync_url

    def sync_as(self) -> tuple[str | None, str | None, Lens]:
        """Who syncs: the device's name, the person's, and the settings their days are
        counted with (a team's numbers count them so)."""
        settings = self.value
        return settings.device_name, settings.person_name, Lens(settings.model, self.zone_name)

    def apply(self, updated: Settings) -> None:
        """Put settings just saved (or read) in force."""
        if updated == self.value:
            return
        self.before, self.value = self.value, updated
        self.changed.emit(updated)

    def save(self, changes: dict[str, str]) -> Settings:
        """Save changed fields onto the file as it is now (checked, all or nothing: a
        :class:`~tracker.errors.FlowtallyError` saves nothing), and put them in force."""
        updated = save_changes(changes)
        self._stamp = settings_stamp()
        self.apply(updated)
        return updated

    def follow_file(self) -> None:
        """The settings file changed (``flowtally settings``, another editor): follow it."""
        stamp = settings_stamp()
        if stamp == self._stamp:
            return
        self._stamp = stamp
        fresh = load_settings()
        if fresh != self.value:
            log.info("the settings file changed; the app follows it")
            self.apply(fresh)

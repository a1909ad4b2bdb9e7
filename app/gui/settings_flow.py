"""The settings dialog: filled from the settings file as it is when the dialog opens, and
saved the way ``flowtally settings`` saves (validated first, all or nothing). Only the fields
the user changed are written, onto the file as it is then: a change made meanwhile (from the
CLI, another program) is never overwritten with what the dialog showed. An invalid value
keeps the dialog open with the reason, and the old settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app import autostart
from app.config import load_settings
from app.gui.calibration_worker import CalibrationWorker
from app.gui.focus_flow import FocusFlow
from app.gui.live_settings import LiveSettings
from tracker.errors import FlowtallyError
from tracker.redaction import redact_url

if TYPE_CHECKING:  # made when first opened: the idle tray does not hold it (#27)
    from ui.settings_dialog import SettingsDialog


class SettingsFlow:
    def __init__(
        self,
        live: LiveSettings,
        services: Callable[[], str],
        focus: FocusFlow,
        database: str | None = None,
    ) -> None:
        """``services``: which source the hotkey and away detection use here, or why they are
        off; ``focus``: says whether notifications can be quieted here; ``database``: where
        the check-ins the calibration reads are."""
        self._calibration = CalibrationWorker(database)
        self._live = live
        self._services = services
        self._focus = focus
        self.dialog: SettingsDialog | None = None

    def open(self) -> None:
        if self.dialog is None:
            from ui.settings_dialog import SettingsDialog

            self.dialog = SettingsDialog()
            self.dialog.apply_requested.connect(self.apply)
            self.dialog.calibration_requested.connect(self._calibrate)
            self._calibration.ready.connect(self.dialog.calibration.show_proposal)
        fresh = load_settings()
        self._live.apply(fresh)
        values = {
            key: "" if value is None else str(value) for key, value in fresh.as_json().items()
        }
        for secret in ("database_url", "sync_url"):  # shown as ***; saved only when retyped
            values[secret] = redact_url(values[secret])
        note = self._services()
        quiet = self._focus.keeper.state.sentence()
        self.dialog.load(values, autostart.is_enabled(), note, quiet)
        self.dialog.show()
        self.dialog.raise_()

    def _calibrate(self) -> None:
        self._calibration.propose(self._live.zone_name, self._live.value.model)

    def refresh(self) -> None:
        """Say the services' sources again in an open dialog (the portal answers late)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.hotkey_note.setText(self._services())

    def apply(self, changes: dict[str, str], start_at_login: bool) -> None:
        try:
            self._live.save(changes)
            autostart.set_enabled(start_at_login)
        except FlowtallyError as exc:
            if self.dialog is not None:
                self.dialog.show_error(str(exc))
            return
        if self.dialog is not None:
            self.dialog.accept()

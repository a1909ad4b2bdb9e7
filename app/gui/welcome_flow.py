"""The first-run window: shown once (a mark in the state folder remembers it), reopened from
About. Trying the hotkey there switches the listener to "heard, not logged", so a try is
never an interruption; a recorded hotkey is saved the way ``flowtally settings hotkey=…``
saves it, and put in force at once."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app import desktop
from app.config import settings_path, state_path
from app.gui.about_box import about_facts
from app.gui.input_services import InputServices
from app.gui.live_settings import LiveSettings
from tracker.errors import FlowtallyError
from tracker.i18n import _
from tracker.settings import CHECKINS_WHEN_ON

if TYPE_CHECKING:  # made when first shown: the idle tray does not hold it (#27)
    from ui.welcome import WelcomeWindow

log = logging.getLogger(__name__)


def welcomed_mark() -> Path:
    return state_path("welcomed")


class WelcomeFlow:
    def __init__(
        self,
        inputs: InputServices,
        live: LiveSettings,
        database: str | None,
        notify: Callable[[str], None],
    ) -> None:
        """``database``: where the data lives (shown redacted); ``notify``: says what the
        window's "Got it" installed."""
        self._notify = notify
        self._bridge = inputs.bridge
        self._live = live
        self._inputs = inputs
        self._database = database
        self.window: WelcomeWindow | None = None
        self._bridge.tried.connect(self._heard)

    def first_run(self) -> None:
        """Show the window if it was never shown on this machine."""
        mark = welcomed_mark()
        if mark.exists():
            return
        try:
            mark.parent.mkdir(parents=True, exist_ok=True)
            mark.touch()
        except OSError as exc:  # shown anyway; then again next time, which is no harm
            log.warning("cannot remember that the welcome was shown: %s", exc)
        self.open()

    def open(self) -> None:
        settings = self._live.value
        if self.window is None:
            from ui.welcome import WelcomeFacts, WelcomeWindow

            where = about_facts(self._database)
            facts = WelcomeFacts(
                settings.hotkey,
                self._inputs.hotkey_problem,
                where.database,
                str(settings_path()),
                where.log_folder,
                str(desktop.launcher_path().parent) if sys.platform.startswith("linux") else "",
                settings.checkins_per_day > 0,
            )
            self.window = WelcomeWindow(facts, settings.model)
            self.window.desktop_entry_chosen.connect(self._install)
            self.window.checkins_chosen.connect(self._checkins)
            self.window.try_requested.connect(self._try)
            self.window.hotkey_chosen.connect(self._choose)
        else:
            self.window.show_hotkey(settings.hotkey, self._inputs.hotkey_problem)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def _install(self, chosen: bool) -> None:
        """The applications menu's entry, the icon and ``flowtally`` on PATH, as
        ``flowtally desktop install`` writes them."""
        if not chosen:
            return
        try:
            done = desktop.install()
        except FlowtallyError as exc:
            self._notify(str(exc))
            return
        log.info("installed %s and %s", done.entry, done.launcher)
        line = _(
            "Flowtally is in the applications menu, and the command 'flowtally' is in {folder}."
        ).format(folder=done.launcher.parent)
        if not done.on_path:
            line += " " + _("That folder is not on your PATH: add it to your shell's profile.")
        self._notify(line)

    def _checkins(self, on: bool) -> None:
        """Switched on: :data:`CHECKINS_WHEN_ON` a day; switched off: none. Left alone when
        the box says what is already so (a count set in the settings stays)."""
        if on != (self._live.value.checkins_per_day > 0):
            try:
                self._live.save({"checkins_per_day": str(CHECKINS_WHEN_ON if on else 0)})
            except FlowtallyError as exc:
                self._notify(str(exc))

    def visible(self) -> bool:
        return self.window is not None and self.window.isVisible()

    def facts(self) -> dict[str, object]:
        return {"visible": self.visible(), "trying": self._bridge.trying}

    def _try(self, on: bool) -> None:
        self._bridge.trying = on

    def _heard(self) -> None:
        self._bridge.trying = False
        log.info("the hotkey was tried from the welcome window (nothing logged)")
        if self.window is not None:
            self.window.hotkey_heard()

    def _choose(self, hotkey: str) -> None:
        try:
            updated = self._live.save({"hotkey": hotkey})
        except FlowtallyError as exc:
            if self.window is not None:
                self.window.hotkey_refused(str(exc))
            return
        if self.window is not None:
            self.window.hotkey_saved(updated.hotkey, self._inputs.hotkey_problem)

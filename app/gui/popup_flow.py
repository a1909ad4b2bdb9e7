"""The quick-log popup's side of a press: shown once the press is stored (never before: the
row is committed first), and tagged, ended ("I'm back") or undone from there.

One press is one interruption: a press while one is going on (the popup showing or not) is
that same interruption, and brings its popup back with the keyboard (:mod:`data.presses`).
"""

import logging
import os
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from app.gui import store_protocol as msg
from app.gui.store_protocol import StoreRequest
from app.language import requests as rq
from tracker import clock
from tracker.model import Pressed
from tracker.types import Kind
from ui.quick_log import QuickLogPopup

log = logging.getLogger(__name__)


class PopupFlow:
    def __init__(self, send: Callable[[StoreRequest], None], zone: ZoneInfo) -> None:
        self._send = send
        self._zone = zone
        self.popup = QuickLogPopup()
        self.popup.tagged.connect(
            lambda i, kind, source, note: send(msg.Retag(i, Kind(kind), source, note))
        )
        self.popup.back.connect(lambda _id: send(rq.Back()))
        self.popup.undo_requested.connect(lambda: send(rq.Undo()))
        self.popup.start_requested.connect(lambda press_id: send(msg.StartFromPress(press_id)))
        self._take_keyboard = False
        self._token: str | None = None

    def remember_token(self, token: str | None) -> None:
        """The desktop's xdg-activation token for the latest press (the portal's, or a
        forwarded command's): a Wayland compositor lets a window take the keyboard only
        with one. Qt's xdg-shell hands ``XDG_ACTIVATION_TOKEN`` to the compositor at the
        next activation, and forgets it."""
        if token:
            self._token = token

    def _take(self) -> None:
        if self._token is not None:
            os.environ["XDG_ACTIVATION_TOKEN"] = self._token
            self._token = None
        self.popup.take_keyboard()

    def pressed(self, press: msg.Press) -> None:
        """A press while the popup shows gives it the keyboard at once (the worker finds the
        interruption going on and adds nothing)."""
        self.remember_token(press.activation_token)
        if self.popup.isVisible():
            self._take()

    def from_menu(self) -> None:
        """ "Log interruption…" in the menu: the popup then takes the keyboard at once."""
        self._take_keyboard = True
        self._send(msg.Press(clock.now()))

    def stored(self, pressed: Pressed) -> None:
        if pressed.loose is not None:
            at = pressed.loose.at
            log.info("press %s kept outside a block (at %s)", pressed.loose.id, at.isoformat())
            self.popup.show_loose(pressed.loose, self._local(at))
            if self._take_keyboard or not pressed.new:
                self._take_keyboard = False
                self._take()
            return
        interruption = pressed.interruption
        if interruption is None:
            return
        # The acknowledgement, on record: an instant and a row id, nothing of what was typed.
        if pressed.new:
            log.info("interruption %s stored (at %s)", interruption.id, interruption.at.isoformat())
        else:
            log.info("a press while interruption %s goes on: no new row", interruption.id)
        self.popup.show_for(interruption, self._local(interruption.at))
        if self._take_keyboard or not pressed.new:
            self._take_keyboard = False
            self._take()

    def _local(self, at: datetime) -> str:
        return at.astimezone(self._zone).strftime("%H:%M")

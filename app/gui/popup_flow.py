"""The quick-log popup's side of a press: shown once the interruption is stored (never
before: the row is committed first), and tagged or closed from there."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from app.gui import store_protocol as msg
from app.gui.store_protocol import StoreRequest
from tracker.model import Interruption
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
        self.popup.back.connect(lambda i: send(msg.CloseInterruption(i)))
        self._take_keyboard = False

    def pressed(self, _press: msg.Press) -> None:
        """A second press while the popup shows gives the popup the keyboard."""
        if self.popup.isVisible():
            self._take_keyboard = True

    def from_menu(self) -> None:
        """ "Log interruption…" in the menu: the popup then takes the keyboard at once."""
        self._take_keyboard = True
        self._send(msg.Press(datetime.now(UTC)))

    def stored(self, interruption: Interruption) -> None:
        # The acknowledgement, on record: an instant and a row id, nothing of what was typed.
        log.info("interruption %s stored (at %s)", interruption.id, interruption.at.isoformat())
        self.popup.show_for(interruption, interruption.at.astimezone(self._zone).strftime("%H:%M"))
        if self._take_keyboard:
            self._take_keyboard = False
            self.popup.take_keyboard()

"""logind's PrepareForSleep, over the system D-Bus: the moment the machine suspends and wakes.

Every suspend is also found by the wall clock jumping against the monotonic one (checked on
each 5 s tick), which needs nothing from the system. logind adds what the tick cannot know:
the exact moment the machine went to sleep, rather than the last tick before it, and a chance
to write a heartbeat first. Where there is no system bus (macOS, Windows, containers) this
stays off and the clock jump is the only detector.
"""

import logging

from PySide6.QtCore import SLOT, QObject, Signal, Slot

log = logging.getLogger(__name__)
SERVICE = "org.freedesktop.login1"
PATH = "/org/freedesktop/login1"
INTERFACE = "org.freedesktop.login1.Manager"


class SleepSignals(QObject):
    going_to_sleep = Signal()
    woke = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connected = False

    def start(self) -> str | None:
        """Listen to logind; the reason when it cannot (said once in the log, not to the user:
        the clock jump still covers suspends)."""
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            return f"no system D-Bus ({bus.lastError().message() or 'not reachable'})"
        # The service name makes the bus deliver only what logind itself sends. The stubs ask
        # for bytes as the slot; PySide6 6.11 accepts only the str that SLOT() returns.
        slot = SLOT("prepare_for_sleep(bool)")
        if not bus.connect(SERVICE, PATH, INTERFACE, "PrepareForSleep", self, slot):  # type: ignore[call-overload]
            return f"cannot listen to logind: {bus.lastError().message()}"
        self.connected = True
        return None

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        log.info("logind: %s", "going to sleep" if going else "woke up")
        (self.going_to_sleep if going else self.woke).emit()

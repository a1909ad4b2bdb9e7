"""Plays logind on a private system bus for the sleep tests: owns ``org.freedesktop.login1``
and sends ``PrepareForSleep`` when told on stdin (``sleep`` or ``wake``), answering ``sent``.

    DBUS_SYSTEM_BUS_ADDRESS=... python -m tests.e2e.fake_logind
"""

import sys
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from app.gui.sleep_signals import INTERFACE, PATH, SERVICE


class Sender(QObject):
    """Sends on the thread that owns the bus connection: a signal sent from the stdin
    reader's thread could sit unsent until the next one went (a sleep announced only at the
    wake-up)."""

    asked = Signal(bool)

    def __init__(self, bus: QDBusConnection) -> None:
        super().__init__()
        self.bus = bus
        self.done = threading.Event()
        self.sent = False
        self.asked.connect(self.send)  # queued: the reader emits from its own thread

    @Slot(bool)
    def send(self, going: bool) -> None:
        message = QDBusMessage.createSignal(PATH, INTERFACE, "PrepareForSleep")
        message.setArguments([going])
        self.sent = self.bus.send(message)
        self.done.set()


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.systemBus()
    if not bus.registerService(SERVICE):
        print(f"cannot own {SERVICE}: {bus.lastError().message()}", flush=True)
        return 1
    sender = Sender(bus)
    print("ready", flush=True)

    def serve() -> None:
        for line in sys.stdin:
            sender.done.clear()
            sender.asked.emit(line.strip() == "sleep")
            sender.done.wait(10)
            print("sent" if sender.sent else "failed", flush=True)
        app.quit()

    threading.Thread(target=serve, daemon=True).start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

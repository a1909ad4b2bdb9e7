"""Plays logind on a private system bus for the sleep tests: owns ``org.freedesktop.login1``
and sends ``PrepareForSleep`` when told on stdin (``sleep`` or ``wake``), answering ``sent``.

    DBUS_SYSTEM_BUS_ADDRESS=... python -m tests.e2e.fake_logind
"""

import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from app.gui.sleep_signals import INTERFACE, PATH, SERVICE


def main() -> int:
    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.systemBus()
    if not bus.registerService(SERVICE):
        print(f"cannot own {SERVICE}: {bus.lastError().message()}", flush=True)
        return 1
    print("ready", flush=True)

    def serve() -> None:
        for line in sys.stdin:
            message = QDBusMessage.createSignal(PATH, INTERFACE, "PrepareForSleep")
            message.setArguments([line.strip() == "sleep"])
            print("sent" if bus.send(message) else "failed", flush=True)
        app.quit()

    threading.Thread(target=serve, daemon=True).start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""Unix signals handled while Qt's loop waits.

Python runs a signal handler only when the main thread next runs Python code; while Qt's
loop waits in C++, a SIGTERM from the desktop waited for the next Python timer (up to half a
second). Python writes each signal's number to a wakeup fd; a socket notifier on the other
end gives the interpreter its turn at once (the pattern Qt documents for Unix signals).
"""

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier


class SignalWaker(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        """The handlers run as this Python code runs; the bytes only woke the loop."""
        try:
            while self._reader.recv(512):
                pass
        except BlockingIOError:
            pass

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous)
        self._reader.close()
        self._writer.close()

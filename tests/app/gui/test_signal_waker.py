"""A signal reaches its Python handler while Qt's loop waits, not at the next Python code
that happens to run (a quit from the desktop waited up to half a second for a timer)."""

import os
import signal
import subprocess
import time
from types import FrameType

from PySide6.QtCore import QEventLoop, QTimer
from pytestqt.qtbot import QtBot

from app.gui.signal_waker import SignalWaker

GIVE_UP_MS = 3000


def test_a_signal_is_handled_while_the_loop_waits(qtbot: QtBot) -> None:
    loop = QEventLoop()
    handled: list[float] = []

    def handler(_number: int, _frame: FrameType | None) -> None:
        handled.append(time.monotonic())
        loop.quit()

    previous = signal.signal(signal.SIGUSR1, handler)
    waker = SignalWaker()
    try:
        # Qt's own slot ends the loop if the handler never runs: no Python code runs in
        # between, so only the waker can give the handler its turn.
        QTimer.singleShot(GIVE_UP_MS, loop, loop.quit)
        sent = time.monotonic()
        sender = subprocess.Popen(["sh", "-c", f"sleep 0.2; kill -USR1 {os.getpid()}"])
        loop.exec()
    finally:
        sender.wait()
        waker.close()
        signal.signal(signal.SIGUSR1, previous)
    assert handled, "the handler never ran"
    assert handled[0] - sent < 1.5, f"the handler ran {handled[0] - sent:.2f} s after"


def test_closing_gives_back_the_wakeup_fd_it_found(qtbot: QtBot) -> None:
    before = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(before)
    waker = SignalWaker()
    waker.close()
    assert signal.set_wakeup_fd(before) == before

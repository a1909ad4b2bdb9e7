"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a void method and
to ``True``/``False`` on every signal emitted: a tray app that ticks every few seconds aborts
("deallocating None") within hours. pyproject pins the binding below it; this guards the pin.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_void_calls_and_signals_keep_none_and_booleans_alive() -> None:
    target = QObject()
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        target.setObjectName("probe")
        emitter.fired.emit(1)
    assert len(received) == 500
    # A few references may come and go with the interpreter's own work; hundreds may not.
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) - true_before) < 50

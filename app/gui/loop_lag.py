"""How responsive the GUI thread is: the delay of a steady timer beyond its interval.

A tray app that freezes for a second while saving is a tray app that feels broken; this makes
the freeze visible (``flowtally status --json`` reports it) and testable under load.
"""

import statistics
import time
from collections import deque

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
KEPT = 1200  # ten minutes of samples


class LoopLag(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._samples: deque[float] = deque(maxlen=KEPT)
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.monotonic()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.monotonic()
        self._samples.append(max(0.0, (now - self._last) * 1000 - INTERVAL_MS))
        self._last = now

    def summary(self) -> dict[str, float]:
        """Median, 99th percentile and worst lag in milliseconds, over the last ten minutes."""
        if not self._samples:
            return {"median": 0.0, "p99": 0.0, "max": 0.0, "samples": 0}
        ordered = sorted(self._samples)
        return {
            "median": round(statistics.median(ordered), 1),
            "p99": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1),
            "max": round(ordered[-1], 1),
            "samples": len(ordered),
        }

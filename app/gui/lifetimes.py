"""Services that start and stop themselves: each says how it stops as it starts, and they
stop in the reverse order (qutebrowser's habit: every subsystem connects its own shutdown).

The Qt objects each made are deleted after everything stopped, the last made first, so a
child (a menu, a window made later) always goes before what it belongs to.
"""

import logging
from collections.abc import Callable, Sequence
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


class Lifetimes:
    def __init__(self) -> None:
        self._stops: list[tuple[str, Callable[[], None]]] = []
        self._owned: list[QObject | Callable[[], Sequence[QObject | None]]] = []

    def started(self, name: str, stop: Callable[[], None]) -> None:
        """``name`` started; ``stop`` ends it (once, in reverse order)."""
        self._stops.append((name, stop))

    def own(self, *objects: QObject | None) -> None:
        """Qt objects to delete at the end (``None``: not made, nothing to delete)."""
        self._owned.extend(obj for obj in objects if obj is not None)

    def own_at_end(self, objects: Callable[[], Sequence[QObject | None]]) -> None:
        """Qt objects to delete at the end, children first, as ``objects`` says then (a
        worker's thread still running is not among them)."""
        self._owned.append(objects)

    def stop(self) -> None:
        """Stop everything started, the last first; one that fails is logged and the rest
        still stop (a quit must never leave the database open or the lock held)."""
        while self._stops:
            name, stop = self._stops.pop()
            try:
                stop()
            except Exception:
                log.exception("stopping %s failed", name)

    def dispose(self) -> None:
        """Delete the Qt objects owned, the last made first."""
        while self._owned:
            owned = self._owned.pop()
            for obj in [owned] if isinstance(owned, QObject) else owned():
                if obj is not None and shiboken6.isValid(obj):
                    shiboken6.delete(cast(Any, obj))

"""The garbage collector: what lives as long as the process is set aside from it, and it is
held back while a command holds a whole history.

A full collection walks every object the process holds, with Python's lock held.

- **Set aside.** With PySide6, SQLAlchemy and the model loaded that is over 100,000 objects,
  and the GUI thread and the store worker both stand still meanwhile (40 to 190 ms, measured
  by ``bench_tray``'s presses and ``bench_dashboard``'s event-loop lag). Objects frozen with
  :func:`gc.freeze` are never walked again. Each stage is frozen once: a later freeze would
  also keep what is in use then (a drawn page, a cached week) from ever being collected.
- **Held back.** An import keeps everything it reads alive until it is written (the parsed
  file and a model object for each record: a million objects for five dense years), and an
  export all the stored blocks until they are written out. Making them triggers full
  collections one after another, each walking objects none of which can be garbage yet: 2 of
  the 7 seconds of that import (``bench_store``). Reference cycles made meanwhile wait until
  the work is done, and are collected as usual from then on.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen: set[str] = set()


def set_aside(stage: str) -> None:
    """Freeze what the process holds now, the first time ``stage`` is reached."""
    if stage in _frozen:
        return
    _frozen.add(stage)
    gc.freeze()


@contextmanager
def held_back() -> Iterator[None]:
    """No automatic collection inside; the collector as it was after (a nested or
    concurrent use leaves it off until the outermost is done)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()

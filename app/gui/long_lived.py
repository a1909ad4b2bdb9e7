"""What start-up loads lives as long as the process: set aside from the garbage collector.

A full collection walks every object the process holds, with Python's lock held: with
PySide6, SQLAlchemy and the model loaded that is over 100,000 objects, and the GUI thread and
the store worker both stand still meanwhile (40 to 190 ms, measured by ``bench_tray``'s
presses and ``bench_dashboard``'s event-loop lag). Objects frozen with :func:`gc.freeze` are
never walked again. Each stage is frozen once: a later freeze would also keep what is in use
then (a drawn page, a cached week) from ever being collected.
"""

import gc

_frozen: set[str] = set()


def set_aside(stage: str) -> None:
    """Freeze what the process holds now, the first time ``stage`` is reached."""
    if stage in _frozen:
        return
    _frozen.add(stage)
    gc.freeze()

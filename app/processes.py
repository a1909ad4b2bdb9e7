"""Whether the process a record names still runs: the pid alone is not enough, since a pid
is reused, so its start time (Linux's clock ticks since boot) is kept with it."""

import os


def started(pid: int) -> str | None:
    """When ``pid`` started; ``None`` where /proc does not tell."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def alive(pid: int, start: object) -> bool:
    """True if ``pid`` runs and, where /proc tells, started at ``start``."""
    if start is not None and os.path.isdir("/proc"):
        return started(pid) == start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True

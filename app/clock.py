"""The wall clock, read in one place: exact UTC instants.

Exact, like the hotkey's instants: cut to the second, a ``stop`` typed in the same second as
a press would fall before it and be refused.
"""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)

"""The wall clock, read in one place for every package: exact UTC instants.

The domain's functions take ``now`` as an argument (tests give them any instant); where one
is not given, and wherever the app, the store or a widget needs the time, it is read here.

Exact, like the hotkey's instants: cut to the second, a ``stop`` typed in the same second as
a press would fall before it and be refused.
"""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)

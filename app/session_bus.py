"""The session bus for the app's threads (the notices, the shortcuts portal, quieting, the
published status): jeepney is imported under one lock.

These threads start together and each imported jeepney on its own. jeepney's modules
import one another, and two threads importing them at once made Python's per-module
import locks report a deadlock in one of them (``_DeadlockError`` on
``jeepney.bus_messages``), which ended that thread's service with a traceback. One lock
around the first import makes it happen once, in whichever thread comes first.
"""

import threading
from typing import Any

_IMPORTING = threading.Lock()


def load_jeepney() -> None:
    """Import jeepney's modules the app uses (at once after the first time)."""
    with _IMPORTING:
        import jeepney
        import jeepney.bus_messages
        import jeepney.io.blocking
        import jeepney.wrappers  # noqa: F401


def open_session_bus() -> Any:
    """A blocking connection to the session bus (``KeyError``: there is none; ``OSError``:
    it cannot be reached; ``ImportError``: no jeepney)."""
    load_jeepney()
    from jeepney.io.blocking import open_dbus_connection

    return open_dbus_connection(bus="SESSION")

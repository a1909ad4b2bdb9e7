"""What the end-to-end tests on a real GNOME session share: the session itself."""

import os
from collections.abc import Iterator

import pytest

from tests import gnome_session


@pytest.fixture
def gnome() -> Iterator[dict[str, str]]:
    """A headless GNOME Wayland session (mutter, Xwayland, a private D-Bus) for one test;
    the test is skipped where none can run, unless CI says it must."""
    if not gnome_session.available() and os.environ.get("FLOWTALLY_REQUIRE_DISPLAY") != "1":
        pytest.skip("needs mutter, Xwayland, dbus-daemon and python3-dbus")
    with gnome_session.gnome_wayland_session() as session:
        yield session

"""The GlobalShortcuts portal hotkey against a portal on a real, private D-Bus session bus
(tests/e2e/stand_in_portal.py, which keeps the portal's request protocol and signatures): the
key the user approved logs a press with the desktop's activation token, a declined dialog or
a missing portal is one sentence naming the fallback, and quitting does not wait."""

import os
import threading
import time
from collections.abc import Iterator

import pytest

from app.gui.desktop_session import fallback
from app.gui.portal_hotkey import PortalHotkey, portal_trigger, request_path
from app.version import APP_ID
from tests import gnome_session

pytestmark = pytest.mark.skipif(
    not gnome_session.available() and os.environ.get("FLOWTALLY_REQUIRE_DISPLAY") != "1",
    reason="needs dbus-daemon and Debian's python3-dbus",
)


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with gnome_session.session_bus() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


class Presses:
    def __init__(self) -> None:
        self.tokens: list[str | None] = []
        self.arrived = threading.Event()
        self.changes = threading.Event()

    def fire(self, token: str | None) -> None:
        self.tokens.append(token)
        self.arrived.set()


def started(hotkey: str, presses: Presses) -> PortalHotkey:
    service = PortalHotkey(hotkey, presses.fire)
    service.changed = presses.changes.set
    assert service.start() is None
    return service


def test_the_approved_shortcut_logs_each_press_with_the_desktops_activation_token(
    bus: str,
) -> None:
    portal = gnome_session.StandInPortal(bus, "approve")
    presses = Presses()
    service = started("<ctrl>+<alt>+<shift>+i", presses)
    try:
        registered = portal.next_event()
        assert registered["event"] == "registered"
        assert registered["app_id"] == APP_ID
        assert registered["sessions"] == 0  # before any other portal call
        bind = portal.next_event()
        assert bind["sender"] == registered["sender"]  # the registry is per connection
        assert bind["shortcuts"] == [
            {
                "id": "log-interruption",
                "description": "Log an interruption",
                "preferred_trigger": "CTRL+ALT+SHIFT+i",
            }
        ]
        assert presses.changes.wait(5)
        assert service.listening()
        assert service.problem() is None
        assert service.trigger == "Ctrl+Alt+Shift+I"  # the desktop's own description
        assert service.registered

        portal.press()
        assert presses.arrived.wait(5)
        presses.arrived.clear()
        portal.press()
        assert presses.arrived.wait(5)
        assert presses.tokens == ["stand-in-token-1", "stand-in-token-2"]
    finally:
        began = time.monotonic()
        service.stop()
        assert time.monotonic() - began < 0.5  # woken from its socket, not a timeout
        assert not service.is_alive()
        portal.close()


def test_a_declined_dialog_is_one_sentence_naming_the_fallback(bus: str) -> None:
    portal = gnome_session.StandInPortal(bus, "decline")
    presses = Presses()
    service = started("<ctrl>+<alt>+i", presses)
    try:
        assert presses.changes.wait(5)
        problem = service.problem()
        assert problem is not None
        assert "declined" in problem
        assert f"'{fallback()}'" in problem
        assert "\n" not in problem
        assert not service.listening()
        service.stop()
        assert not service.is_alive()
    finally:
        portal.close()


def test_a_desktop_without_the_portal_says_so_and_names_the_fallback(bus: str) -> None:
    presses = Presses()
    service = started("<ctrl>+<alt>+i", presses)
    assert presses.changes.wait(5)
    problem = service.problem()
    assert problem is not None
    assert problem.startswith("this desktop has no global shortcuts portal")
    assert f"'{fallback()}'" in problem
    assert not service.is_alive()


@pytest.mark.parametrize(
    ("hotkey", "trigger"),
    [
        ("<ctrl>+<alt>+<shift>+i", "CTRL+ALT+SHIFT+i"),
        ("<cmd>+<f5>", "LOGO+F5"),
        ("<ctrl_l>+<space>", "CTRL+space"),
        ("<ctrl>+<page_down>", "CTRL+Next"),
        ("<alt>+I", "ALT+i"),
    ],
)
def test_the_configured_hotkey_is_offered_in_the_shortcuts_specifications_words(
    hotkey: str, trigger: str
) -> None:
    assert portal_trigger(hotkey) == trigger


def test_the_request_path_is_predicted_as_the_portal_makes_it() -> None:
    assert (
        request_path(":1.42", "flowtally_ab")
        == "/org/freedesktop/portal/desktop/request/1_42/flowtally_ab"
    )

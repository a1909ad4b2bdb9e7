"""Settings changed in the tray app: validated like the CLI, saved, applied live."""

import contextlib
import json
import shutil

import pytest
from pytestqt.qtbot import QtBot

from app import autostart
from app.config import load_settings, save_settings, settings_path
from app.gui.controller import AppController
from tests.gnome_session import session_bus
from tracker.settings import Settings


def test_invalid_values_keep_the_old_settings_and_say_why(controller: AppController) -> None:
    controller.open_settings()
    controller.settings_flow.apply({"flow_after_min": "5"}, False)
    dialog = controller.settings_flow.dialog
    assert dialog is not None
    # Fields named as the dialog labels them, and the one at fault marked.
    assert "“Flow after (minutes)” (5) must be at least “Ramp-up (minutes)”" in dialog.error.text()
    assert "D55E00" in dialog.edits["flow_after_min"].styleSheet()
    assert dialog.isVisible()
    assert not settings_path().exists()
    controller.settings_flow.apply({"hotkey": "i"}, False)
    assert "needs <ctrl>, <alt> or <cmd>" in dialog.error.text()
    assert controller.settings == Settings()


def test_valid_values_are_saved_and_applied(qtbot: QtBot, controller: AppController) -> None:
    controller.open_settings()
    controller.settings_flow.apply({"ramp_up_min": "20", "hotkey": "<ctrl>+<alt>+<f9>"}, True)
    assert json.loads(settings_path().read_text())["ramp_up_min"] == 20
    assert load_settings().hotkey == "<ctrl>+<alt>+<f9>"
    assert controller.settings.model.ramp_up_min == 20
    assert controller.inputs.hotkey.hotkey == "<ctrl>+<alt>+<f9>"
    qtbot.waitUntil(controller.inputs.hotkey.is_alive)
    assert autostart.is_enabled()
    assert "Exec=" in autostart.entry_path().read_text()
    controller.settings_flow.apply({}, False)
    assert not autostart.is_enabled()


def test_the_dialog_never_writes_stale_values(controller: AppController) -> None:
    controller.open_settings()
    dialog = controller.settings_flow.dialog
    assert dialog is not None
    save_settings(Settings().updated({"flow_after_min": "40"}))  # the CLI, meanwhile
    dialog.edits["ramp_up_min"].setText("20")
    assert dialog.recompute_note.isVisibleTo(dialog)  # said before applying
    dialog.buttons.accepted.emit()
    saved = json.loads(settings_path().read_text())
    assert (saved["ramp_up_min"], saved["flow_after_min"]) == (20, 40)
    assert controller.settings.model.flow_after_min == 40
    controller.open_settings()
    assert dialog.edits["flow_after_min"].text() == "40"  # fresh when it opens


def test_the_app_follows_a_settings_file_changed_elsewhere(controller: AppController) -> None:
    save_settings(Settings().updated({"flow_after_min": "45", "daily_goal_min": "240"}))
    controller.live.follow_file()  # what every tick does
    assert controller.settings.model.flow_after_min == 45
    assert controller.tray.goal_min == 240


def test_quiet_notifications_are_chosen_in_the_dialog_and_said_when_impossible(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No notification server on this test's own bus: the dialog says so in one sentence,
    under the choice, and the choice is saved all the same (for a desktop where it works)."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs dbus-daemon")
    bus = contextlib.ExitStack()
    bare = bus.enter_context(session_bus(activating=False))  # dunst would be started
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bare)
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)
    controller.status_flow.focus.keeper.start()
    qtbot.waitUntil(lambda: controller.status_flow.focus.keeper.state.why_not != "starting")
    controller.open_settings()
    dialog = controller.settings_flow.dialog
    assert dialog is not None
    assert dialog.quiet_from.currentData() == "off"
    assert dialog.quiet_note.isVisibleTo(dialog)
    assert dialog.quiet_note.text().startswith("Quieting notifications is unavailable here: ")
    dialog.quiet_from.setCurrentIndex(dialog.quiet_from.findData("flow"))
    dialog.buttons.accepted.emit()
    assert json.loads(settings_path().read_text())["quiet_from"] == "flow"
    assert controller.settings.quiet_from.value == "flow"
    controller.status_flow.focus.keeper.stop()
    bus.close()

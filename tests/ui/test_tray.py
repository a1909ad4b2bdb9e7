"""The tray view: tooltip, menu state and the click convention, on a real tray host."""

from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tracker.settings import ModelParams
from ui.tray import TrayView, describe, one_line


def make(qtbot: QtBot) -> TrayView:
    view = TrayView(ModelParams())
    view.show_tray(statuses.idle())
    qtbot.waitUntil(lambda: view.tray.geometry().width() > 0, timeout=5000)
    return view


def test_the_icon_is_embedded_in_the_tray_host(qtbot: QtBot) -> None:
    assert QSystemTrayIcon.isSystemTrayAvailable()
    view = make(qtbot)
    assert view.tray.geometry().width() >= 16
    view.tray.hide()


def test_tooltip_says_task_phase_elapsed_and_today() -> None:
    text = describe(statuses.running(47))
    assert "API design" in text
    assert "Flow for 17 min" in text  # in flow since minute 30: never the stretch's age
    assert "Today: 32 min focus, 17 min in flow" in text
    assert "0 interruptions, 1 uninterrupted period" in text
    assert text.endswith("period")  # one is singular
    assert "Today: 32 min of 4 h focus" in describe(statuses.running(47), goal_min=240)
    assert "Ramp-up for 10 min, deep focus in 5 min" in describe(statuses.running(10))
    assert ":" not in one_line(statuses.running(75)).split("·")[1]  # no clock-like lengths
    assert "Paused" in describe(statuses.paused())
    assert "Interrupted" in describe(statuses.interrupted())
    assert "no focus block running" in describe(statuses.idle())


def test_menu_follows_the_state(qtbot: QtBot) -> None:
    view = make(qtbot)
    assert view.start_menu.isEnabled()
    assert not view.stop_action.isEnabled()
    view.show_status(statuses.running(10))
    assert not view.start_menu.isEnabled()
    assert view.pause_action.text() == "Pause"
    assert view.log_action.isEnabled()
    view.show_status(statuses.paused())
    assert view.pause_action.text() == "Resume"
    view.tray.hide()


def test_left_click_shows_the_status_and_middle_click_pauses(qtbot: QtBot) -> None:
    view = make(qtbot)
    view.show_status(statuses.running(10))
    paused: list[bool] = []
    view.requests.pause_requested.connect(lambda: paused.append(True))
    view.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    qtbot.waitUntil(view.menu.isVisible)
    assert view.header[0].text() == "API design"
    assert view.header[1].text().startswith("Ramp-up for 10 min")
    assert paused == []  # a left click never pauses silently
    # Drawn as enabled lines (a disabled one is too faint to read); one opens the dashboard.
    assert all(line.isEnabled() for line in view.header)
    with qtbot.waitSignal(view.requests.dashboard_requested):
        view.header[1].trigger()
    view.menu.hide()
    with qtbot.waitSignal(view.requests.pause_requested):
        view.tray.activated.emit(QSystemTrayIcon.ActivationReason.MiddleClick)
    view.show_status(statuses.paused())
    with qtbot.waitSignal(view.requests.resume_requested):
        view.tray.activated.emit(QSystemTrayIcon.ActivationReason.MiddleClick)
    with qtbot.waitSignal(view.requests.resume_requested):
        view.pause_action.trigger()
    view.tray.hide()

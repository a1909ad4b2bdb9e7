"""The tray view: tooltip, menu state and the click convention, on a real tray host."""

from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from tests.ui import statuses
from tracker.settings import ModelParams
from ui.tray import TrayView, describe


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
    assert "Flow for 0:47" in text
    assert "0:47 tracked" in text
    assert "Today: 0 interruptions, 1 uninterrupted periods" in text
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


def test_left_click_starts_pauses_and_resumes(qtbot: QtBot) -> None:
    view = make(qtbot)
    trigger = QSystemTrayIcon.ActivationReason.Trigger
    with qtbot.waitSignal(view.start_requested) as started:
        view.tray.activated.emit(trigger)
    assert started.args == [""]
    view.show_status(statuses.running(10))
    with qtbot.waitSignal(view.pause_requested):
        view.tray.activated.emit(trigger)
    view.show_status(statuses.paused())
    with qtbot.waitSignal(view.resume_requested):
        view.pause_action.trigger()
    view.set_recent_tasks(["API design", "review"])
    view.show_status(statuses.idle())
    view.start_menu.aboutToShow.emit()
    titles = [a.text() for a in view.start_menu.actions()]
    assert "review" in titles
    with qtbot.waitSignal(view.start_requested) as chosen:
        next(a for a in view.start_menu.actions() if a.text() == "review").trigger()
    assert chosen.args == ["review"]
    view.tray.hide()


def test_the_menu_opens_the_dashboard_in_any_state(qtbot: QtBot) -> None:
    view = make(qtbot)
    for status in (statuses.idle(), statuses.running(10)):
        view.show_status(status)
        assert view.dashboard_action.isEnabled()
        with qtbot.waitSignal(view.dashboard_requested):
            view.dashboard_action.trigger()
    view.tray.hide()

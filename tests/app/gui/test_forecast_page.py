"""The dashboard's forecast tab, driven like a user drives it: the real window, its real
worker thread, a real SQLite file holding eight shaped weeks before this one."""

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QTableWidget
from pytestqt.qtbot import QtBot

from app.gui.controller import AppController
from app.gui.dashboard import Dashboard
from data.store import Store
from tests.tracker.histories import BUSY, ZONE, busy_rate, workdays
from tracker.clock import now
from tracker.days import DayClock, monday_of, week_name
from tracker.settings import ModelParams, load_zone
from ui.week_export import documents_folder

THIS_MONDAY = monday_of(DayClock(load_zone(ZONE)).day_of(now()))
HISTORY = [THIS_MONDAY - timedelta(weeks=w) for w in range(8, 0, -1)]


@pytest.fixture
def dashboard(qtbot: QtBot, tmp_path: Path) -> Iterator[Dashboard]:
    database = str(tmp_path / "shaped.sqlite3")
    with Store.open(database) as store:
        store.import_blocks(workdays({h: busy_rate(h) for h in range(24)}, 2, HISTORY))
    board = Dashboard(database, ModelParams(), ZONE)
    qtbot.addWidget(board.window)
    board.show()
    qtbot.waitUntil(lambda: board.window.view is not None, timeout=20_000)
    yield board
    board.close()


def _open_forecast(qtbot: QtBot, board: Dashboard) -> QTableWidget:
    tabs = board.window.tabs
    tabs.setCurrentIndex(tabs.indexOf(board.forecast))
    qtbot.waitUntil(lambda: board.forecast.forecast is not None, timeout=20_000)
    return board.forecast.table


def test_opening_the_tab_shows_next_weeks_windows_out_of_the_busy_hours(
    qtbot: QtBot, dashboard: Dashboard
) -> None:
    tabs = dashboard.window.tabs
    assert tabs.tabText(tabs.indexOf(dashboard.forecast)) == "Focus forecast"
    table = _open_forecast(qtbot, dashboard)
    page = dashboard.forecast
    next_week = week_name(THIS_MONDAY + timedelta(weeks=1))
    assert page.heading.text() == f"Best focus windows for {next_week}"
    assert page.basis.text().startswith("Learnt from 8 weeks")
    windows = []
    for row in range(table.rowCount()):
        item = table.item(row, 1)
        if item is not None and item.text():
            first, last = (int(part[:2]) for part in item.text().split("-"))
            windows.append((first, last))
    assert len(windows) >= 5  # at least one a weekday
    for first, last in windows:
        assert all(last <= a or first >= b for a, b in BUSY), (first, last)
    weekend = table.item(table.rowCount() - 1, 2)
    assert weekend is not None
    assert weekend.text() == "no tracked hours on this weekday"
    assert page.calendar_button.isEnabled()


def test_the_windows_are_saved_as_calendar_events(
    qtbot: QtBot, dashboard: Dashboard, tmp_path: Path
) -> None:
    _open_forecast(qtbot, dashboard)
    target = tmp_path / "focus.ics"
    dashboard.forecast.calendar_requested.emit(str(target))  # what the file dialog emits
    qtbot.waitUntil(target.exists, timeout=20_000)
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events if e.get("status") != "CANCELLED"]
    message = dashboard.window.statusBar().currentMessage()
    assert message.startswith("Wrote ")
    assert str(target) in message


def test_the_save_button_asks_where_starting_in_the_documents_folder(
    qtbot: QtBot, dashboard: Dashboard, tmp_path: Path
) -> None:
    """Not wherever the app happened to be started from (it once offered the repo)."""
    _open_forecast(qtbot, dashboard)
    asked: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        asked.append(dialog.directory().absolutePath())
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # what the user types into
        assert isinstance(name, QLineEdit)
        name.setText(str(tmp_path / "mine"))
        dialog.accept()

    QTimer.singleShot(500, answer)
    with qtbot.waitSignal(dashboard.forecast.calendar_requested, timeout=20_000) as signal:
        qtbot.mouseClick(dashboard.forecast.calendar_button, Qt.MouseButton.LeftButton)
    assert asked == [str(documents_folder())]
    assert signal.args == [str(tmp_path / "mine.ics")]


def test_the_tray_menu_opens_the_dashboard_on_the_forecast(
    qtbot: QtBot, controller: AppController
) -> None:
    assert controller.tray.forecast_action.text() == "Focus forecast…"
    controller.tray.forecast_action.trigger()
    board = controller.dashboard
    assert board is not None
    qtbot.waitExposed(board.window)
    assert board.window.tabs.currentWidget() is board.forecast
    qtbot.waitUntil(lambda: board.forecast.forecast is not None, timeout=20_000)
    assert board.forecast.heading.text().startswith("Best focus windows for ")

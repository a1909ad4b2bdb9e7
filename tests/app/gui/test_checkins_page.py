"""The dashboard's check-ins tab and the settings dialog's proposal, on the real widgets with
their real worker threads and a real SQLite file of answered check-ins."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config import load_settings
from app.gui.controller import AppController
from app.gui.dashboard import Dashboard
from data.store import Store
from tests.tracker.histories import ZONE, answered_blocks, answers
from tracker.settings import ModelParams, Settings


@pytest.fixture
def database(tmp_path: Path, private_user_folders: Path) -> str:
    path = str(tmp_path / "answered.sqlite3")
    with Store.open(path) as store:
        store.import_blocks(answered_blocks(answers(21, 12, 40, days=10, per_day=8)))
    return path


@pytest.fixture
def dashboard(qtbot: QtBot, database: str) -> Iterator[Dashboard]:
    board = Dashboard(database, ModelParams(), ZONE)
    qtbot.addWidget(board.window)
    board.show()
    qtbot.waitUntil(lambda: board.window.view is not None, timeout=20_000)
    yield board
    board.close()


def test_the_tab_shows_every_answer_against_its_age_and_the_proposal(
    qtbot: QtBot, dashboard: Dashboard
) -> None:
    tabs = dashboard.window.tabs
    assert tabs.tabText(tabs.indexOf(dashboard.checkins)) == "Check-ins"
    tabs.setCurrentWidget(dashboard.checkins)
    page = dashboard.checkins
    qtbot.waitUntil(lambda: page.loaded, timeout=20_000)
    assert page.heading.text() == "80 answered and 0 skipped, over all your history."
    assert len(page.chart.points) == 80
    first, *_, last = page.chart.means
    assert first[0] == 0
    assert first[2] < last[2]
    assert page.chart.thresholds == (15, 30)
    assert page.calibration.text().startswith("From 80 answers over 10 days:")
    image = page.chart.grab().toImage()
    assert image.width() > 300  # painted, at a size to read


def test_the_settings_dialog_proposes_and_fills_nothing_until_asked(
    qtbot: QtBot, qapp: QApplication, database: str
) -> None:
    controller = AppController(qapp, Settings(), database, ZONE)
    try:
        controller.open_settings()
        dialog = controller.settings_flow.dialog
        assert dialog is not None
        box = dialog.calibration
        qtbot.waitUntil(lambda: box.use.isVisible(), timeout=20_000)
        assert box.text.text().startswith("From 80 answers over 10 days:")
        assert dialog.edits["ramp_up_min"].text() == "15"
        assert not dialog.recompute_note.isVisible()
        qtbot.mouseClick(box.use, Qt.MouseButton.LeftButton)
        proposed = dialog.edits["ramp_up_min"].text()
        assert proposed != "15"
        assert dialog.recompute_note.isVisible()  # says all history is counted again
        dialog.checkins_on.setChecked(True)
        assert dialog.edits["checkins_per_day"].text() == "4"
        dialog.buttons.accepted.emit()
        saved = load_settings()
        assert saved.checkins_per_day == 4
        assert saved.model.ramp_up_min == float(proposed)
    finally:
        controller.shutdown()
        controller.dispose()

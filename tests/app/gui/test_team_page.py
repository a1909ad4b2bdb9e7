"""The dashboard's Team page, on real widgets with the dashboard's real worker, for a member
of a team of three on the real PostgreSQL server: the tab is there only while the sync
target is a team's database, it shows what the team function returns (hidden cells as
hidden), follows the week, and a server that refuses is one sentence on the page."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot

from app.gui.dashboard import Dashboard
from data import team as teams
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from tests.data.test_team import MONDAY, generated_weeks
from tests.postgres_server import PostgresServer
from tracker.settings import ModelParams
from tracker.team import HIDDEN, Lens
from ui.dashboard import DashboardWindow
from ui.team_page import TeamPage

pytestmark = pytest.mark.postgres
ZONE = "Europe/Amsterdam"
ARTIFACTS = Path(__file__).resolve().parents[3] / ".artifacts"


@pytest.fixture
def member(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The first of three sharing members: their SQLite file and their join URL."""
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA, "Platform")
        files = []
        for index in range(3):
            joined = teams.add_member(url, f"P{index}")
            path = str(tmp_path / f"p{index}.sqlite3")
            with Store.open(path) as store:
                store.import_blocks(generated_weeks(index, ZONE))
                store.sync(joined.url, lens=Lens(ModelParams(), ZONE))
            teams.share(joined.url, True)
            files.append((path, joined.url))
        yield files[0]


def open_on(qtbot: QtBot, database: str, sync_url: str | None) -> Dashboard:
    board = Dashboard(database, ModelParams(), ZONE, lambda: sync_url)
    qtbot.addWidget(board.window)
    board.show(MONDAY)
    qtbot.waitUntil(lambda: board.window.view is not None, timeout=20_000)
    return board


def team_tab(window: DashboardWindow) -> int:
    return next(
        i
        for i in range(window.tabs.count())
        if (tab := window.tabs.widget(i)) is not None and tab.objectName() == "team"
    )


def text_at(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def page_of(window: DashboardWindow) -> TeamPage:
    assert window.team_page is not None
    return window.team_page


def test_a_member_sees_the_teams_week_and_its_hidden_cells(
    qtbot: QtBot, member: tuple[str, str]
) -> None:
    database, url = member
    board = open_on(qtbot, database, url)
    try:
        window = board.window
        window.tabs.setCurrentIndex(team_tab(window))
        page = page_of(window)
        qtbot.waitUntil(lambda: page.week is not None, timeout=20_000)
        _, expected = teams.team_week(url, MONDAY)
        assert page.week is not None
        assert replace(page.week, windows=()) == expected
        assert len(page.week.windows) == 7  # worked out with the reader's period
        assert len(page.windows.text().splitlines()) == 7
        assert "Platform" in page.title.text()
        assert "2026-W47" in page.title.text()
        last = page.trend.rowCount() - 1
        assert text_at(page.trend, last, 0) == "2026-W47"
        assert text_at(page.trend, last, 1) == "3"
        assert expected.median_period_min == 170
        assert text_at(page.trend, last, 2) == "2 h 50 min"  # a length, as everywhere
        for day in range(7):
            for hour in range(24):
                internal = expected.internal_by_hour[day][hour]
                external = expected.external_by_hour[day][hour]
                cell = text_at(page.hours, day, hour)
                assert cell == (HIDDEN if internal is None else f"{internal}/{external}")
        named = [s.source for s in expected.sources if s.source is not None]
        assert [text_at(page.sources, r, 0) for r in range(len(named))] == named
        ARTIFACTS.mkdir(exist_ok=True)
        window.resize(1100, 800)
        QApplication.processEvents()
        assert window.grab().save(str(ARTIFACTS / "team-page.png"))
        window.next_week()  # the page follows the week: W48, with nobody's days yet
        qtbot.waitUntil(
            lambda: page.week is not None and page.week.week == "2026-W48", timeout=20_000
        )
        assert page.week.median_period_min is None
        assert text_at(page.trend, page.trend.rowCount() - 1, 2) == HIDDEN
    finally:
        board.close()


def test_no_team_no_tab_and_a_refusing_server_is_one_sentence(
    qtbot: QtBot, member: tuple[str, str], tmp_path: Path
) -> None:
    alone = str(tmp_path / "alone.sqlite3")
    with Store.open(alone) as store:
        store.import_blocks(generated_weeks(9, ZONE))
    board = open_on(qtbot, alone, None)
    try:
        assert board.window.team_page is None
    finally:
        board.close()
    database, url = member
    password = url.split("://", 1)[1].split("@")[0].split(":", 1)[1]
    wrong = url.replace(password, "not-the-password")
    board = open_on(qtbot, database, wrong)
    try:
        window = board.window
        window.tabs.setCurrentIndex(team_tab(window))
        page = page_of(window)
        qtbot.waitUntil(lambda: "password" in page.note.text(), timeout=20_000)
        assert "not-the-password" not in page.note.text()
        assert page.week is None
    finally:
        board.close()


def test_the_tab_goes_when_the_target_is_no_longer_a_team(qtbot: QtBot) -> None:
    window = DashboardWindow()
    qtbot.addWidget(window)
    window.set_team("Platform")
    assert window.team_page is not None
    tabs = window.tabs.count()
    window.set_team("Platform")
    assert window.tabs.count() == tabs
    window.set_team(None)
    assert window.team_page is None
    assert window.tabs.count() == tabs - 1

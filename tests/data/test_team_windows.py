"""The team's best shared focus windows, from a real PostgreSQL team database: six members
whose interruptions crowd into the same hours, and one who alone works late. The windows
keep out of the busy hours; the lone hours never reach an answer; a member cannot ask for a
smaller group or an unbounded span."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from data import team as teams
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from tests.postgres_server import PostgresServer
from tests.tracker.histories import BUSY, ZONE, busy_rate, workdays
from tracker.model import Block
from tracker.settings import ModelParams, load_zone
from tracker.team import Lens
from tracker.team_forecast import WINDOW_WEEKS, shared_windows

pytestmark = pytest.mark.postgres
TARGET = date(2026, 11, 16)  # 2026-W47
HISTORY = [TARGET - timedelta(weeks=w) for w in range(WINDOW_WEEKS, 0, -1)]
LENS = Lens(ModelParams(), ZONE)


@pytest.fixture
def team(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[list[str]]:
    """Six members sharing, each with eight shaped weeks; the first also works alone on
    Tuesday evenings, untroubled."""
    with postgres_server.database() as url:
        teams.init(url, 5, REMOTE_SCHEMA)
        urls = []
        zone = load_zone(ZONE)
        for index in range(6):
            joined = teams.add_member(url, f"Member {index + 1}")
            blocks = workdays({h: busy_rate(h) for h in range(24)}, 40 + index, HISTORY)
            if index == 0:
                blocks += [
                    Block(
                        datetime.combine(monday + timedelta(days=1), time(19), zone),
                        datetime.combine(monday + timedelta(days=1), time(21), zone),
                        "alone",
                    )
                    for monday in HISTORY
                ]
            with Store.open(str(tmp_path / f"m{index}.sqlite3")) as store:
                store.import_blocks(blocks)
                store.sync(joined.url, lens=LENS)
            teams.share(joined.url, True)
            urls.append(joined.url)
        yield urls


def test_the_shared_windows_keep_out_of_the_teams_busy_hours(team: list[str]) -> None:
    _, week = teams.team_week(team[2], TARGET)
    assert week.cells  # the eight weeks before W47, aggregated
    assert all(not (weekday == 2 and hour >= 19) for weekday, hour, *_ in week.cells)
    windows = shared_windows(week.cells, 25, TARGET)
    weekdays = [found for _, found in windows[:5]]
    assert all(weekdays), weekdays
    for found in weekdays:
        for window in found:
            first, last = window.start.hour, window.end.hour or 24
            assert all(last <= a or first >= b for a, b in BUSY), window
            assert window.low <= window.chance <= window.high
    assert windows[5][1] == windows[6][1] == ()  # nobody works weekends


def test_a_member_gets_no_smaller_group_and_no_unbounded_span(team: list[str]) -> None:
    engine = create_engine(team[0].replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        for arguments in ("'2026-09-21', 8, 2", "'2026-09-21', 53, NULL", "'2026-09-22', 8, NULL"):
            with pytest.raises(DBAPIError), engine.connect() as connection:
                connection.execute(text(f"SELECT flowtally_team_cells({arguments})"))
        with engine.connect() as connection:
            answer = connection.execute(
                text("SELECT flowtally_team_cells('2026-09-21', 8, NULL)")
            ).scalar_one()
        assert answer["hidden"] >= len(HISTORY)  # the lone Tuesday evenings, left out
        assert all(not (wd == 2 and hr >= 19) for wd, hr, *_ in answer["cells"])
    finally:
        engine.dispose()

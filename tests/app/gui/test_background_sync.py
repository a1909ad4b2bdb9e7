"""The background sync's failure, as the tray meets it: a target that does not answer
changes nothing here; after sync has failed for long enough the tray is told once, not at
every attempt, and a success resets that."""

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.gui import background_sync
from app.gui.background_sync import BackgroundSync
from data import team as teams
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from tests.data.test_sync import block
from tests.postgres_server import PostgresServer
from tracker.settings import ModelParams
from tracker.team import Lens

DOWN = "postgresql://ana:secret@127.0.0.1:9/flowtally"


def test_a_long_failure_is_said_once_with_no_password(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = str(tmp_path / "flowtally.sqlite3")
    Store.open(database).close()
    monkeypatch.setattr(background_sync, "FAILING_LONG", 0.0)
    told: list[str] = []
    sync = BackgroundSync(database, lambda: DOWN, told.append)
    for _ in range(3):
        with qtbot.waitSignal(sync.failed, timeout=10_000):
            sync.now(pull=True)
        qtbot.waitUntil(lambda: not sync.running())
    assert len(told) == 1
    assert told[0].startswith("Sync has not worked for an hour: cannot sync with")
    assert "secret" not in told[0]
    with Store.open(database) as store:
        state = store.sync_state()
    assert state.problem is not None
    assert "secret" not in state.problem


def test_nothing_is_tried_without_a_target(qtbot: QtBot, tmp_path: Path) -> None:
    sync = BackgroundSync(str(tmp_path / "none.sqlite3"), lambda: None, lambda _: None)
    sync.now(pull=True)
    sync.changed()
    assert not sync.running()
    assert not (tmp_path / "none.sqlite3").exists()  # no store was even opened


@pytest.mark.postgres
def test_a_team_member_syncs_only_at_the_slots_every_member_shares(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_server: PostgresServer
) -> None:
    """A change made between two slots waits for the next one, so the database never shows
    when a member stopped a block."""
    slot = 4.0
    monkeypatch.setenv("FLOWTALLY_TEAM_SLOT_S", str(slot))
    monkeypatch.setenv("FLOWTALLY_SYNC_AFTER_CHANGE_S", "0.1")
    lens = Lens(ModelParams(), "UTC")
    database = str(tmp_path / "flowtally.sqlite3")
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        member = teams.add_member(url, "Ada")
        with Store.open(database) as store:
            store.add(block(0, 30, "first"))
            store.sync(member.url, lens=lens)
        moments: list[float] = []
        sync = BackgroundSync(
            database, lambda: member.url, lambda _: None, name=lambda: (None, None, lens)
        )
        sync.synced.connect(lambda _: moments.append(time.time()))
        sync.start()  # the store knows its target is a team's: not now, at the slot
        qtbot.waitUntil(lambda: time.time() % slot > slot / 2, timeout=10_000)
        with Store.open(database) as store:
            store.add(block(60, 90, "second"))
        sync.changed()
        qtbot.waitUntil(lambda: len(moments) >= 1, timeout=15_000)
        sync.stop()
        qtbot.waitUntil(lambda: not sync.running())
        assert all(moment % slot < slot / 2 - 0.5 for moment in moments), moments
        with Store.open(database) as store:
            assert store.sync_state().waiting == 0

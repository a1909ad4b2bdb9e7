"""The background sync's failure, as the tray meets it: a target that does not answer
changes nothing here; after sync has failed for long enough the tray is told once, not at
every attempt, and a success resets that."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.gui import background_sync
from app.gui.background_sync import BackgroundSync
from data.store import Store

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

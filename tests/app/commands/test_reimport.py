"""Importing a file again: answered from the memo only while the history is as that import
left it. Real processes and real SQLite files; the history is changed through the store, as
the dashboard's history editor changes it."""

import json
import stat
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from data.store import Store
from tests.app.cli_runner import assert_clean_error, flowtally
from tracker.interchange import to_json
from tracker.model import Block, Interruption

AMS = ["--tz", "Europe/Amsterdam"]
MONDAY = datetime(2026, 11, 16, 8, tzinfo=UTC)


def _export(path: Path) -> Path:
    blocks = [
        Block(
            MONDAY + timedelta(hours=hour),
            MONDAY + timedelta(hours=hour, minutes=50),
            "API design",
            interruptions=(Interruption(MONDAY + timedelta(hours=hour, minutes=20)),),
        )
        for hour in range(3)
    ]
    path.write_text(to_json(blocks))
    return path


def _import(file: Path, db: str, check: bool = True) -> str:
    return flowtally("import", str(file), "--db", db, *AMS, check=check).stdout


def test_an_unchanged_file_into_an_unchanged_history_adds_nothing(tmp_path: Path) -> None:
    db, file = str(tmp_path / "f.sqlite3"), _export(tmp_path / "week.json")
    assert "Imported 3 blocks from" in _import(file, db)
    for _ in range(2):
        assert "Imported 0 blocks from" in (again := _import(file, db))
        assert "(3 already stored)" in again
    memo = next((tmp_path / "home" / "state" / "flowtally" / "imported").iterdir())
    assert stat.S_IMODE(memo.stat().st_mode) == 0o600
    assert "API design" not in memo.read_text()  # digests and counts, no history


def test_a_block_deleted_since_is_imported_again(tmp_path: Path) -> None:
    db, file = str(tmp_path / "f.sqlite3"), _export(tmp_path / "week.json")
    _import(file, db)
    _import(file, db)
    with Store.open(db) as store:
        store.change(store.all_blocks()[1], None)
    again = _import(file, db)
    assert "Imported 1 block from" in again
    assert "(2 already stored)" in again
    with Store.open(db) as store:
        assert len(store.all_blocks()) == 3


def test_a_block_edited_since_refuses_the_file_again(tmp_path: Path) -> None:
    db, file = str(tmp_path / "f.sqlite3"), _export(tmp_path / "week.json")
    _import(file, db)
    _import(file, db)
    with Store.open(db) as store:
        first = store.all_blocks()[0]
        store.change(first, replace(first, task="review"))
    assert_clean_error(flowtally("import", str(file), "--db", db, *AMS, check=False), "overlaps")


def test_a_changed_file_is_read_whole(tmp_path: Path) -> None:
    db, file = str(tmp_path / "f.sqlite3"), _export(tmp_path / "week.json")
    _import(file, db)
    document = json.loads(file.read_text())
    document["blocks"][0]["interruptions"][0]["source"] = "chat"
    file.write_text(json.dumps(document))
    assert_clean_error(flowtally("import", str(file), "--db", db, *AMS, check=False), "overlaps")


def test_a_damaged_memo_costs_only_speed(tmp_path: Path) -> None:
    db, file = str(tmp_path / "f.sqlite3"), _export(tmp_path / "week.json")
    _import(file, db)
    folder = tmp_path / "home" / "state" / "flowtally" / "imported"
    for memo in folder.iterdir():
        memo.write_text('{"not": "a memo"')
    assert "(3 already stored)" in _import(file, db)

"""What the embedded SQLite store promises: WAL, private files, clear errors, nothing lost."""

import sqlite3
import stat
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.engine import BUSY_TIMEOUT_MS, default_database_path
from data.errors import StoreError
from data.store import Store
from tracker.model import Interruption

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def test_default_file_lives_in_the_user_data_folder_and_is_private(
    private_user_folders: Path,
) -> None:
    with Store.open() as store:
        store.start(NOW, "UTC")
    path = default_database_path()
    assert path.is_relative_to(private_user_folders)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_wal_mode_and_foreign_keys_are_on(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "f.sqlite3")) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_committed_interruption_is_visible_to_another_process_at_once(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    with Store.open(str(path)) as store:
        store.start(NOW, "UTC")
        store.interrupt(Interruption(NOW + timedelta(minutes=5)))
        reader = sqlite3.connect(path)
        count = reader.execute("SELECT count(*) FROM interruptions").fetchone()[0]
        reader.close()
    assert count == 1


def test_a_corrupt_file_gives_a_clear_error_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    garbage = b"this is not a database" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="damaged or not a Flowtally database"):
        Store.open(str(path))
    assert path.read_bytes() == garbage


def test_a_locked_database_fails_cleanly_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    with Store.open(str(path)) as store:
        store.start(NOW, "UTC")
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        began = time.monotonic()
        try:
            with pytest.raises(StoreError, match="locked by another program"):
                store.interrupt(Interruption(NOW + timedelta(minutes=1)))
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert time.monotonic() - began >= BUSY_TIMEOUT_MS / 1000 * 0.9
        store.interrupt(Interruption(NOW + timedelta(minutes=2)))
        running = store.running()
    assert running is not None
    assert [i.at for i in running.interruptions] == [NOW + timedelta(minutes=2)]


@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=12),
    st.sampled_from(["overlap", "outside", "running"]),
)
@settings(max_examples=60, deadline=None)
def test_a_rejected_import_writes_nothing(gaps: list[int], bad_at: int, flaw: str) -> None:
    """Whatever the position of the one bad block, the store is as it was before."""
    from tracker.errors import ValidationError
    from tracker.model import Block, Interruption

    start = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    blocks = []
    for gap in gaps:
        start += timedelta(minutes=gap + 30)
        blocks.append(Block(start, start + timedelta(minutes=25)))
    bad = blocks[min(bad_at, len(blocks) - 1)]
    broken = {
        "overlap": Block(bad.start + timedelta(minutes=5), bad.start + timedelta(minutes=40)),
        "outside": Block(
            bad.start - timedelta(days=3),
            bad.start - timedelta(days=3) + timedelta(minutes=10),
            interruptions=(Interruption(bad.start),),
        ),
        "running": Block(bad.start - timedelta(days=5)),
    }[flaw]
    with tempfile.TemporaryDirectory() as folder, Store.open(f"{folder}/f.sqlite3") as store:
        store.import_blocks(
            [Block(datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 5, 10, tzinfo=UTC))]
        )
        before = store.count()
        candidate = [*blocks[: bad_at + 1], broken, *blocks[bad_at + 1 :]]
        with pytest.raises(ValidationError, match=r"blocks\[\d+\]"):
            store.import_blocks(candidate)
        assert store.count() == before

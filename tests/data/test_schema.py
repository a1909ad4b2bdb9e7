"""Migrations build exactly the models' schema; foreign or newer databases are refused."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from data.errors import StoreError
from data.schema import HEAD_REVISION, MIGRATIONS
from data.store import Store
from data.tables import METADATA


def test_head_revision_constant_matches_the_migrations() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_upgrading_an_empty_database_matches_the_models(database_url: str) -> None:
    Store.open(database_url).close()
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, METADATA)
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar() == HEAD_REVISION
    finally:
        engine.dispose()
    assert differences == []


def test_opening_twice_is_a_no_op(database_url: str) -> None:
    Store.open(database_url).close()
    with Store.open(database_url) as store:
        assert store.count() == (0, 0, 0)


def test_a_database_from_a_newer_flowtally_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.sqlite3'}"
    Store.open(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer Flowtally"):
        Store.open(url)


def test_a_database_of_another_program_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(StoreError, match="not Flowtally's"):
        Store.open(str(path))
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        tables = connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        assert [name for (name,) in tables] == ["invoices"]
    engine.dispose()


def test_upgrading_from_the_first_schema_keeps_every_row_and_a_backup(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO blocks (id, start_utc, end_utc, running, task, timezone) "
                "VALUES (1, '2026-11-16 08:00:00.000000', '2026-11-16 10:00:00.000000', "
                "NULL, 'old', 'UTC')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO interruptions "
                "(block_id, at_utc, end_utc, kind, source, note, timezone) "
                "VALUES (1, '2026-11-16 09:00:00.000000', NULL, 'external', 'chat', 'hi', 'UTC')"
            )
        )
    engine.dispose()
    with Store.open(str(path)) as store:
        (block,) = store.all_blocks()
        assert store.count() == (1, 0, 1)
    assert block.task == "old"
    assert block.interruptions[0].note == "hi"
    upgraded = create_engine(f"sqlite:///{path}")
    with upgraded.connect() as connection:  # every row this device's, with a global id
        for table in ("blocks", "interruptions"):
            uids = connection.execute(text(f"SELECT uid FROM {table}")).scalars().all()
            assert len(uids) == 1
            assert len(uids[0]) == 36
        assert connection.execute(text("SELECT device_id, revision, dirty FROM blocks")).one() == (
            None,
            1,
            True,
        )
        (device,) = connection.execute(text("SELECT device_id, person_id FROM devices")).all()
        assert len(set(device)) == 2
    upgraded.dispose()
    backup = path.with_name(f"old.sqlite3.pre-{HEAD_REVISION}.bak")
    assert backup.exists()
    copy = create_engine(f"sqlite:///{backup}")
    with copy.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        )
    copy.dispose()


FIRST_RELEASE = Path(__file__).parent / "fixtures" / "flowtally-schema-0001.sqlite3"
"""A database file written by the first released schema (0001): 61 blocks (one running),
20 pauses, 120 interruptions, with notes and task names in several scripts."""


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {
            "blocks": connection.execute(
                "SELECT id, start_utc, end_utc, running, task, timezone FROM blocks ORDER BY id"
            ).fetchall(),
            "pauses": connection.execute(
                "SELECT id, block_id, start_utc, end_utc, timezone FROM pauses ORDER BY id"
            ).fetchall(),
            "interruptions": connection.execute(
                "SELECT id, block_id, at_utc, end_utc, kind, source, note, timezone "
                "FROM interruptions ORDER BY id"
            ).fetchall(),
        }
    finally:
        connection.close()


def test_a_file_from_the_first_release_is_upgraded_with_every_row(tmp_path: Path) -> None:
    path = tmp_path / "flowtally.sqlite3"
    shutil.copyfile(FIRST_RELEASE, path)
    before = _rows(path)
    assert [len(rows) for rows in before.values()] == [61, 20, 120]
    with Store.open(str(path)) as store:
        assert store.count() == (61, 20, 120)
        running = store.running()
        assert running is not None
        assert running.task == "still running"
        assert any(b.task == "Überarbeitung ✍" for b in store.all_blocks())
    assert _rows(path) == before  # every row, every value
    backup = path.with_name(f"flowtally.sqlite3.pre-{HEAD_REVISION}.bak")
    assert _rows(backup) == before
    assert FIRST_RELEASE.read_bytes() != path.read_bytes()  # the copy was upgraded, not the file


def test_two_threads_opening_a_new_database_at_once_both_get_it(tmp_path: Path) -> None:
    """The tray's store worker and the settings dialog's calibration may open a new file at
    the same moment: Alembic's module globals let one upgrade break the other."""
    import threading

    from data.store import Store

    for attempt in range(8):
        path = str(tmp_path / f"new-{attempt}.sqlite3")
        start = threading.Barrier(2)
        failures: list[BaseException] = []

        def open_it(
            path: str = path,
            start: threading.Barrier = start,
            failures: list[BaseException] = failures,
        ) -> None:
            start.wait()
            try:
                Store.open(path).close()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                failures.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert failures == []

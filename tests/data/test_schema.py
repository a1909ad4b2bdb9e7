"""Migrations build exactly the models' schema; foreign or newer databases are refused."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from data.errors import StoreError
from data.models import Base
from data.schema import HEAD_REVISION, MIGRATIONS
from data.store import Store


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
            differences = compare_metadata(context, Base.metadata)
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
    backup = path.with_name("old.sqlite3.pre-0002.bak")
    assert backup.exists()
    copy = create_engine(f"sqlite:///{backup}")
    with copy.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        )
    copy.dispose()

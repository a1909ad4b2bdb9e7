"""Sync after a restore, a copy or a server made anew, against the real PostgreSQL server:
the target restored from an older ``pg_dump``, a database dropped and made again, a
machine's SQLite file copied to another machine or restored from a backup, a machine handed
on to another team member. Each ends with every machine holding the whole history, and the
sync that mended it saying so."""

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from data import team as teams
from data.store import Store
from data.sync_tables import REMOTE_SCHEMA
from tests.data.test_sync import at, block
from tests.postgres_server import PostgresServer
from tracker.model import Interruption
from tracker.settings import ModelParams
from tracker.team import Lens
from tracker.types import Kind

pytestmark = pytest.mark.postgres


def device_id(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        (found,) = connection.execute("SELECT device_id FROM devices").fetchone()
    return str(found)


def copy_file(source: Path, copy: Path) -> None:
    """A copy of a SQLite file as a backup tool or a cloned disk has it (WAL included)."""
    with sqlite3.connect(source) as original, sqlite3.connect(copy) as duplicate:
        original.backup(duplicate)


def history(store: Store) -> list[str]:
    """Every block with its records, without the ids that differ from file to file."""
    return sorted(
        repr(
            (
                b.start,
                b.end,
                b.task,
                [(p.start, p.end) for p in b.pauses],
                [(i.at, i.end, i.kind, i.source, i.note) for i in b.interruptions],
            )
        )
        for b in store.all_blocks()
    )


def tasks(store: Store) -> list[str | None]:
    return sorted((b.task for b in store.all_blocks()), key=str)


def server_tasks(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        count: int = connection.execute(
            text("SELECT count(*) FROM flowtally_sync_blocks WHERE NOT deleted")
        ).scalar_one()
    engine.dispose()
    return count


@pytest.fixture
def target(postgres_server: PostgresServer) -> Iterator[str]:
    with postgres_server.database() as url:
        yield url


def test_a_copied_machine_takes_an_id_of_its_own_and_no_edit_is_lost(
    tmp_path: Path, target: str
) -> None:
    laptop_path, clone_path = tmp_path / "laptop.sqlite3", tmp_path / "clone.sqlite3"
    with Store.open(str(laptop_path)) as laptop:
        laptop.add(block(0, 120, "spec"))
        laptop.sync(target)
    copy_file(laptop_path, clone_path)  # a copied home folder: one device id on two machines
    assert device_id(laptop_path) == device_id(clone_path)
    with Store.open(str(laptop_path)) as laptop, Store.open(str(clone_path)) as clone:
        for store, minute, task in ((laptop, 30, "mail"), (clone, 50, "review")):
            (mine,) = [b for b in store.all_blocks() if b.task == "spec"]
            logged = Interruption(at(minute), None, Kind.EXTERNAL, task)
            store.change(mine, replace(mine, interruptions=(logged,)))  # the same block
            store.add(block(200 + minute, 220 + minute, task))
        first = laptop.sync(target)
        assert (first.pushed, first.recovered) == (2, None)
        second = clone.sync(target)
        assert second.recovered is not None
        assert "id of its own" in second.recovered
        laptop.sync(target)
        with Store.open(str(tmp_path / "third.sqlite3")) as third:
            third.sync(target)
            assert history(third) == history(laptop) == history(clone)
            assert tasks(third) == ["mail", "review", "spec", "spec"]  # both edits kept
            sources = sorted(i.source for b in third.all_blocks() for i in b.interruptions)
            assert sources == ["mail", "review"]
        assert clone.sync(target).recovered is None  # once mended, it stays so
    assert device_id(laptop_path) != device_id(clone_path)


def test_a_target_restored_from_an_older_dump_gets_every_block_back(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    """The issue's figure: after the restore, one machine had blocks 1-5 and a new machine
    1-3, 6, 7, while every sync said it succeeded."""
    dump = tmp_path / "target.dump"
    with postgres_server.database("restored_target") as url:
        tools = postgres_server.bindir
        where = ["-h", str(postgres_server.socketdir), "-U", postgres_server.user]
        with Store.open(str(tmp_path / "laptop.sqlite3")) as laptop:
            for n in (1, 2, 3):
                laptop.add(block(60 * n, 60 * n + 30, f"b{n}"))
            laptop.sync(url)
            subprocess.run(
                [tools / "pg_dump", *where, "-Fc", "-f", dump, "restored_target"], check=True
            )
            for n in (4, 5):
                laptop.add(block(60 * n, 60 * n + 30, f"b{n}"))
            laptop.sync(url)
            subprocess.run(
                [tools / "pg_restore", *where, "--clean", "-d", "restored_target", dump],
                check=True,
            )
            with Store.open(str(tmp_path / "desktop.sqlite3")) as desktop:
                for n in (6, 7):
                    desktop.add(block(60 * n, 60 * n + 30, f"b{n}"))
                desktop.sync(url)
                mended = laptop.sync(url)
                assert mended.recovered is not None
                assert "had lost changes" in mended.recovered
                desktop.sync(url)
                want = [f"b{n}" for n in range(1, 8)]
                assert tasks(laptop) == tasks(desktop) == want
                assert server_tasks(url) == 7


def test_a_target_made_anew_gets_everything_from_every_machine(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    with (
        Store.open(str(tmp_path / "laptop.sqlite3")) as laptop,
        Store.open(str(tmp_path / "desktop.sqlite3")) as desktop,
    ):
        with postgres_server.database("made_anew") as url:
            laptop.add(block(0, 30, "laptop"))
            desktop.add(block(60, 90, "desktop"))
            for store in (laptop, desktop, laptop):
                store.sync(url)
        with postgres_server.database("made_anew") as url:  # dropped, and empty again
            laptop.add(block(120, 150, "later"))
            assert laptop.sync(url).recovered is not None
            assert desktop.sync(url).recovered is not None
            laptop.sync(url)
            assert tasks(laptop) == tasks(desktop) == ["desktop", "laptop", "later"]
            assert server_tasks(url) == 3


def test_a_restored_sqlite_file_takes_back_its_later_work_and_reuses_no_revision(
    tmp_path: Path, target: str
) -> None:
    path, backup = tmp_path / "laptop.sqlite3", tmp_path / "backup.sqlite3"
    with Store.open(str(path)) as laptop:
        laptop.add(block(0, 30, "one"))
        laptop.add(block(60, 90, "two"))
        laptop.sync(target)
    copy_file(path, backup)
    with Store.open(str(path)) as laptop:
        laptop.add(block(120, 150, "three"))
        (one,) = [b for b in laptop.all_blocks() if b.task == "one"]
        laptop.change(one, replace(one, task="one, edited"))
        laptop.sync(target)
    shutil.copy(backup, path)  # the disk failed; last week's backup comes back
    with Store.open(str(path)) as laptop:
        laptop.add(block(180, 210, "four"))
        mended = laptop.sync(target)
        assert mended.recovered is not None
        assert tasks(laptop) == ["four", "one, edited", "three", "two"]
        assert laptop.sync_state().waiting == 0
        with Store.open(str(tmp_path / "desktop.sqlite3")) as desktop:
            desktop.sync(target)
            assert history(desktop) == history(laptop)
    assert server_tasks(target) == 4


def test_a_machine_handed_on_to_another_member_syncs_with_an_id_of_its_own(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    lens = Lens(ModelParams(), "UTC")
    with postgres_server.database() as url:
        teams.init(url, 3, REMOTE_SCHEMA)
        ada, grace = teams.add_member(url, "Ada"), teams.add_member(url, "Grace")
        with Store.open(str(tmp_path / "laptop.sqlite3")) as laptop:
            laptop.add(block(0, 30, "ada's"))
            laptop.sync(ada.url, lens=lens)
            laptop.add(block(60, 90, "grace's"))
            handed = laptop.sync(grace.url, lens=lens)
            assert handed.recovered is not None
            assert "someone else" in handed.recovered
            assert laptop.sync(grace.url, lens=lens).recovered is None
            assert laptop.sync_state().problem is None

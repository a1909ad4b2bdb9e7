"""Sync's faults, against the real PostgreSQL server: the server going away in the middle
of a push or a pull, the syncing process killed with SIGKILL at random moments, a device that
was offline for a month, and device clocks minutes apart. In every case the devices end with
the same history, no block lost and none twice, and a local file is never half-updated."""

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from data.errors import StoreError
from data.store import Store
from tests.app.cli_runner import ROOT
from tests.data.test_sync import block, history
from tests.e2e.test_clock import LIBFAKETIME
from tests.pg_proxy import PostgresRelay
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres
MONTH = 300
"""A month of blocks, about ten a working day."""


def a_month(store: Store, offset_min: int = 0) -> None:
    store.import_blocks(
        [block(i * 120 + offset_min, i * 120 + offset_min + 60, f"b{i}") for i in range(MONTH)]
    )


def intact(path: Path) -> None:
    """The file is whole (SQLite's own check), and no block or record is there twice."""
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table in ("blocks", "pauses", "interruptions"):
            assert raw.execute(
                f"SELECT count(uid) = count(DISTINCT uid) FROM {table}"
            ).fetchone() == (1,)


@pytest.fixture
def relay(postgres_server: PostgresServer) -> Iterator[tuple[PostgresRelay, str]]:
    with postgres_server.database() as url:
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        proxy = PostgresRelay(postgres_server)
        proxy.start()
        try:
            yield proxy, proxy.url(name)
        finally:
            proxy.stop()


def test_the_server_going_away_mid_sync_loses_nothing_and_duplicates_nothing(
    relay: tuple[PostgresRelay, str], tmp_path: Path
) -> None:
    proxy, url = relay
    laptop_path, desktop_path = tmp_path / "laptop.sqlite3", tmp_path / "desktop.sqlite3"
    with Store.open(str(laptop_path)) as laptop, Store.open(str(desktop_path)) as desktop:
        a_month(laptop)
        a_month(desktop, offset_min=30)
        chances = random.Random(7)
        for store in (laptop, desktop, laptop, desktop):
            failures: list[str] = []

            def attempt(s: Store = store, failures: list[str] = failures) -> None:
                try:
                    s.sync(url)
                except StoreError as exc:
                    failures.append(str(exc))

            worker = threading.Thread(target=attempt)
            worker.start()
            time.sleep(chances.uniform(0.01, 0.15))
            proxy.stop()  # the server goes away, mid-push or mid-pull
            worker.join(30)
            assert not worker.is_alive()
            proxy.start()
            assert all("cannot sync with" in f for f in failures)
        for store in (laptop, desktop, laptop):
            store.sync(url)
        assert history(laptop) == history(desktop)
        assert len(laptop.all_blocks()) == 2 * MONTH
        assert laptop.sync_state().waiting == desktop.sync_state().waiting == 0
    intact(laptop_path)
    intact(desktop_path)


SYNC_ONCE = """
import sys
from data.store import Store
with Store.open(sys.argv[1]) as store:
    store.sync(sys.argv[2])
"""


def test_sync_killed_at_random_moments_converges_when_run_again(
    relay: tuple[PostgresRelay, str], tmp_path: Path
) -> None:
    _proxy, url = relay
    paths = [tmp_path / "laptop.sqlite3", tmp_path / "desktop.sqlite3"]
    with Store.open(str(paths[0])) as laptop, Store.open(str(paths[1])) as desktop:
        a_month(laptop)
        a_month(desktop, offset_min=30)
        first = laptop.all_blocks()[0]
        laptop.change(first, replace(first, task="edited before the kills"))
    chances = random.Random(11)
    for round_ in range(8):
        path = paths[round_ % 2]
        child = subprocess.Popen([sys.executable, "-c", SYNC_ONCE, str(path), url], cwd=ROOT)
        # Starting takes about 0.4 s and the first sync of a month about 0.3 s more: the
        # kills land before, inside and after the push and the pull.
        time.sleep(chances.uniform(0.3, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        intact(path)
    with Store.open(str(paths[0])) as laptop, Store.open(str(paths[1])) as desktop:
        for store in (laptop, desktop, laptop):
            store.sync(url)
        assert history(laptop) == history(desktop)
        assert len(laptop.all_blocks()) == 2 * MONTH
        assert "edited before the kills" in {b.task for b in desktop.all_blocks()}


def test_a_month_offline_then_one_sync_brings_it_all(
    relay: tuple[PostgresRelay, str], tmp_path: Path
) -> None:
    proxy, url = relay
    with (
        Store.open(str(tmp_path / "laptop.sqlite3")) as laptop,
        Store.open(str(tmp_path / "desktop.sqlite3")) as desktop,
    ):
        laptop.sync(url)
        proxy.stop()
        a_month(laptop)  # a month without the server
        with pytest.raises(StoreError):
            laptop.sync(url)
        assert laptop.sync_state().waiting == MONTH
        proxy.start()
        assert laptop.sync(url).pushed == MONTH
        assert desktop.sync(url).pulled == MONTH
        assert history(laptop) == history(desktop)


@pytest.mark.skipif(not LIBFAKETIME.exists(), reason="libfaketime is not installed")
def test_device_clocks_minutes_apart_do_not_decide_which_edit_wins(
    relay: tuple[PostgresRelay, str], tmp_path: Path
) -> None:
    """The desktop's clock is 20 minutes behind. It edits a block after the laptop did (in
    real order); its edit wins, though its clock says it came first: revisions are counted,
    not read off a clock."""
    _proxy, url = relay
    paths = tmp_path / "laptop.sqlite3", tmp_path / "desktop.sqlite3"
    with Store.open(str(paths[0])) as laptop:
        laptop.add(block(0, 60, "first"))
        laptop.sync(url)
        (made,) = laptop.all_blocks()
        laptop.change(made, replace(made, task="the laptop's edit"))
        laptop.sync(url)
    behind = tmp_path / "faketime"
    behind.write_text("-20m\n")
    edit = (
        "import sys\nfrom dataclasses import replace\nfrom data.store import Store\n"
        "with Store.open(sys.argv[1]) as store:\n"
        "    store.sync(sys.argv[2])\n"
        "    (b,) = store.all_blocks()\n"
        '    store.change(b, replace(b, task="the desktop\'s later edit"))\n'
        "    store.sync(sys.argv[2])\n"
    )
    env = {
        "LD_PRELOAD": str(LIBFAKETIME),
        "FAKETIME_TIMESTAMP_FILE": str(behind),
        "FAKETIME_NO_CACHE": "1",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run([sys.executable, "-c", edit, str(paths[1]), url], cwd=ROOT, env=env, check=True)
    with Store.open(str(paths[0])) as laptop:
        laptop.sync(url)
        assert [b.task for b in laptop.all_blocks()] == ["the desktop's later edit"]

"""Faults that used to lose, misdate or hang what was logged, on the real app process.

- A forwarded command while the app's database cannot be used is answered at once: an
  interruption is kept (and stored once the database works), anything else fails with the
  store's reason and is never written later.
- Presses made while the database is locked are in the journal before they are acknowledged:
  a quit or a ``kill -9`` loses none of them, and the next start stores them in order.
- A forwarded command waits for a foreign lock as long as the CLI alone would.
"""

import os
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data.store import Store
from tests.e2e.running_app import RunningApp, focused_window, xdotool
from tests.e2e.test_load import HOTKEY
from tests.pg_proxy import PostgresRelay
from tests.postgres_server import PostgresServer


def _journal_lines(home: Path) -> int:
    folder = home / "state" / "flowtally" / "journal"
    return sum(len(p.read_text().splitlines()) for p in folder.glob("*.jsonl"))


def test_a_forwarded_command_on_an_unusable_database_is_answered_at_once(
    x_display: str, tmp_path: Path
) -> None:
    database = tmp_path / "garbage.sqlite3"
    garbage = os.urandom(20_000)
    database.write_bytes(garbage)
    app = RunningApp(database, x_display).launch(wait=False)
    try:
        deadline = time.monotonic() + 20
        while "database_error" not in (status := app.any_status()):
            assert time.monotonic() < deadline, status
            time.sleep(0.2)
        assert "damaged" in status["database_error"]

        asked = time.monotonic()
        kept = app.cli("interrupt", "-s", "phone", check=False)
        assert time.monotonic() - asked < 3, "the app did not answer at once"
        assert kept.returncode == 0, kept.stderr
        assert "kept" in kept.stdout

        asked = time.monotonic()
        refused = app.cli("start", "--task", "never", check=False)
        assert time.monotonic() - asked < 3
        assert refused.returncode == 1
        assert "damaged" in refused.stderr
        assert app.any_status()["app"]["pending_writes"] == 1
        assert database.read_bytes() == garbage

        # A usable database appears: the kept interruption is stored, the refused start never.
        database.unlink()
        with Store.open(str(database)) as good:
            good.start(datetime.now(UTC) - timedelta(minutes=10), "Europe/Amsterdam", "recovered")
        app.wait_for(lambda s: s["interruptions"] == 1, "the kept interruption to be stored")
        assert app.rows("SELECT task FROM blocks") == [("recovered",)]
        assert app.rows("SELECT source FROM interruptions") == [("phone",)]
    finally:
        assert app.quit() == 0


def press_three_times(app: RunningApp, x_display: str) -> None:
    """Three interruptions: each press but the last ended by a forwarded "I'm back", which the
    app keeps in its journal like the press while the database cannot take it."""
    for index in range(3):
        if index:
            assert "kept" in app.cli("back").stdout
        xdotool(x_display, "key", HOTKEY)
        time.sleep(0.3)


@pytest.mark.parametrize("ending", ["kill -9", "quit"])
def test_presses_waiting_for_a_lock_survive_the_app(
    x_display: str, tmp_path: Path, private_user_folders: Path, ending: str
) -> None:
    database = tmp_path / "locked.sqlite3"
    app = RunningApp(database, x_display).launch()
    app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
    app.cli("start", "--task", "locked out")
    blocker = sqlite3.connect(database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with focused_window(x_display):
            press_three_times(app, x_display)
            app.wait_for(lambda s: s["app"]["pending_writes"] == 3, "three presses waiting")
        assert _journal_lines(private_user_folders) == 5  # three presses, two "I'm back"
        if ending == "kill -9":
            app.kill_hard()
        else:
            assert app.quit() == 0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert app.rows("SELECT count(*) FROM interruptions") == [(0,)]

    again = RunningApp(database, x_display).launch()
    try:
        again.wait_for(lambda s: s["interruptions"] == 3, "the journal to be stored")
        rows = again.rows("SELECT id, at_utc FROM interruptions ORDER BY id")
        assert [at for _, at in rows] == sorted(at for _, at in rows)  # in the order pressed
        deadline = time.monotonic() + 5
        while _journal_lines(private_user_folders):
            assert time.monotonic() < deadline, "the journal was not removed"
            time.sleep(0.1)
    finally:
        assert again.quit() == 0


def test_a_forwarded_command_waits_for_a_lock_as_the_cli_alone_does(
    x_display: str, tmp_path: Path
) -> None:
    database = tmp_path / "busy.sqlite3"
    app = RunningApp(database, x_display).launch()
    try:
        app.cli("start", "--task", "busy")
        blocker = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
        blocker.execute("BEGIN IMMEDIATE")
        locked = time.monotonic()
        release = threading.Timer(2.0, lambda: blocker.execute("ROLLBACK"))
        release.start()
        try:
            stopped = app.cli("stop", check=False)
        finally:
            release.join()
            blocker.close()
        assert stopped.returncode == 0, stopped.stderr
        assert time.monotonic() - locked >= 1.9
        assert app.rows("SELECT end_utc IS NOT NULL FROM blocks") == [(1,)]
        added = app.cli("add", "--from", "3h ago", "--to", "2h ago", "-t", "backfilled")
        assert "Added a focus block on 'backfilled'" in added.stdout  # forwarded, too
        assert app.rows("SELECT task FROM blocks ORDER BY start_utc") == [
            ("backfilled",),
            ("busy",),
        ]
    finally:
        assert app.quit() == 0


@pytest.mark.postgres
def test_presses_while_postgresql_is_down_survive_a_kill(
    x_display: str, postgres_server: PostgresServer, private_user_folders: Path
) -> None:
    from sqlalchemy import create_engine, text

    relay = PostgresRelay(postgres_server)
    relay.start()
    with postgres_server.database() as direct:
        name = direct.rsplit("/", 1)[1].split("?")[0]
        app = RunningApp(relay.url(name), x_display).launch()
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
        app.cli("start", "--task", "remote")
        relay.stop()  # the server goes away
        with focused_window(x_display):
            press_three_times(app, x_display)
            deadline = time.monotonic() + 20
            while app.any_status().get("app", {}).get("pending_writes") != 3:
                assert time.monotonic() < deadline, app.any_status()
                time.sleep(0.3)
        assert _journal_lines(private_user_folders) == 5
        app.kill_hard()

        relay.start()  # back again; a new app stores what the journal kept
        again = RunningApp(relay.url(name), x_display).launch()
        try:
            again.wait_for(lambda s: s["interruptions"] == 3, "the journal to be stored")
        finally:
            assert again.quit() == 0
        engine = create_engine(direct)
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM interruptions")).scalar()
        engine.dispose()
        assert count == 3
    relay.stop()

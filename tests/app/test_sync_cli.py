"""``flowtally sync`` as one person's two machines use it: each its own
settings and SQLite file, one real PostgreSQL target. After both sync, ``export`` is the same
on both, ``report --json`` counts the overlap once, and ``status`` says where sync stands."""

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.app.cli_runner import assert_clean_error, flowtally
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres


def device(tmp_path: Path, name: str) -> tuple[dict[str, str], str]:
    home = tmp_path / name
    env = {
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "FLOWTALLY_TZ": "UTC",
    }
    return env, str(home / "flowtally.sqlite3")


def run(env: dict[str, str], db: str, *args: str) -> str:
    return flowtally(*args, "--db", db, env=env).stdout


def test_two_machines_sync_through_one_server_and_agree(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    laptop, laptop_db = device(tmp_path, "laptop")
    desktop, desktop_db = device(tmp_path, "desktop")
    with postgres_server.database() as url:
        for (env, db), name in (
            ((laptop, laptop_db), "laptop"),
            ((desktop, desktop_db), "Desktop"),
        ):
            run(env, db, "settings", f"sync_url={url}", f"device_name={name}")
        run(
            laptop,
            laptop_db,
            "add",
            "--from",
            "2026-11-16 09:00",
            "--to",
            "2026-11-16 10:00",
            "-t",
            "spec",
        )
        run(
            desktop,
            desktop_db,
            "add",
            "--from",
            "2026-11-16 09:30",
            "--to",
            "2026-11-16 11:00",
            "-t",
            "review",
        )
        run(laptop, laptop_db, "settings", "person_name=Ana de Vries")
        status = run(laptop, laptop_db, "status")
        assert "Sync: not synced yet; 1 change waiting." in status

        said = run(laptop, laptop_db, "sync")
        assert said.startswith("Synced with postgresql+psycopg://")
        assert said.rstrip().endswith("1 change pushed, 0 changes pulled.")
        assert "1 change pushed, 1 change pulled." in run(desktop, desktop_db, "sync")
        assert "0 changes pushed, 1 change pulled." in run(laptop, laptop_db, "sync")

        exported = [
            run(env, db, "export", "--format", "json")
            for env, db in ((laptop, laptop_db), (desktop, desktop_db))
        ]
        assert exported[0] == exported[1]
        assert {b["task"] for b in json.loads(exported[0])["blocks"]} == {"spec", "review"}
        reports = [
            json.loads(run(env, db, "report", "--week", "2026-W47", "--json"))
            for env, db in ((laptop, laptop_db), (desktop, desktop_db))
        ]
        assert reports[0] == reports[1]
        assert reports[0]["totals"]["tracked_min"] == 120  # 09:00 to 11:00, never 150

        def tracked(env: dict[str, str], db: str, *device: str) -> int:
            report = run(env, db, "report", "--week", "2026-W47", "--json", *device)
            minutes: int = json.loads(report)["totals"]["tracked_min"]
            return minutes

        assert tracked(laptop, laptop_db, "--device", "desktop") == 90  # any case
        assert tracked(desktop, desktop_db, "--device", "laptop") == 60
        only = json.loads(run(desktop, desktop_db, "export", "--device", "Laptop"))["blocks"]
        assert [b["task"] for b in only] == ["spec"]
        unknown = flowtally(
            "report", "--device", "phone", "--db", laptop_db, env=laptop, check=False
        )
        assert_clean_error(unknown, "no device is called 'phone'", "Desktop, laptop")

        server = create_engine(url)
        with server.connect() as connection:  # the person's name, kept with their target
            owner = connection.execute(text("SELECT name FROM flowtally_sync_owner")).scalar()
        server.dispose()
        assert owner == "Ana de Vries"

        status = json.loads(run(desktop, desktop_db, "status", "--json"))["sync"]
        assert status["waiting"] == 0
        assert status["problem"] is None
        assert status["last_synced"] is not None


def test_sync_without_a_target_or_with_a_wrong_one_is_one_clear_line(tmp_path: Path) -> None:
    env, db = device(tmp_path, "laptop")
    assert_clean_error(flowtally("sync", "--db", db, env=env, check=False), "no sync target is set")
    refused = flowtally("settings", "sync_url=/tmp/a.sqlite3", "--db", db, env=env, check=False)
    assert_clean_error(refused, "must be a PostgreSQL database")
    masked = flowtally(
        "settings",
        "sync_url=postgresql://me:***@127.0.0.1:9/flowtally",
        "--db",
        db,
        env=env,
        check=False,
    )  # the URL as settings show it: the password was not typed again
    assert_clean_error(masked, "sync_url: the password shows as ***")
    run(env, db, "settings", "sync_url=postgresql://me:hunter2@127.0.0.1:9/flowtally")
    shown = run(env, db, "settings")
    assert "hunter2" not in shown
    assert "postgresql://me:***@127.0.0.1:9/flowtally" in shown
    down = flowtally("sync", "--db", db, env=env, check=False)
    assert_clean_error(down, "cannot sync with postgresql://me:***@127.0.0.1:9/flowtally")
    assert "hunter2" not in down.stderr
    assert "The last attempt failed: cannot sync with" in run(env, db, "status")

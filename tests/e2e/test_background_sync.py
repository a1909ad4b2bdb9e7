"""The tray app syncs by itself: a change made here is pushed soon after, and another
device's change is pulled on the next round, with the real app, the real CLI on a second
device, and the real PostgreSQL server."""

import json
import os
import time
from pathlib import Path

import pytest

from tests.app.cli_runner import flowtally
from tests.e2e.running_app import RunningApp
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_the_tray_pushes_soon_after_a_change_and_pulls_the_other_devices(
    x_display: str, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    with postgres_server.database() as url:
        config = Path(os.environ["XDG_CONFIG_HOME"]) / "flowtally"
        config.mkdir(parents=True, exist_ok=True)
        (config / "settings.json").write_text(json.dumps({"sync_url": url}))
        app = RunningApp(
            tmp_path / "laptop.sqlite3",
            x_display,
            extra_env={"FLOWTALLY_SYNC_EVERY_S": "2", "FLOWTALLY_SYNC_AFTER_CHANGE_S": "0.5"},
        ).launch()
        desktop_home = tmp_path / "desktop"
        desktop = {
            "XDG_CONFIG_HOME": str(desktop_home / "config"),
            "XDG_DATA_HOME": str(desktop_home / "data"),
            "XDG_STATE_HOME": str(desktop_home / "state"),
            "XDG_RUNTIME_DIR": str(desktop_home),
        }
        desktop_db = str(desktop_home / "desktop.sqlite3")
        try:
            app.cli("add", "--from", "2026-11-16 09:00", "--to", "2026-11-16 10:00", "-t", "laptop")
            deadline = time.monotonic() + 20
            flowtally("settings", f"sync_url={url}", "--db", desktop_db, env=desktop)
            pulled = ""
            while "1 change pulled" not in pulled and time.monotonic() < deadline:
                pulled = flowtally("sync", "--db", desktop_db, env=desktop).stdout
                time.sleep(0.5)
            assert "1 change pulled" in pulled  # the tray had pushed it by itself

            flowtally(
                "add",
                "--from",
                "2026-11-17 09:00",
                "--to",
                "2026-11-17 10:00",
                "-t",
                "desktop",
                "--db",
                desktop_db,
                env=desktop,
            )
            flowtally("sync", "--db", desktop_db, env=desktop)
            status = app.wait_for(
                lambda s: (
                    s.get("sync", {}).get("waiting") == 0
                    and len(app.rows("SELECT id FROM blocks")) == 2
                ),
                "the other device's block, pulled by the tray",
                timeout=20,
            )
            assert status["sync"]["problem"] is None
            tasks = {task for (task,) in app.rows("SELECT task FROM blocks")}
            assert tasks == {"laptop", "desktop"}
        finally:
            began = time.monotonic()
            assert app.quit() == 0
            assert time.monotonic() - began < 5

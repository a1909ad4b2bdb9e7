"""Contention, on the running app: another program holds the SQLite write lock for five
seconds. Presses made meanwhile, each ended by a forwarded "I'm back", wait in memory and in
the journal and are committed in order afterwards, the user is told saving is delayed (and
then that it is done), and the tray never freezes."""

import sqlite3
import time
from pathlib import Path

from tests.e2e.running_app import RunningApp, focused_window, xdotool
from tests.e2e.test_load import HOTKEY


def test_presses_during_a_foreign_lock_are_kept_and_saved_in_order(
    x_display: str, tmp_path: Path, private_user_folders: Path
) -> None:
    database = tmp_path / "contended.sqlite3"
    log_file = private_user_folders / "state" / "flowtally" / "log" / "flowtally.log"
    app = RunningApp(database, x_display).launch()
    try:
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
        app.cli("start", "--task", "contended")
        with focused_window(x_display):
            blocker = sqlite3.connect(database, isolation_level=None)
            blocker.execute("BEGIN IMMEDIATE")
            locked = time.monotonic()
            try:
                for index in range(5):
                    if index:
                        assert "kept" in app.cli("back").stdout  # answered at once, kept
                    xdotool(x_display, "key", HOTKEY)
                    time.sleep(0.4)
                assert app.rows("SELECT count(*) FROM interruptions") == [(0,)]
                time.sleep(max(0.0, 5 - (time.monotonic() - locked)))
            finally:
                blocker.execute("ROLLBACK")
                blocker.close()
            deadline = time.monotonic() + 10
            while app.rows("SELECT count(*) FROM interruptions") != [(5,)]:
                assert time.monotonic() < deadline, "the waiting presses were not saved"
                time.sleep(0.1)
        rows = app.rows("SELECT id, at_utc, end_utc FROM interruptions ORDER BY id")
        assert [at for _, at, _ in rows] == sorted(at for _, at, _ in rows)  # in order pressed
        assert all(end is not None for _, _, end in rows[:4])  # each "I'm back" kept too
        time.sleep(5.5)  # the lag summary is published with the next tick
        lag = app.app_info()["event_loop_lag_ms"]
        assert lag["max"] < 1000, lag  # the tray never froze
    finally:
        assert app.quit() == 0
    log = log_file.read_text()
    assert "Saving is delayed: 1 interruption(s) wait in memory" in log
    assert "Saved: 5 interruption(s) that had to wait." in log

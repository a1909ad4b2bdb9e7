"""The dashboard in the real app process: opened by ``flowtally dashboard`` (forwarded to the
running app, or starting it), with matplotlib loaded only then."""

import time
from pathlib import Path

from data.store import Store
from tests.app.gui.test_dashboard import seeded_blocks
from tests.e2e.running_app import RunningApp, xdotool
from tests.xserver import ARTIFACTS, screenshot


def seeded(tmp_path: Path) -> Path:
    database = tmp_path / "flowtally.sqlite3"
    with Store.open(str(database)) as store:
        store.import_blocks(seeded_blocks())
    return database


def test_the_dashboard_opens_in_the_running_app(
    x_display: str, tmp_path: Path, private_user_folders: Path
) -> None:
    app = RunningApp(seeded(tmp_path), x_display).launch()
    try:
        info = app.wait_for(lambda s: s["app"]["hotkey_active"], "the app to settle")["app"]
        assert info["charts_loaded"] is False  # the tray runs without matplotlib
        result = app.cli("dashboard", "--week", "2026-W47")
        assert result.stdout == "The dashboard is open.\n"
        app.wait_for(
            lambda s: s["app"]["dashboard_open"] and s["app"]["charts_loaded"],
            "the dashboard to draw its first chart",
        )
        windows = xdotool(x_display, "search", "--sync", "--name", "Flowtally dashboard · 2026-W47")
        assert windows
        screenshot(x_display, ARTIFACTS / "e2e-dashboard.png")
        bad = app.cli("dashboard", "--week", "2026-W60", check=False)
        assert bad.returncode == 1
        assert "2026 has no week 60" in bad.stderr
    finally:
        started = time.monotonic()
        assert app.quit() == 0
    took = time.monotonic() - started
    assert took < 1.0, f"quitting with the dashboard open took {took:.2f} s"
    log = (private_user_folders / "state" / "flowtally" / "log" / "flowtally.log").read_text()
    assert " matplotlib" not in log, log  # the app's log is the app's, not its libraries'


def test_flowtally_dashboard_starts_the_app_with_the_dashboard(
    x_display: str, tmp_path: Path
) -> None:
    app = RunningApp(seeded(tmp_path), x_display).launch("dashboard")
    try:
        app.wait_for(lambda s: s["app"]["dashboard_open"], "the dashboard to open")
        assert xdotool(x_display, "search", "--sync", "--name", "Flowtally dashboard")
    finally:
        assert app.quit() == 0

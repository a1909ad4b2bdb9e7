"""The real tray app under Xvfb with a real tray host: the icon, the hotkey pressed in
another application, CLI forwarding, crash recovery and the away review."""

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests import xserver
from tests.e2e.running_app import RunningApp, focused_window, xdotool
from tests.xserver import ARTIFACTS, screenshot

TRAY_AREA = "300x40+980+0"


@pytest.fixture
def app(x_display: str, tmp_path: Path) -> Iterator[RunningApp]:
    running = RunningApp(tmp_path / "flowtally.sqlite3", x_display).launch()
    yield running
    assert running.quit() == 0, running.output()


def embedded(status: dict[str, object]) -> bool:
    info = status["app"]
    assert isinstance(info, dict)
    return bool(info["tray"]) and info["tray_geometry"][2] >= 16


def test_the_icon_is_embedded_and_shows_each_state(app: RunningApp, x_display: str) -> None:
    app.wait_for(embedded, "the tray icon to be embedded")
    screenshot(x_display, ARTIFACTS / "tray-idle.png", TRAY_AREA)
    app.cli("start", "--task", "API design", "--at=-40m")
    app.wait_for(lambda s: s["phase"] == "flow", "flow")
    time.sleep(0.3)
    screenshot(x_display, ARTIFACTS / "tray-flow.png", TRAY_AREA)
    app.cli("interrupt", "--source", "meeting", "--minutes", "30", "--at=-1m")
    app.wait_for(lambda s: s["interrupted"], "interrupted")
    time.sleep(0.3)
    screenshot(x_display, ARTIFACTS / "tray-interrupted.png", TRAY_AREA)
    app.cli("pause")
    app.wait_for(lambda s: s["state"] == "paused", "paused")
    time.sleep(0.3)
    screenshot(x_display, ARTIFACTS / "tray-paused.png", TRAY_AREA)
    assert "1 interruption" in app.cli("stop").stdout


def test_the_hotkey_in_another_window_is_stored_within_a_second(
    app: RunningApp, x_display: str
) -> None:
    app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
    app.cli("start", "--task", "writing")
    with focused_window(x_display) as window:
        pressed = time.monotonic()
        xdotool(x_display, "key", "ctrl+alt+shift+i")
        while not app.rows("SELECT id FROM interruptions"):
            assert time.monotonic() - pressed < 1.0, "the press was not stored within a second"
            time.sleep(0.01)
        status = app.wait_for(lambda s: s["app"]["popup_visible"], "the quick-log popup")
        assert status["interruptions"] == 1
        assert xdotool(x_display, "getwindowfocus") == window  # the popup did not take focus
        screenshot(x_display, ARTIFACTS / "hotkey-popup.png")


def test_cli_commands_are_forwarded_and_a_second_app_raises_the_first(app: RunningApp) -> None:
    result = app.cli()  # a second `flowtally`
    assert "already running" in result.stdout
    app.cli("start")
    text = app.cli("status").stdout
    assert "Tray app running" in text
    interrupted = app.cli("interrupt", "-k", "internal", "-s", "self")
    assert "Interruption logged" in interrupted.stdout
    failed = app.cli("resume", check=False)
    assert failed.returncode == 1
    assert failed.stderr.strip() == "flowtally: error: cannot resume: the focus block is not paused"
    assert app.rows("SELECT kind, source FROM interruptions") == [("internal", "self")]


def test_kill_9_keeps_the_block_and_asks_about_the_gap(x_display: str, tmp_path: Path) -> None:
    database = tmp_path / "flowtally.sqlite3"
    first = RunningApp(database, x_display).launch()
    first.cli("start", "--task", "deep work", "--at=-30m")
    first.cli("interrupt", "-s", "chat")
    first.kill_hard()
    import sqlite3

    ten_minutes_ago = (datetime.now(UTC) - timedelta(minutes=10)).replace(tzinfo=None)
    connection = sqlite3.connect(database)
    connection.execute("UPDATE blocks SET heartbeat_utc = ?", (ten_minutes_ago.isoformat(" "),))
    connection.commit()
    connection.close()
    second = RunningApp(database, x_display).launch()
    try:
        status = second.wait_for(
            lambda s: s["app"]["reviews_waiting"] == ["crash"], "the crash review"
        )
        assert status["state"] == "running"
        assert status["task"] == "deep work"
        assert status["interruptions"] == 1
        assert len(second.rows("SELECT id FROM pauses WHERE end_utc IS NOT NULL")) == 1
    finally:
        assert second.quit() == 0


def test_the_away_review_appears_after_the_threshold(x_display: str, tmp_path: Path) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "flowtally"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"away_after_min": 0.1}))
    app = RunningApp(tmp_path / "flowtally.sqlite3", x_display).launch()
    try:
        info = app.wait_for(lambda s: s["app"]["away_detection"], "away detection")["app"]
        assert info["away_backend"] == "xscreensaver"  # the X server's counter: no key listener
        app.cli("start")
        app.wait_for(lambda s: s["state"] == "running", "running")
        time.sleep(13)  # no input: away after 6 s, noticed on the next 5 s tick
        xdotool(x_display, "mousemove", "400", "400")
        xdotool(x_display, "mousemove", "420", "410")
        status = app.wait_for(
            lambda s: s["app"]["reviews_waiting"] == ["away"], "the away review", timeout=15
        )
        assert status["state"] == "running"
        screenshot(x_display, ARTIFACTS / "away-review.png")
    finally:
        assert app.quit() == 0


def test_without_a_tray_the_timer_window_is_there_at_once_and_gives_way_to_a_late_tray(
    tmp_path: Path,
) -> None:
    """No tray for 30 s used to mean no sign of the app at all; a tray that came after the
    window (an XEmbed one, which says so on no bus) never got the icon."""
    with xserver.virtual_display(tray=False) as display:
        app = RunningApp(
            tmp_path / "flowtally.sqlite3", display, extra_env={"FLOWTALLY_TRAY_WAIT_S": "30"}
        ).launch()
        try:
            app.wait_for(lambda s: s["app"]["timer_window"], "the timer window", timeout=5)
            screenshot(display, ARTIFACTS / "timer-window-screen.png")
            with xserver.tray_host(display):
                status = app.wait_for(embedded, "the icon, in the tray that came late")
                assert status["app"]["timer_window"] is False
        finally:
            assert app.quit() == 0
        said = app.stdout.splitlines()
        assert said[0] == (
            "Flowtally is running in a small timer window until a panel shows its icon."
        )
        assert said[1].startswith("A panel appeared: Flowtally's icon is there now")

"""The daily loop on the real app under Xvfb with trayer, with real key presses (xdotool): one
press is one interruption, tagged by key, going on until "I'm back", undone by undo; a press
with no block running is kept; settings changed from the CLI are in force in the app at once.
"""

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.running_app import RunningApp, focused_window, xdotool
from tests.e2e.test_load import HOTKEY
from tests.xserver import ARTIFACTS, screenshot


@pytest.fixture
def app(x_display: str, tmp_path: Path) -> Iterator[RunningApp]:
    running = RunningApp(tmp_path / "flowtally.sqlite3", x_display).launch()
    running.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
    yield running
    assert running.quit() == 0, running.output()


def interruptions(app: RunningApp) -> list[tuple[object, ...]]:
    return app.rows("SELECT kind, source, end_utc IS NULL, ongoing FROM interruptions")


def test_two_presses_are_one_row_and_3_then_enter_tags_email_by_keyboard_only(
    app: RunningApp, x_display: str, private_user_folders: Path
) -> None:
    app.cli("start", "--task", "writing")
    with focused_window(x_display) as window:
        xdotool(x_display, "key", HOTKEY)
        app.wait_for(lambda s: s["app"]["popup_visible"], "the popup")
        assert xdotool(x_display, "getwindowfocus") == window  # the first press takes nothing
        screenshot(x_display, ARTIFACTS / "loop-popup-going-on.png")
        xdotool(x_display, "key", HOTKEY)  # the second press: the popup takes the keyboard
        deadline = time.monotonic() + 5
        while xdotool(x_display, "getwindowfocus") == window:
            assert time.monotonic() < deadline, "the popup did not take the keyboard"
            time.sleep(0.05)
        xdotool(x_display, "key", "3")
        time.sleep(0.3)
        screenshot(x_display, ARTIFACTS / "loop-popup-email-chosen.png")
        xdotool(x_display, "key", "Return")
        app.wait_for(lambda s: not s["app"]["popup_visible"], "the popup to close")
    assert interruptions(app) == [("external", "email", 1, 1)]  # one row, tagged, going on
    log = (private_user_folders / "state" / "flowtally" / "log" / "flowtally.log").read_text()
    assert log.count(" stored (at ") == 1, log  # the second press is not a second "stored"
    status = app.status()
    assert status["interrupted"] is True
    assert status["phase"] == "none"  # no ramp-up while the person is still interrupted


def test_flowtally_back_ends_the_interruption_now_and_undo_takes_back_a_press(
    app: RunningApp, x_display: str
) -> None:
    app.cli("start", "--task", "review")
    with focused_window(x_display):
        xdotool(x_display, "key", HOTKEY)
        app.wait_for(lambda s: s["interrupted"], "interrupted")
    time.sleep(0.3)
    screenshot(x_display, ARTIFACTS / "loop-tray-interrupted.png", "300x40+980+0")
    before = time.time()
    back = app.cli("back").stdout
    assert back.startswith("Back at ")
    (ended,) = app.rows(
        "SELECT CAST(strftime('%s', end_utc) AS INTEGER), ongoing FROM interruptions"
    )
    assert abs(ended[0] - before) < 5
    assert ended[1] is None
    assert app.status()["phase"] == "ramp-up"
    with focused_window(x_display):  # an accidental press
        xdotool(x_display, "key", HOTKEY)
        app.wait_for(lambda s: s["interruptions"] == 2, "the accidental press")
    undone = app.cli("undo").stdout
    assert undone.startswith("Undone: the interruption logged at ")
    assert len(app.rows("SELECT id FROM interruptions")) == 1
    assert app.cli("undo").stdout.startswith('Undone: "I\'m back" at ')
    assert interruptions(app) == [("external", "other", 1, 1)]  # going on again


def test_a_press_with_no_block_running_is_kept_and_s_starts_a_block_from_it(
    app: RunningApp, x_display: str
) -> None:
    with focused_window(x_display):
        xdotool(x_display, "key", HOTKEY)
        app.wait_for(lambda s: s["app"]["popup_visible"], "the popup")
        (kept,) = app.rows("SELECT at_utc FROM loose_presses")
        screenshot(x_display, ARTIFACTS / "loop-popup-no-block.png")
        xdotool(x_display, "key", HOTKEY)  # the same moment: focus, no second press kept
        time.sleep(0.5)
        assert len(app.rows("SELECT id FROM loose_presses")) == 1
        xdotool(x_display, "key", "s")
        status = app.wait_for(lambda s: s["state"] == "running", "a block from the press")
    assert app.rows("SELECT start_utc FROM blocks") == [kept]
    assert app.rows("SELECT at_utc, ongoing FROM interruptions") == [(kept[0], 1)]
    assert app.rows("SELECT id FROM loose_presses") == []
    assert status["interrupted"] is True


def test_a_forwarded_settings_change_is_what_the_app_reports_at_once(app: RunningApp) -> None:
    app.cli("start", "--task", "long", "--at=-60m")
    before = json.loads(app.cli("report", "--json").stdout)
    assert before["settings"]["flow_after_min"] == 30
    app.cli("settings", "flow_after_min=50")
    after = json.loads(app.cli("report", "--json").stdout)
    assert after["settings"]["flow_after_min"] == 50
    assert after["totals"]["flow_min"] < before["totals"]["flow_min"]
    model = app.wait_for(lambda s: s["app"]["model"]["flow_after_min"] == 50, "the app's model")
    assert model["app"]["model"]["flow_after_min"] == 50


def test_quit_takes_under_a_second_and_says_the_block_keeps_running(
    x_display: str, tmp_path: Path
) -> None:
    app = RunningApp(tmp_path / "flowtally.sqlite3", x_display).launch()
    app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
    app.cli("start", "--task", "writing")
    app.wait_for(lambda s: s["state"] == "running", "the block")
    started = time.monotonic()
    assert app.quit() == 0
    took = time.monotonic() - started
    assert took < 1.0, f"quitting took {took:.2f} s"
    assert "keeps running" in app.stdout
    # Started from a terminal, the app says where it went.
    assert app.stdout.splitlines()[0] == (
        "Flowtally is running: its icon is in the panel; click it for the menu."
    )
    assert app.rows("SELECT end_utc FROM blocks") == [(None,)]

"""The first run on the real app under Xvfb with trayer and real keys: the welcome window
appears once; trying the hotkey there is heard and logs nothing; a new hotkey recorded there
is in force at once; the next start goes straight to the tray."""

import json
import os
import time
from pathlib import Path

from app.version import APP_ID
from tests.e2e.running_app import RunningApp, focused_window, xdotool
from tests.e2e.test_load import HOTKEY
from tests.xserver import ARTIFACTS, screenshot


def test_the_welcome_shows_once_tries_and_changes_the_hotkey(
    x_display: str, tmp_path: Path, private_user_folders: Path
) -> None:
    (private_user_folders / "state" / "flowtally" / "welcomed").unlink()
    app = RunningApp(tmp_path / "flowtally.sqlite3", x_display).launch()
    try:
        app.wait_for(lambda s: s["app"]["welcome"]["visible"], "the welcome window")
        (window,) = xdotool(x_display, "search", "--sync", "--name", "Welcome to Flowtally").split()
        time.sleep(0.5)
        screenshot(x_display, ARTIFACTS / "first-run-welcome.png")
        xdotool(x_display, "windowfocus", "--sync", window)
        xdotool(x_display, "key", "alt+t")  # "Try the hotkey"
        app.wait_for(lambda s: s["app"]["welcome"]["trying"], "trying")
        xdotool(x_display, "key", HOTKEY)
        app.wait_for(lambda s: not s["app"]["welcome"]["trying"], "the hotkey to be heard")
        time.sleep(0.3)
        screenshot(x_display, ARTIFACTS / "first-run-hotkey-heard.png")
        assert app.rows("SELECT count(*) FROM interruptions") == [(0,)]
        assert app.rows("SELECT count(*) FROM loose_presses") == [(0,)]  # a try logs nothing

        xdotool(x_display, "windowfocus", "--sync", window)
        xdotool(x_display, "key", "alt+n")  # "New hotkey:" focuses the recorder
        xdotool(x_display, "key", "ctrl+alt+k")
        time.sleep(0.3)
        screenshot(x_display, ARTIFACTS / "first-run-recorded.png")
        xdotool(x_display, "key", "Return")  # the recorder hands the keyboard to "Use this key"
        app.wait_for(
            lambda s: s["app"]["hotkey"] == "<ctrl>+<alt>+k" and s["app"]["hotkey_active"],
            "the recorded hotkey in force",
        )
        settings = private_user_folders / "config" / "flowtally" / "settings.json"
        assert json.loads(settings.read_text())["hotkey"] == "<ctrl>+<alt>+k"
        screenshot(x_display, ARTIFACTS / "first-run-hotkey-changed.png")
        with focused_window(x_display):
            xdotool(x_display, "key", "ctrl+alt+k")
            app.wait_for(lambda s: s["app"]["popup_visible"], "the new hotkey's press")
        assert len(app.rows("SELECT id FROM loose_presses")) == 1
        # "Got it", with its box left checked: Flowtally in the menu and on PATH.
        xdotool(x_display, "windowfocus", "--sync", window)
        xdotool(x_display, "key", "alt+g")
        app.wait_for(lambda s: not s["app"]["welcome"]["visible"], "the welcome, closed")
        launcher = private_user_folders / "bin" / "flowtally"
        entry = private_user_folders / "data" / "applications" / f"{APP_ID}.desktop"
        deadline = time.monotonic() + 10
        while not (launcher.exists() and entry.exists()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert f"Exec={launcher}" in entry.read_text()
        assert os.access(launcher, os.X_OK)
    finally:
        assert app.quit() == 0
    again = RunningApp(tmp_path / "flowtally.sqlite3", x_display).launch()
    try:
        info = again.wait_for(lambda s: s["app"]["hotkey_active"], "the second start")["app"]
        time.sleep(0.5)
        assert again.app_info()["welcome"]["visible"] is False  # shown once
        assert info["hotkey"] == "<ctrl>+<alt>+k"
    finally:
        assert again.quit() == 0

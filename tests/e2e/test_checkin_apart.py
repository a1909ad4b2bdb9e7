"""The check-in as the second Flowtally process shows it (on Wayland desktops, through
Xwayland; ``test_checkin_gnome.py`` shows it leaves the keyboard alone there): here on a
real X server, with real pointer and key events from xdotool. A click on the window, then
a key, answers, and the answer is one line on its stdout."""

import os
import subprocess
import sys

from tests.app.cli_runner import ROOT
from tests.e2e.running_app import focused_window, xdotool


def test_a_click_then_a_key_answers_on_stdout(x_display: str) -> None:
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb", "LANGUAGE": "nl"}
    with focused_window(x_display):
        child = subprocess.Popen(
            [sys.executable, "-m", "app"],
            cwd=ROOT,
            env={**env, "FLOWTALLY_CHECKIN": "end 10:42"},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            window = xdotool(x_display, "search", "--sync", "--name", "Flowtally-check-in")
            xdotool(x_display, "mousemove", "--window", window, "20", "12", "click", "1")
            xdotool(x_display, "key", "4")
            out, _ = child.communicate(timeout=20)
            assert out.strip() == "answer 4"
        finally:
            child.kill()
            child.wait()
            if child.stdout is not None:
                child.stdout.close()

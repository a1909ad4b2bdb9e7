"""Load, on the running app: a thousand hotkey presses in ten seconds are a thousand stored
interruptions, and the tray stays responsive meanwhile (its event-loop lag is measured)."""

import json
import os
import subprocess
import time
from pathlib import Path

from tests.e2e.running_app import RunningApp, focused_window
from tests.xserver import ARTIFACTS

PRESSES = 1000
PERIOD_S = 0.0098  # a press every 9.8 ms: 1000 in under ten seconds
HOTKEY = "ctrl+alt+shift+i"


def type_paced(display: str, presses: int, period: float) -> None:
    """Press the hotkey at a steady rate, from one xdotool process reading its commands."""
    typist = subprocess.Popen(
        ["xdotool", "-"], env={**os.environ, "DISPLAY": display}, stdin=subprocess.PIPE, text=True
    )
    assert typist.stdin is not None
    start = time.monotonic()
    for index in range(presses):
        typist.stdin.write(f"key --delay 0 {HOTKEY}\n")
        typist.stdin.flush()
        time.sleep(max(0.0, start + (index + 1) * period - time.monotonic()))
    typist.stdin.close()
    typist.wait(30)


def test_a_thousand_presses_in_ten_seconds_are_all_stored(x_display: str, tmp_path: Path) -> None:
    app = RunningApp(tmp_path / "load.sqlite3", x_display).launch()
    try:
        app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
        app.cli("start", "--task", "load")
        with focused_window(x_display):
            began = time.monotonic()
            type_paced(x_display, PRESSES, PERIOD_S)
            typed_s = time.monotonic() - began
            deadline = time.monotonic() + 30
            while (stored := app.rows("SELECT count(*) FROM interruptions")[0][0]) < PRESSES:
                assert time.monotonic() < deadline, f"only {stored} of {PRESSES} presses stored"
                time.sleep(0.1)
            stored_s = time.monotonic() - began
        time.sleep(5.5)  # the lag summary is published with the next tick
        lag = app.app_info()["event_loop_lag_ms"]
        result = {
            "presses": PRESSES,
            "typed_s": round(typed_s, 2),
            "stored_s": round(stored_s, 2),
            "stored": stored,
            "event_loop_lag_ms": lag,
        }
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "load.json").write_text(json.dumps(result, indent=1))
        print(result)
        assert stored == PRESSES
        assert typed_s <= 10.5, result
        assert lag["samples"] > 0
        assert lag["max"] < 1000, result  # never frozen for a second
    finally:
        assert app.quit() == 0

"""Crash safety under load: the app is killed with SIGKILL at random moments while the hotkey
is pressed fifty times a second, each press followed by "I'm back" through the app's socket
(so that each makes a new interruption), and started again, and again. Every interruption it
acknowledged is stored, and the running block survives every kill."""

import contextlib
import json
import os
import random
import re
import subprocess
import threading
import time
from pathlib import Path

from app.instance import forward
from tests.e2e.running_app import RunningApp, focused_window
from tests.e2e.test_load import HOTKEY
from tests.xserver import ARTIFACTS
from tracker.errors import FlowtallyError

KILLS = 4
ACK = re.compile(r"interruption (\d+) stored \(at ")


def press_until(stop: threading.Event, display: str, period: float, database: str) -> None:
    typist = subprocess.Popen(
        ["xdotool", "-"], env={**os.environ, "DISPLAY": display}, stdin=subprocess.PIPE, text=True
    )
    assert typist.stdin is not None
    while not stop.is_set():
        typist.stdin.write(f"key --delay 0 {HOTKEY}\n")
        typist.stdin.flush()
        time.sleep(period / 2)
        with contextlib.suppress(OSError, FlowtallyError):
            forward(database, ["back"])  # None or an error while the app is down: fine
        time.sleep(period / 2)
    typist.stdin.close()
    typist.wait(10)


def test_every_acknowledged_press_survives_repeated_kills(
    x_display: str, tmp_path: Path, private_user_folders: Path
) -> None:
    database = tmp_path / "crash.sqlite3"
    log_file = private_user_folders / "state" / "flowtally" / "log" / "flowtally.log"
    rnd = random.Random(7)
    started_block: str | None = None
    with focused_window(x_display):
        for round_ in range(KILLS + 1):
            app = RunningApp(database, x_display).launch()
            status = app.wait_for(lambda s: s["app"]["hotkey_active"], "the hotkey listener")
            if started_block is None:
                app.cli("start", "--task", "under fire")
                started_block = app.status()["started"]
            else:  # the running block survived the kill
                assert status["state"] in ("running", "paused"), status
                assert status["started"] == started_block
            stop = threading.Event()
            typist = threading.Thread(
                target=press_until, args=(stop, x_display, 0.02, str(database))
            )
            typist.start()
            time.sleep(rnd.uniform(0.5, 3.0))
            if round_ < KILLS:
                app.kill_hard()
            stop.set()
            typist.join(15)
            if round_ == KILLS:
                assert app.quit() == 0

    acknowledged = {int(m[1]) for m in ACK.finditer(log_file.read_text())}
    stored = {row[0] for row in app.rows("SELECT id FROM interruptions")}
    result = {"kills": KILLS, "acknowledged": len(acknowledged), "stored": len(stored)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "crash-under-load.json").write_text(json.dumps(result))
    assert len(acknowledged) > 50  # the presses really came during each run
    assert acknowledged <= stored, sorted(acknowledged - stored)[:10]
    blocks = app.rows("SELECT count(*), min(end_utc IS NULL) FROM blocks")
    assert blocks == [(1, 1)]  # one block, still running through every kill

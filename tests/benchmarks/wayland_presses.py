"""The tray benchmark's Wayland rows: on a headless GNOME session (mutter, as the end-to-end
tests run it) with the stand-in GlobalShortcuts portal, how long a press takes to become a
committed row by each route a Wayland user has:

- the portal's ``Activated`` signal (from the moment the stand-in is told to send it);
- the fallback, a desktop shortcut bound to ``flowtally interrupt``: a new process each
  press, as the desktop starts it, forwarding to the running app.

Beside them, the floor of the fallback: starting the same interpreter to do nothing.
"""

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from app.instance import forward
from tests import gnome_session

ROOT = Path(__file__).resolve().parents[2]
FLOWTALLY = Path(sys.executable).with_name("flowtally")
"""The console script a desktop shortcut runs (``flowtally interrupt``)."""


def _until_stored(reader: sqlite3.Connection, count: int, began: float) -> float:
    while reader.execute("SELECT count(*) FROM interruptions").fetchone()[0] == count:
        if time.perf_counter() - began > 5:
            raise RuntimeError("a press was not stored within 5 s")
        time.sleep(0.0002)
    return (time.perf_counter() - began) * 1000


def timed_presses(
    reader: sqlite3.Connection,
    presses: int,
    press: Callable[[], object],
    back: Callable[[], object],
) -> list[float]:
    """Milliseconds from ``press`` to the new row, readable by another process."""
    count = reader.execute("SELECT count(*) FROM interruptions").fetchone()[0]
    result = []
    for _ in range(presses):
        began = time.perf_counter()
        press()
        result.append(_until_stored(reader, count, began))
        count += 1
        back()
        time.sleep(0.25)
    return result


def interpreter_start(env: dict[str, str], runs: int) -> list[float]:
    result = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        result.append((time.perf_counter() - began) * 1000)
    return result


def wayland_rows(
    base_env: dict[str, str],
    work: Path,
    presses: int,
    percentile_99: Callable[[list[float]], float],
) -> list[str]:
    """The table rows, measured; none where this machine has no GNOME session to run.
    ``base_env``: the private folders the tray benchmark's apps use."""
    if not gnome_session.available():
        return []
    database = work / "wayland.sqlite3"
    with gnome_session.gnome_wayland_session() as session:
        env = {
            **base_env,
            **session,
            "QT_QPA_PLATFORM": "wayland",
            "FLOWTALLY_TRAY_WAIT_S": "1",
        }
        portal = gnome_session.StandInPortal(session["DBUS_SESSION_BUS_ADDRESS"])
        app = subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(database)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            portal.until("bind")
            cli = [str(FLOWTALLY), "--db", str(database)]
            deadline = time.monotonic() + 30
            while subprocess.run(
                [*cli, "start", "--task", "bench"], env=env, capture_output=True
            ).returncode:
                if time.monotonic() > deadline:
                    raise RuntimeError("the app did not start a block within 30 s")
                time.sleep(0.5)
            saved = dict(os.environ)
            os.environ.update(env)  # "I'm back" over the app's socket, in its private folders
            back = lambda: forward(str(database), ["back"])  # noqa: E731
            reader = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            portal_ms = timed_presses(reader, presses, portal.press, back)
            shortcut_ms = timed_presses(
                reader,
                max(presses // 4, 10),
                lambda: subprocess.run(
                    [*cli, "interrupt"], env=env, check=True, capture_output=True
                ),
                back,
            )
            reader.close()
            os.environ.clear()
            os.environ.update(saved)
            floor_ms = interpreter_start(env, max(presses // 4, 10))
        finally:
            app.terminate()
            app.wait(15)
            portal.close()

    def cell(values: list[float]) -> str:
        return f"median {statistics.median(values):.1f} ms, p99 {percentile_99(values):.1f} ms"

    return [
        f"| Wayland: portal Activated to committed row ({len(portal_ms)} presses) | | | "
        f"{cell(portal_ms)} |",
        f"| Wayland fallback: `flowtally interrupt` from a desktop shortcut to committed row "
        f"({len(shortcut_ms)}) | | interpreter start alone: {cell(floor_ms)} "
        f"| {cell(shortcut_ms)} |",
    ]

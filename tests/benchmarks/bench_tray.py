"""Benchmark: the tray app against a bare PySide6 tray app, started the same way, and against
a "floor" app: the bare tray plus only what any Flowtally needs (pynput listeners, the CLI's
local socket, an open SQLite file), and the same floor opening its file through SQLAlchemy
(which the brief mandates for the store).

    .venv/bin/python -m tests.benchmarks.bench_tray [--idle 60] [--presses 200]

Under Xvfb with trayer (as the end-to-end tests run), for each app: time from launch until the
tray host has embedded the icon (trayer grows to fit it), resident memory after ``--idle``
seconds, and CPU over those seconds (Flowtally with a running block). Then, for Flowtally,
hotkey-press-to-committed-row latency at a brisk human pace and in a burst: one persistent
``xdotool -`` process types the hotkey (no process start-up in the measurement) and the SQLite
file is polled until the row is there; beside it, what one commit alone costs on the same disk
(fsync sets that floor). Last, on a headless GNOME Wayland session with the stand-in
portal: the portal's ``Activated`` to committed row, and the fallback, a desktop shortcut's
``flowtally interrupt``, beside the interpreter's own start (tests/benchmarks/wayland_presses.py).
"""

import argparse
import contextlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from app.instance import forward
from tests import xserver
from tests.benchmarks.focus_rows import install_hanging_hook, status_line_rows
from tests.benchmarks.launch_floor import STEPS_BEFORE_THE_ICON
from tests.benchmarks.wayland_presses import wayland_rows
from tests.user_folders import returning_user

ROOT = Path(__file__).resolve().parents[2]
BARE_TRAY = """
import sys
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication(sys.argv)
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("#009E73"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.show()
"""
BARE_APP = BARE_TRAY + "app.exec()\n"
# The bare tray plus only what the brief requires of any Flowtally: pynput's hotkey and
# activity listeners (after the icon, as Flowtally starts them), a local socket server for
# the CLI, and an open SQLite file in WAL mode. No SQLAlchemy, no model, no widgets beyond
# the icon: the floor the 1.3x targets are measured against.
FLOOR_TEMPLATE = (
    BARE_TRAY
    + """
import sqlite3, tempfile
from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalServer
server = QLocalServer()
server.listen(tempfile.mktemp(prefix="floor-"))
def later():
    global listeners, db
    from pynput import keyboard, mouse
    listeners = [
        keyboard.GlobalHotKeys({"<ctrl>+<alt>+<shift>+i": lambda: None}),
        keyboard.Listener(on_press=lambda key: None),
        mouse.Listener(on_move=lambda *a: None),
    ]
    for listener in listeners:
        listener.start()
    OPEN_DATABASE
QTimer.singleShot(0, later)
app.exec()
"""
)
FLOOR_APP = FLOOR_TEMPLATE.replace(
    "OPEN_DATABASE",
    'db = sqlite3.connect(tempfile.mktemp(prefix="floor-", suffix=".sqlite3"))\n'
    '    db.execute("PRAGMA journal_mode=WAL")',
)
# The same floor with the database opened through SQLAlchemy Core, as the brief mandates
# for ``data/``: what the 1.5x memory target would be measured against if SQLAlchemy
# counted as a mandated part (importing it alone holds about 27 MB here).
SQLALCHEMY_FLOOR_APP = FLOOR_TEMPLATE.replace(
    "OPEN_DATABASE",
    "import sqlalchemy\n"
    '    url = "sqlite:///" + tempfile.mktemp(suffix=".sqlite3")\n'
    "    db = sqlalchemy.create_engine(url).connect()\n"
    '    db.exec_driver_sql("PRAGMA journal_mode=WAL")',
)


# The floor of a press: pynput's hotkey callback writes the row itself, with sqlite3 and the
# app's pragmas, on pynput's own thread. No Qt, no SQLAlchemy, no model, no journal: what
# any Python program that stores a hotkey press durably pays, from the key to the row.
PRESS_FLOOR_APP = """
import sqlite3, sys
from pynput import keyboard
db = sqlite3.connect(sys.argv[1], isolation_level=None, check_same_thread=False)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE interruptions (at REAL)")
def pressed():
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO interruptions VALUES (julianday('now'))")
    db.execute("COMMIT")
with keyboard.GlobalHotKeys({"<ctrl>+<alt>+<shift>+i": pressed}) as hotkeys:
    hotkeys.join()
"""


def private_env(display: str, work: Path) -> dict[str, str]:
    """The apps under test on ``display``, with their settings, data and runtime files in
    ``work`` (nothing of the user's is read or written): a returning user's, the first-run
    window marked as seen."""
    returning_user(work / "state")
    runtime = work / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        **os.environ,
        "DISPLAY": display,
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_STATE_HOME": str(work / "state"),
    }


def commit_latencies(folder: Path, count: int) -> list[float]:
    """Milliseconds per one-row commit with the app's pragmas (WAL, synchronous=FULL), on
    the same disk: the floor under hotkey-to-row latency, set by fsync."""
    connection = sqlite3.connect(folder / "fsync.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (x)")
    result = []
    for value in range(count):
        began = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t VALUES (?)", (value,))
        connection.execute("COMMIT")
        result.append((time.perf_counter() - began) * 1000)
        time.sleep(0.03)
    connection.close()
    return sorted(result)


# Seconds between presses: a brisk human pace (four a second is already fast for a hotkey),
# then a burst (33 a second) far beyond anyone's, where the threads contend most.
PACES = (0.25, 0.03)


def press_latencies(
    typist: IO[str],
    reader: sqlite3.Connection,
    presses: int,
    pause: float,
    come_back: Callable[[], object],
) -> list[float]:
    """Milliseconds from telling xdotool to type the hotkey until another process can read
    the new row; ``pause`` seconds between one stored press and the next. Each interruption
    is ended by ``come_back`` (not timed): a press while one goes on adds no row."""
    count = reader.execute("SELECT count(*) FROM interruptions").fetchone()[0]
    result = []
    for _ in range(presses):
        began = time.perf_counter()
        typist.write("key --delay 0 ctrl+alt+shift+i\n")
        typist.flush()
        while reader.execute("SELECT count(*) FROM interruptions").fetchone()[0] == count:
            if time.perf_counter() - began > 5:
                raise RuntimeError("a press was not stored within 5 s")
            time.sleep(0.0002)
        result.append((time.perf_counter() - began) * 1000)
        count += 1
        come_back()
        time.sleep(pause)
    return result


def press_floor(
    typist: IO[str], work: Path, env: dict[str, str], presses: int
) -> dict[float, list[float]]:
    """Press-to-row latencies of :data:`PRESS_FLOOR_APP`, at the same paces (Flowtally has
    quit: the hotkey is the floor's alone)."""
    script, database = work / "press_floor.py", work / "press_floor.sqlite3"
    script.write_text(PRESS_FLOOR_APP)
    process = subprocess.Popen([sys.executable, str(script), str(database)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(sqlite3.Error):
                reader = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
                reader.execute("SELECT count(*) FROM interruptions")
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the press floor app did not start")
            time.sleep(0.1)
        time.sleep(1)  # pynput's listener is up a moment after the table
        result = {
            pause: press_latencies(typist, reader, presses, pause, lambda: None) for pause in PACES
        }
        reader.close()
        return result
    finally:
        process.terminate()
        process.wait(15)


def percentile_99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def tray_width(env: dict[str, str]) -> int:
    found = subprocess.run(
        ["xdotool", "search", "--class", "trayer", "getwindowgeometry", "%@"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    widths = [
        int(line.split()[1].split("x")[0]) for line in found.splitlines() if "Geometry:" in line
    ]
    return max(widths, default=0)


def launch(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], float]:
    before = tray_width(env)
    began = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while tray_width(env) <= before:
        if time.perf_counter() - began > 30:
            raise RuntimeError("the icon never appeared")
        time.sleep(0.002)
    return process, time.perf_counter() - began


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_profile(pid: int, seconds: float) -> tuple[float, float]:
    """RSS (MB) after ``seconds`` and CPU (% of one core) over them."""
    cpu_before = cpu_seconds(pid)
    time.sleep(seconds)
    return rss_mb(pid), (cpu_seconds(pid) - cpu_before) / seconds * 100


def wait_until_settled(cli: list[str], env: dict[str, str]) -> None:
    """Until the app's back end (the store, pynput) has started after the icon."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answer = subprocess.run(
            [*cli, "status", "--json"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if answer.returncode == 0 and (json.loads(answer.stdout).get("app") or {}).get(
            "hotkey_active"
        ):
            return
        time.sleep(0.2)
    raise RuntimeError("the app did not settle within 30 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--idle", type=float, default=60)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5, help="launches per app for start time")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="flowtally-bench-tray-"))
    scripts = {"bare": BARE_APP, "floor": FLOOR_APP, "floor_sqlalchemy": SQLALCHEMY_FLOOR_APP}
    database = work / "bench.sqlite3"

    with xserver.virtual_display() as display:
        env = private_env(display, work)
        flowtally = [sys.executable, "-m", "app", "--db", str(database)]
        commands = {}
        for name, code in scripts.items():
            (work / f"{name}.py").write_text(code)
            commands[name] = [sys.executable, str(work / f"{name}.py")]
        (work / "floor_steps.py").write_text(STEPS_BEFORE_THE_ICON + BARE_APP)
        steps_database = ["--db", str(work / "steps.sqlite3")]
        commands["floor_steps"] = [sys.executable, str(work / "floor_steps.py"), *steps_database]
        commands["flowtally"] = flowtally
        starts: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                process, seconds = launch(command, env)
                starts[name].append(seconds)
                time.sleep(1.0)
                stop(process)
                time.sleep(0.5)

        idle: dict[str, tuple[float, float]] = {}
        for name in scripts:
            process, _ = launch(commands[name], env)
            idle[name] = idle_profile(process.pid, args.idle)
            stop(process)

        install_hanging_hook(work / "config")  # every event: a press, the start, a phase
        process, _ = launch(flowtally, env)
        cli = [sys.executable, "-m", "app", "--db", str(database)]
        wait_until_settled(cli, env)
        subprocess.run(
            [*cli, "start", "--task", "benchmark"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        time.sleep(5)  # idle means after the start-up and the command, not during them
        idle["flowtally"] = idle_profile(process.pid, args.idle)

        typist = subprocess.Popen(["xdotool", "-"], env=env, stdin=subprocess.PIPE, text=True)
        assert typist.stdin is not None
        reader = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        latencies: dict[float, list[float]] = {}
        os.environ.update(env)  # "I'm back" goes over the app's socket, in its private folders

        def back() -> object:
            return forward(str(database), ["back"])

        for pause in PACES:
            latencies[pause] = press_latencies(typist.stdin, reader, args.presses, pause, back)
        focus = status_line_rows(cli, env)
        reader.close()
        stop(process)
        floor_presses = press_floor(typist.stdin, work, env, args.presses)
        typist.stdin.close()
        typist.wait(5)
    base_env = {k: v for k, v in private_env(":0", work).items() if k != "DISPLAY"}
    wayland = wayland_rows(base_env, work, args.presses, percentile_99)

    commits = commit_latencies(work, args.presses)
    start = {name: statistics.median(values) * 1000 for name, values in starts.items()}
    rss = {name: values[0] for name, values in idle.items()}

    def against_floor(values: dict[str, float], unit: str) -> str:
        """Each app's value, and past the bare tray its ratio to the floor app."""
        floor = values["floor"]
        cells = [f"{values['bare']:.0f} {unit}", f"{floor:.0f} {unit}"]
        for name in ("floor_sqlalchemy", "flowtally"):
            cells.append(f"{values[name]:.0f} {unit} ({values[name] / floor:.2f}x the floor)")
        return " | ".join(cells)

    print("| what | bare PySide6 tray | floor | floor with SQLAlchemy | Flowtally |")
    print("|---|---|---|---|---|")
    print(f"| launch to icon embedded (median of {args.runs}) | {against_floor(start, 'ms')} |")
    print(f"| resident memory after {args.idle:.0f} s idle | {against_floor(rss, 'MB')} |")
    steps = start["floor_steps"]
    print(
        f"| launch: the bare icon after the steps any Flowtally takes first | | "
        f"{steps:.0f} ms ({steps / start['floor']:.2f}x the floor) | | Flowtally: "
        f"{start['flowtally'] / steps:.2f}x this |"
    )
    print(
        f"| CPU over {args.idle:.0f} s idle (block running) | {idle['bare'][1]:.3f} % | | "
        f"| {idle['flowtally'][1]:.3f} % |"
    )
    print(
        f"| one-row commit, WAL + synchronous=FULL ({args.presses}) | | median "
        f"{statistics.median(commits):.1f} ms, p99 {percentile_99(commits):.1f} ms | | |"
    )
    for pause, values in latencies.items():
        floor_p99 = percentile_99(floor_presses[pause])
        print(
            f"| hotkey press to committed row ({args.presses} presses, {1 / pause:.0f} a "
            f"second) | | pynput writing the row itself: median "
            f"{statistics.median(floor_presses[pause]):.1f} ms, p99 {floor_p99:.1f} ms | | "
            f"median {statistics.median(values):.1f} ms, p99 {percentile_99(values):.1f} ms, "
            f"a hook hanging on every event; own part at p99: "
            f"{percentile_99(values) - percentile_99(commits):.1f} ms less the bare commit, "
            f"{percentile_99(values) - floor_p99:.1f} ms less the floor |"
        )
    for row in [*focus, *wayland]:
        print(row)


if __name__ == "__main__":
    main()

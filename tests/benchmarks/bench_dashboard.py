"""Benchmark: the dashboard on five years of data — opening it, and switching weeks.

    .venv/bin/python -m tests.benchmarks.bench_dashboard [--years 5] [--db FILE] [--switches 20]

Builds the five-year data set of ``bench_store`` (or uses ``--db``), starts Xvfb, and in one
process times, from the request to the week fully drawn (view shown and its visible chart
rendered): the first opening (including importing matplotlib), opening it on another week,
stepping back and forward one week at a time (after looking at each week for a moment, as a
user does, and clicking as fast as weeks are drawn), and jumping to a far week (twelve weeks to
compute). Each chart page is also
timed when its tab is first shown.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from tests import xserver
from tests.benchmarks.bench_store import ROOT, ZONE, generate

LOOK_S = 1.5


def build_database(years: int) -> str:
    workdir = Path(tempfile.mkdtemp(prefix="flowtally-bench-"))
    db = workdir / "bench.sqlite3"
    source = workdir / "data.json"
    source.write_text(json.dumps({"format": "flowtally/1", "blocks": generate(years)}))
    subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "--tz", ZONE, "import", str(source)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return str(db)


def run(db: str, switches: int) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.gui.dashboard import Dashboard
    from tracker.settings import ModelParams

    def wait(condition: Callable[[], bool]) -> None:
        while not condition():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    board = Dashboard(db, ModelParams(), ZONE)
    window = board.window

    def page_drawn(key: str) -> bool:
        rendered = window.pages[key].rendered
        return rendered is not None and rendered.view is window.view

    def drawn() -> bool:
        return window.view is not None and page_drawn("week")

    def open_on(monday: date) -> float:
        began = time.perf_counter()
        board.show(monday)
        wait(lambda: drawn() and window.view is not None and window.monday == monday)
        app.processEvents()
        return time.perf_counter() - began

    def step(action: Callable[[], None], target: date) -> float:
        began = time.perf_counter()
        action()
        wait(lambda: drawn() and window.monday == target)
        app.processEvents()
        return time.perf_counter() - began

    latest = date(2026, 11, 16)
    first_open = open_on(latest)
    other_open = open_on(latest - timedelta(weeks=30))

    def pause(seconds: float) -> None:
        """A user looks at the week before moving on (the worker draws the next one)."""
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    monday = latest - timedelta(weeks=30)
    back, fast, forward = [], [], []
    for _ in range(switches):
        pause(LOOK_S)
        monday -= timedelta(weeks=1)
        back.append(step(window.previous_week, monday))
    for _ in range(switches):
        monday -= timedelta(weeks=1)
        fast.append(step(window.previous_week, monday))
    for _ in range(switches):
        pause(LOOK_S)
        monday += timedelta(weeks=1)
        forward.append(step(window.next_week, monday))
    jumps = []
    for weeks in (80, 120, 160):
        jumps.append(open_on(latest - timedelta(weeks=weeks)))
    pages = {}
    for index in range(window.tabs.count() - 1):
        tab = window.tabs.widget(index)
        assert tab is not None
        began = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        key = tab.objectName()
        wait(partial(page_drawn, key))
        app.processEvents()
        pages[key] = time.perf_counter() - began
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    view = window.view
    assert view is not None
    blocks = len(view.blocks)
    interruptions = sum(len(b.interruptions) for b in view.blocks)
    board.close()

    def ms(samples: list[float]) -> str:
        return f"{statistics.median(samples) * 1000:.0f} ms (max {max(samples) * 1000:.0f})"

    print(f"a week of this data set: {blocks} blocks, {interruptions} interruptions")
    print()
    print("| what (request to fully drawn) | time |")
    print("|---|---|")
    print(f"| first opening, matplotlib import included | {first_open * 1000:.0f} ms |")
    print(f"| opening on another week (12 weeks to compute) | {other_open * 1000:.0f} ms |")
    print(f"| previous week, after looking at a week for {LOOK_S:g} s | {ms(back)} |")
    print(f"| next week, after looking at a week for {LOOK_S:g} s | {ms(forward)} |")
    print(f"| previous week, clicked again as soon as drawn | {ms(fast)} |")
    print(f"| jump to a far week (12 weeks to compute) | {ms(jumps)} |")
    for key, seconds in pages.items():
        print(f"| first view of the {key} page | {seconds * 1000:.0f} ms |")
    print(f"| peak memory of the process | {rss_mb:.0f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--db", help="an existing SQLite file (default: build the data set)")
    parser.add_argument("--switches", type=int, default=20)
    args = parser.parse_args()
    began = time.perf_counter()
    db = args.db or build_database(args.years)
    print(f"data set ready in {time.perf_counter() - began:.0f} s: {db}")
    if os.environ.get("DISPLAY"):
        run(db, args.switches)
        return
    with xserver.virtual_display(tray=False) as display:
        os.environ["DISPLAY"] = display
        run(db, args.switches)


if __name__ == "__main__":
    main()

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
from typing import TYPE_CHECKING

from tests import xserver
from tests.benchmarks.bench_store import ROOT, generate
from tests.benchmarks.store_floors import ZONE
from tracker.report import WeekReport

if TYPE_CHECKING:
    from ui.charts_render import PageSpec

LOOK_S = 1.5
LAG_TICK_MS = 20
FLOOR_RUNS = 5


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


def after(
    shown: Callable[[object], None], waiting: list[Callable[[], None]], answer: object
) -> None:
    shown(answer)
    for check in list(waiting):
        check()


def run(db: str, switches: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from app.gui.dashboard import Dashboard
    from tracker.settings import ModelParams

    waiting: list[Callable[[], None]] = []

    def wait(condition: Callable[[], bool]) -> None:
        """Run the event loop as the app does, asleep between events, until ``condition``
        holds after something the worker sent is shown. (Polling would take Python's lock
        from the worker thread, and slow down what is measured.)"""
        loop = QEventLoop()

        def check() -> None:
            if condition():
                loop.quit()

        waiting.append(check)
        if not condition():
            loop.exec()
        waiting.remove(check)

    board = Dashboard(db, ModelParams(), ZONE)
    window = board.window
    for name in ("show_view", "show_trend", "show_rendered"):  # what the worker's answers do
        shown = getattr(window, name)
        setattr(window, name, partial(after, shown, waiting))

    def page_drawn(key: str) -> bool:
        rendered = window.pages[key].rendered
        return (
            rendered is not None
            and window.view is not None
            and rendered.view.report is window.view.report
        )

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

    lags: list[float] = []
    lag_timer = QTimer(interval=LAG_TICK_MS)
    ticked = [time.perf_counter()]

    def tick() -> None:
        """How late the event loop ran a steady timer: the GUI thread's stalls."""
        at = time.perf_counter()
        lags.append(max(0.0, at - ticked[0] - LAG_TICK_MS / 1000))
        ticked[0] = at

    lag_timer.timeout.connect(tick)
    lag_timer.start()
    latest = date(2026, 11, 16)
    first_open = open_on(latest)
    other_open = open_on(latest - timedelta(weeks=30))

    def pause(seconds: float) -> None:
        """A user looks at the week before moving on (the worker draws the next one)."""
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

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
    lag_timer.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    view = window.view
    assert view is not None
    one_week = new_week_floor(db, window.pages["week"].spec(), latest - timedelta(weeks=200))
    blocks = len(view.blocks)
    interruptions = sum(len(b.interruptions) for b in view.blocks)
    board.close()

    def ms(samples: list[float]) -> str:
        p95 = samples[0]
        if len(samples) > 1:
            p95 = statistics.quantiles(samples, n=20, method="inclusive")[-1]
        return (
            f"{statistics.median(samples) * 1000:.0f} ms "
            f"(p95 {p95 * 1000:.0f}, max {max(samples) * 1000:.0f})"
        )

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
    print(f"| the event loop's lag behind a {LAG_TICK_MS} ms timer | {ms(lags)} |")
    print()
    print("| floor, measured in this run | time |")
    print("|---|---|")
    print(f"| a fresh process importing matplotlib and drawing the week page | {first_floor(db)} |")
    print(f"| one new week: its view from the kept weeks, and its page drawn | {ms(one_week)} |")


FIRST_FLOOR = """
import sys, time
from datetime import date
from app.commands.weeks import load_view
from data.store import Store
from tracker.clock import now
from tracker.settings import ModelParams
from ui.chart_style import Theme
view = load_view(Store.open(sys.argv[1]), ModelParams(), sys.argv[2], date(2026, 11, 16), now())
began = time.perf_counter()
from ui.charts_render import PageSpec, render_page
render_page(view, PageSpec("week", 1076, 560, 1.0, Theme()))
print(time.perf_counter() - began)
"""


def first_floor(db: str) -> str:
    """The least a first opening can take: importing matplotlib and drawing one page, in a
    process that has the week's view already."""
    runs = []
    for _ in range(FLOOR_RUNS):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_FLOOR, db, ZONE],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(float(done.stdout.split()[-1]))
    return f"{statistics.median(runs) * 1000:.0f} ms (median of {FLOOR_RUNS})"


def new_week_floor(db: str, spec: "PageSpec", far: date) -> list[float]:
    """The least a week nothing was prepared for takes: stepping back from ``far`` with the
    weeks before kept, its view computed and its page drawn, one after the other."""
    from app.commands.weeks import load_view
    from data.store import Store
    from tracker.clock import now
    from tracker.settings import ModelParams
    from ui.charts_render import render_page

    kept: dict[date, WeekReport] = {}
    samples = []
    with Store.open(db) as store:
        load_view(store, ModelParams(), ZONE, far, now(), kept)
        for weeks in range(1, FLOOR_RUNS * 4 + 1):
            began = time.perf_counter()
            view = load_view(store, ModelParams(), ZONE, far + timedelta(weeks=weeks), now(), kept)
            render_page(view, spec)
            samples.append(time.perf_counter() - began)
    return samples


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

"""Benchmark: the store's part of a press and of "I'm back", beside a bare commit.

    .venv/bin/python -m tests.benchmarks.bench_press [--presses 40]

In one process, on SQLite files in a new folder: a block runs, and each round presses
(``Store.press``, an interruption going on), says "I'm back" (``Store.back``), and commits
one row to a bare SQLite file with the same ``synchronous=FULL`` and WAL: the floor any
durable press pays. The block collects one interruption a round, so the later rounds show
what a block with many interruptions costs. ``bench_tray`` times the whole way from the key.
"""

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from data.store import Store
from tracker.model import Interruption


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[max(0, round(len(ordered) * 0.99) - 1)]
    return f"median {statistics.median(samples) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="flowtally-bench-press-"))
    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute("CREATE TABLE presses (id INTEGER PRIMARY KEY, at TEXT)")
    presses: list[float] = []
    backs: list[float] = []
    commits: list[float] = []
    with Store.open(str(folder / "flowtally.sqlite3")) as store:
        began = datetime.now(UTC) - timedelta(minutes=2 * args.presses + 10)
        store.start(began, "UTC")
        for index in range(args.presses):
            at = began + timedelta(minutes=2 * index, seconds=10)
            start = time.perf_counter()
            store.press(Interruption(at, ongoing=True))
            presses.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.back(at + timedelta(seconds=30))
            backs.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO presses (at) VALUES (?)", (at.isoformat(),))
            bare.execute("COMMIT")
            commits.append(time.perf_counter() - start)
    quarter = max(1, args.presses // 4)
    print("| what | floor, same run | Flowtally |")
    print("|---|---|---|")
    print(f"| `Store.press` | one-row commit: {summary(commits)} | {summary(presses)} |")
    print(f"| `Store.back`, the first {quarter} interruptions | | {summary(backs[:quarter])} |")
    print(f"| `Store.back`, the last {quarter} | | {summary(backs[-quarter:])} |")


if __name__ == "__main__":
    main()
